package jollama.engine.generate;

import jollama.models.LanguageModel;
import jollama.models.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * The sequences (KV caches) of one loaded model, one per generation running at a time. A new
 * generation gets the free slot whose cached tokens share the longest prefix with its prompt,
 * so a conversation that goes on re-evaluates only its new tokens. Slots are created on demand:
 * a KV cache is the largest allocation a generation makes.
 */
public final class SequenceSlots {

    /** A sequence and the tokens it holds. */
    public static final class Slot {
        final Sequence sequence;
        final int[] tokens;
        private final DecodeBatcher batcher;
        private final DecodeBatcher.Request request;

        Slot(Sequence sequence, DecodeBatcher batcher) {
            this.sequence = sequence;
            this.tokens = new int[sequence.capacity()];
            this.batcher = batcher;
            this.request = new DecodeBatcher.Request(sequence);
        }

        /** Tokens held, shared with {@code prompt}. */
        int commonPrefix(int[] prompt) {
            int n = Math.min(sequence.length(), prompt.length);
            int i = 0;
            while (i < n && tokens[i] == prompt[i]) {
                i++;
            }
            return i;
        }

        /** Evaluates {@code count} tokens after the held ones and records them. */
        float[] append(int[] ids, int offset, int count) {
            int at = sequence.length();
            float[] logits = sequence.append(ids, offset, count);
            System.arraycopy(ids, offset, tokens, at, count);
            return logits;
        }

        /** Evaluates one generated token, in a step shared with the other slots decoding now. */
        float[] decode(int token) {
            int at = sequence.length();
            float[] logits;
            try {
                logits = batcher.decode(request, token);
            } catch (RuntimeException e) {
                // the step may have got past this sequence's layers: forget the position, so that
                // the cached tokens never disagree with the KV cache
                sequence.truncate(at);
                throw e;
            }
            tokens[at] = token;
            return logits;
        }

        /** Evaluates {@code ids} from an empty sequence, writing each token's final hidden state. */
        public void evaluateHidden(int[] ids, float[] hidden) {
            sequence.truncate(0);
            sequence.appendHidden(ids, 0, ids.length, hidden);
            System.arraycopy(ids, 0, tokens, 0, ids.length);
        }

        public int capacity() {
            return sequence.capacity();
        }

        public int length() {
            return sequence.length();
        }
    }

    private final LanguageModel model;
    private final int capacity;
    private final int maxSlots;
    private final Semaphore available;
    private final DecodeBatcher batcher;
    private final List<Slot> free = new ArrayList<>();
    private int created;

    public SequenceSlots(LanguageModel model, int capacity, int maxSlots) {
        if (maxSlots < 1) {
            throw new IllegalArgumentException("at least one sequence slot is needed");
        }
        this.model = model;
        this.capacity = capacity;
        this.maxSlots = maxSlots;
        this.available = new Semaphore(maxSlots, true);
        this.batcher = new DecodeBatcher(model, maxSlots);
    }

    /** Positions per sequence (the context length). */
    public int capacity() {
        return capacity;
    }

    /** Waits for a slot; the best one for {@code prompt} when several are free. */
    public Slot acquire(int[] prompt) throws InterruptedException {
        available.acquire();
        synchronized (this) {
            Slot best = null;
            int bestPrefix = -1;
            for (Slot s : free) {
                int p = s.commonPrefix(prompt);
                if (p > bestPrefix) {
                    best = s;
                    bestPrefix = p;
                }
            }
            if (best != null && (bestPrefix > 0 || created == maxSlots)) {
                free.remove(best);
                return best;
            }
            created++;
        }
        try {
            return new Slot(model.newSequence(capacity), batcher);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                created--;
            }
            available.release();
            throw e;
        }
    }

    /** {@link #acquire}, turning an interrupt into an unchecked exception (the interrupt flag stays set). */
    public Slot acquireUninterruptibly(int[] prompt) {
        try {
            return acquire(prompt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free sequence", e);
        }
    }

    /** A generation has evaluated its prompt and decodes from now on (see {@link DecodeBatcher}). */
    void startDecoding() {
        batcher.joined();
    }

    /** A generation that {@link #startDecoding started decoding} has ended. */
    void stopDecoding() {
        batcher.left();
    }

    public void release(Slot slot) {
        synchronized (this) {
            free.add(slot);
        }
        available.release();
    }
}
