package jollama.bench;

/** JVM flags of every benchmark fork: the ones the jollama launcher gives the kernels. */
final class ForkFlags {

    static final String ADD_MODULES = "--add-modules";
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    /**
     * The launcher runs without the Vector API's per-load bounds checks (the kernels check their
     * ranges once per call), so the benchmarks measure that too.
     */
    static final String UNCHECKED_VECTOR_ACCESS = "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0";

    private ForkFlags() {
    }
}
