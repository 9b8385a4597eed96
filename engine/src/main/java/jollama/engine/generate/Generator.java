package jollama.engine.generate;

import jollama.engine.sampling.GenerationOptions;
import jollama.engine.structured.ConstraintState;
import jollama.engine.tokenizer.Tokenizer;

/** Starts generations on a model's sequence slots. */
public final class Generator {

    private final SequenceSlots slots;
    private final Tokenizer tokenizer;
    private final EndOfGeneration endOfGeneration;
    private final int vocabSize;

    public Generator(SequenceSlots slots, Tokenizer tokenizer, EndOfGeneration endOfGeneration, int vocabSize) {
        this.slots = slots;
        this.tokenizer = tokenizer;
        this.endOfGeneration = endOfGeneration;
        this.vocabSize = vocabSize;
    }

    /** Waits for a free sequence and returns the generation; the prompt is evaluated on its first step. */
    public Generation start(int[] prompt, GenerationOptions options, int topLogprobs) {
        return start(prompt, options, topLogprobs, null);
    }

    /** {@link #start(int[], GenerationOptions, int)} with the reply held to {@code constraint} (null: free). */
    public Generation start(int[] prompt, GenerationOptions options, int topLogprobs, ConstraintState constraint) {
        SequenceSlots.Slot slot = slots.acquireUninterruptibly(prompt);
        try {
            return new Generation(slots, slot, prompt, tokenizer, endOfGeneration, options, vocabSize, topLogprobs,
                    constraint);
        } catch (RuntimeException e) {
            slots.release(slot);
            throw e;
        }
    }
}
