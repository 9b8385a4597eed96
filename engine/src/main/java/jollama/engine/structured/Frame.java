package jollama.engine.structured;

/**
 * One entry of a configuration's stack: the state to return to when the called rule ends.
 * Immutable and shared, so that configurations that differ in their top states keep one stack.
 */
final class Frame {

    final int returnState;
    final Frame parent;
    /** Bytes needed to finish every rule on this stack, this frame's included. */
    final int sum;
    private final int hash;

    Frame(int returnState, Frame parent, int dist) {
        this.returnState = returnState;
        this.parent = parent;
        this.sum = dist + (parent == null ? 0 : parent.sum);
        this.hash = 31 * (parent == null ? 0 : parent.hash) + returnState;
    }

    static boolean same(Frame a, Frame b) {
        while (a != b) {
            if (a == null || b == null || a.hash != b.hash || a.returnState != b.returnState) {
                return false;
            }
            a = a.parent;
            b = b.parent;
        }
        return true;
    }

    static int sum(Frame f) {
        return f == null ? 0 : f.sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && same(this, f);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
