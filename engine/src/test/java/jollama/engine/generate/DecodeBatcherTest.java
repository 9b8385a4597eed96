package jollama.engine.generate;

import jollama.models.LanguageModel;
import jollama.models.Sequence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecodeBatcherTest {

    /** A model whose "logits" are [sequence id, token, step size], recording every step's size. */
    static final class RecordingModel implements LanguageModel {
        final List<Integer> stepSizes = new ArrayList<>();
        volatile boolean fail;

        @Override public String architecture() { return "fake"; }
        @Override public int vocabularySize() { return 3; }
        @Override public int embeddingLength() { return 1; }
        @Override public int trainedContextLength() { return 1000; }
        @Override public Sequence newSequence(int capacity) { throw new UnsupportedOperationException(); }

        @Override
        public void decode(Sequence[] sequences, int[] tokens, int count, float[][] logits) {
            synchronized (stepSizes) {
                stepSizes.add(count);
            }
            if (fail) {
                throw new IllegalStateException("step failed");
            }
            for (int i = 0; i < count; i++) {
                FakeSequence s = (FakeSequence) sequences[i];
                s.length++;
                s.logits[0] = s.id;
                s.logits[1] = tokens[i];
                s.logits[2] = count;
                logits[i] = s.logits;
            }
        }
    }

    static final class FakeSequence implements Sequence {
        final int id;
        final float[] logits = new float[3];
        int length;

        FakeSequence(int id) { this.id = id; }
        @Override public int length() { return length; }
        @Override public int capacity() { return 1000; }
        @Override public float[] append(int[] tokens, int offset, int count) { throw new UnsupportedOperationException(); }
        @Override public void appendHidden(int[] tokens, int offset, int count, float[] hidden) { throw new UnsupportedOperationException(); }
        @Override public void truncate(int length) { this.length = length; }
    }

    @Test
    void concurrentDecodersShareEachStep() throws Exception {
        RecordingModel model = new RecordingModel();
        int streams = 4;
        int steps = 25;
        // a wide gathering window: every step waits for all four, so the count is exact
        DecodeBatcher batcher = new DecodeBatcher(model, streams, TimeUnit.SECONDS.toNanos(5));
        for (int i = 0; i < streams; i++) {
            batcher.joined();
        }
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                int id = i;
                done.add(pool.submit(() -> {
                    FakeSequence seq = new FakeSequence(id);
                    DecodeBatcher.Request request = new DecodeBatcher.Request(seq);
                    for (int step = 0; step < steps; step++) {
                        float[] logits = batcher.decode(request, 100 * id + step);
                        assertEquals(id, (int) logits[0], "each request gets its own sequence's logits");
                        assertEquals(100 * id + step, (int) logits[1], "with its own token evaluated");
                    }
                    assertEquals(steps, seq.length);
                    batcher.left();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(steps, model.stepSizes.size(), "one step per token for all streams together: " + model.stepSizes);
        assertTrue(model.stepSizes.stream().allMatch(n -> n == streams), model.stepSizes.toString());
    }

    @Test
    @Timeout(20)
    void aLoneDecoderDoesNotWait() {
        RecordingModel model = new RecordingModel();
        DecodeBatcher batcher = new DecodeBatcher(model, 4, TimeUnit.SECONDS.toNanos(30));
        batcher.joined();
        DecodeBatcher.Request request = new DecodeBatcher.Request(new FakeSequence(7));
        for (int i = 0; i < 10; i++) { // waiting for absent partners would take 30 s per step and time out
            assertEquals(i, (int) batcher.decode(request, i)[1]);
        }
        assertEquals(List.of(1, 1, 1, 1, 1, 1, 1, 1, 1, 1), model.stepSizes);
    }

    @Test
    void aFailedStepFailsItsRequestsAndTheNextStepRuns() {
        RecordingModel model = new RecordingModel();
        DecodeBatcher batcher = new DecodeBatcher(model, 2);
        batcher.joined();
        DecodeBatcher.Request request = new DecodeBatcher.Request(new FakeSequence(1));
        model.fail = true;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> batcher.decode(request, 5));
        assertEquals("step failed", e.getMessage());
        model.fail = false;
        assertEquals(6, (int) batcher.decode(request, 6)[1]);
    }
}
