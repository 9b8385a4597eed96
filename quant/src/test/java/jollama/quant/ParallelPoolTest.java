package jollama.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParallelPoolTest {

    @Test
    void everyWorkerRunsEachTaskExactlyOnce() {
        try (ParallelPool pool = new ParallelPool(3)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            for (int i = 0; i < 2000; i++) {
                pool.run((worker, workers) -> {
                    assertEquals(3, workers);
                    runs.incrementAndGet(worker);
                });
            }
            for (int w = 0; w < 3; w++) {
                assertEquals(2000, runs.get(w), "worker " + w);
            }
        }
    }

    @Test
    void workersWakeUpAfterParking() throws InterruptedException {
        try (ParallelPool pool = new ParallelPool(2)) {
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            pool.run((worker, workers) -> runs.incrementAndGet(worker));
            Thread.sleep(50); // well past the spin phase: the worker is parked
            pool.run((worker, workers) -> runs.incrementAndGet(worker));
            assertEquals(2, runs.get(0));
            assertEquals(2, runs.get(1));
        }
    }

    @Test
    void failuresReachTheCallerAndThePoolStaysUsable() {
        try (ParallelPool pool = new ParallelPool(2)) {
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            for (int failing = 0; failing < 2; failing++) {
                int f = failing;
                RuntimeException thrown = assertThrows(RuntimeException.class, () -> pool.run((worker, workers) -> {
                    if (worker == f) {
                        throw boom;
                    }
                }));
                assertSame(boom, thrown);
            }
            AtomicLong sum = new AtomicLong();
            pool.run((worker, workers) -> sum.addAndGet(worker + 1));
            assertEquals(3, sum.get());
        }
    }

    @Test
    void nestedRunIsRefused() {
        try (ParallelPool pool = new ParallelPool(2)) {
            assertThrows(IllegalStateException.class, () -> pool.run((worker, workers) -> pool.run((a, b) -> { })));
        }
    }

    @Test
    void concurrentCallersTakeTurns() throws InterruptedException {
        try (ParallelPool pool = new ParallelPool(2)) {
            AtomicLong total = new AtomicLong();
            Thread[] callers = new Thread[3];
            for (int c = 0; c < callers.length; c++) {
                callers[c] = new Thread(() -> {
                    for (int i = 0; i < 300; i++) {
                        pool.run((worker, workers) -> total.incrementAndGet());
                    }
                });
                callers[c].start();
            }
            for (Thread t : callers) {
                t.join();
            }
            assertEquals(3 * 300 * 2, total.get());
        }
    }

    @Test
    void closedPoolRefusesWork() {
        ParallelPool pool = new ParallelPool(2);
        pool.close();
        pool.close();
        assertThrows(IllegalStateException.class, () -> pool.run((worker, workers) -> { }));
    }

    @Test
    void singleThreadPoolRunsOnTheCaller() {
        try (ParallelPool pool = new ParallelPool(1)) {
            Thread caller = Thread.currentThread();
            pool.run((worker, workers) -> assertSame(caller, Thread.currentThread()));
        }
    }
}
