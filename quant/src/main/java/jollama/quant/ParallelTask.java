package jollama.quant;

/** Work that {@link ParallelPool#run} runs once on each of its workers. */
@FunctionalInterface
public interface ParallelTask {

    /**
     * Runs this worker's share.
     *
     * @param worker 0 .. workers-1 (0 is the thread that called {@link ParallelPool#run})
     * @param workers how many workers run the task
     */
    void run(int worker, int workers);
}
