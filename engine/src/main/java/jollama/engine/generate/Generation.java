package jollama.engine.generate;

import jollama.engine.sampling.GenerationOptions;
import jollama.engine.sampling.LogprobCalculator;
import jollama.engine.sampling.Sampler;
import jollama.engine.sampling.StopEmission;
import jollama.engine.sampling.StopSequenceMatcher;
import jollama.engine.structured.ConstraintState;
import jollama.engine.tokenizer.StreamingTokenDecoder;
import jollama.engine.tokenizer.Tokenizer;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * One running generation: the prompt is evaluated on the first {@link #hasNext()}, then each
 * {@link #next()} yields one generated token with the text it releases. Ends at an
 * end-of-generation token, a stop sequence, {@code num_predict} tokens, a full context, or
 * {@link #cancel()}; then {@link #result()} has the totals. Close it (or run it to the end) to give
 * its sequence back. Not thread-safe, except {@link #cancel()}, which any thread may call.
 */
public final class Generation implements Iterator<GeneratedToken>, AutoCloseable {

    private final SequenceSlots slots;
    private final SequenceSlots.Slot slot;
    private final int[] prompt;
    private final EndOfGeneration endOfGeneration;
    private final Sampler sampler;
    private final StreamingTokenDecoder decoder;
    private final StopSequenceMatcher stops;
    private final LogprobCalculator logprobs;
    private final int topLogprobs;
    private final int numPredict;
    /** Structured output: the JSON the reply must be, or null for free text. */
    private final ConstraintState constraint;
    private final int vocabSize;
    private final StringBuilder text = new StringBuilder();

    private volatile boolean cancelled;
    private boolean started;
    private boolean released;
    private boolean decoding;
    private float[] logits;
    private int lastToken = -1;
    /** Whether {@link #lastToken} was sampled but not yet evaluated (it is then not in the slot). */
    private boolean lastPending;
    private GeneratedToken pending;
    private DoneReason doneReason;
    private int[] context;
    private int promptEvalCount;
    private long promptEvalNanos;
    private int evalCount;
    private long evalNanos;

    /**
     * @param topLogprobs -1 for no log-probabilities, else how many alternatives (0 to 20) to report
     */
    Generation(SequenceSlots slots, SequenceSlots.Slot slot, int[] prompt, Tokenizer tokenizer,
               EndOfGeneration endOfGeneration, GenerationOptions options, int vocabSize, int topLogprobs,
               ConstraintState constraint) {
        this.slots = slots;
        this.slot = slot;
        this.prompt = prompt;
        this.endOfGeneration = endOfGeneration;
        this.vocabSize = vocabSize;
        this.sampler = new Sampler(options, vocabSize);
        this.decoder = tokenizer.streamingDecoder();
        this.stops = new StopSequenceMatcher(options.stop());
        this.topLogprobs = topLogprobs;
        this.logprobs = topLogprobs >= 0 ? new LogprobCalculator() : null;
        this.numPredict = options.numPredict();
        this.constraint = constraint;
    }

    /** Stops the generation before its next token; safe from any thread. */
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean hasNext() {
        if (pending != null) {
            return true;
        }
        if (doneReason != null) {
            return false;
        }
        if (!started) {
            started = true;
            evaluatePrompt();
        }
        produce();
        return pending != null;
    }

    @Override
    public GeneratedToken next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the generation has ended");
        }
        GeneratedToken t = pending;
        pending = null;
        return t;
    }

    /** Runs to the end, passing each token to {@code onToken}, and returns the result. */
    public GenerationResult run(Consumer<GeneratedToken> onToken) {
        try {
            while (hasNext()) {
                onToken.accept(next());
            }
            return result();
        } finally {
            close();
        }
    }

    /** True once the generation has ended (all tokens taken or not). */
    public boolean isDone() {
        return doneReason != null;
    }

    /** The totals; only once the generation has ended. */
    public GenerationResult result() {
        if (doneReason == null) {
            throw new IllegalStateException("the generation is still running");
        }
        return new GenerationResult(text.toString(), context, doneReason, promptEvalCount, promptEvalNanos,
                evalCount, evalNanos);
    }

    /** Gives the sequence back; the generation ends as cancelled if it was still running. */
    @Override
    public void close() {
        if (doneReason == null) {
            doneReason = DoneReason.CANCELLED;
        }
        releaseEarly();
    }

    private void evaluatePrompt() {
        long start = System.nanoTime();
        int reuse = slot.commonPrefix(prompt);
        if (reuse == prompt.length) {
            reuse--; // the last prompt token is evaluated again: its logits start the generation
        }
        slot.sequence.truncate(reuse);
        try {
            logits = slot.append(prompt, reuse, prompt.length - reuse);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        promptEvalCount = prompt.length - reuse;
        promptEvalNanos = System.nanoTime() - start;
        slots.startDecoding();
        decoding = true;
    }

    /** Computes the next token into {@link #pending}, or ends the generation. */
    private void produce() {
        long start = System.nanoTime();
        try {
            if (cancelled) {
                finish(DoneReason.CANCELLED);
                return;
            }
            if (numPredict >= 0 && evalCount >= numPredict) {
                finish(DoneReason.LENGTH);
                return;
            }
            if (lastPending) {
                if (slot.length() >= slot.capacity()) {
                    finish(DoneReason.LENGTH);
                    return;
                }
                logits = slot.decode(lastToken);
                lastPending = false;
            }
            if (constraint != null) {
                // tokens that cannot continue the JSON (or not finish it in the tokens left) are ruled out;
                // log-probabilities then describe the constrained choice
                constraint.applyMask(logits, numPredict >= 0 ? numPredict - evalCount : Integer.MAX_VALUE);
            }
            int id = sampler.sample(logits, slot.tokens, slot.length());
            if (endOfGeneration.contains(id)) {
                finish(DoneReason.STOP);
                return;
            }
            var probabilities = logprobs == null ? null : logprobs(id);
            if (constraint != null) {
                constraint.accept(id);
            }
            lastToken = id;
            lastPending = true;
            evalCount++;
            StopEmission emission = stops.accept(decoder.accept(id));
            switch (emission) {
                case StopEmission.Streaming s -> pending = token(id, s.text(), probabilities);
                case StopEmission.Stopped s -> {
                    pending = token(id, s.text(), probabilities);
                    doneReason = DoneReason.STOP;
                    releaseEarly();
                }
            }
        } finally {
            evalNanos += System.nanoTime() - start;
        }
    }

    private jollama.engine.sampling.TokenLogprobs logprobs(int id) {
        logprobs.compute(logits, vocabSize, id, topLogprobs);
        return logprobs.snapshot();
    }

    private GeneratedToken token(int id, String released, jollama.engine.sampling.TokenLogprobs probabilities) {
        text.append(released);
        return new GeneratedToken(id, released, probabilities);
    }

    /** Ends the generation, releasing text held back (half characters, partial stop matches). */
    private void finish(DoneReason reason) {
        doneReason = reason;
        String rest = "";
        if (reason != DoneReason.CANCELLED) {
            String decoded = decoder.flush();
            StopEmission emission = stops.accept(decoded);
            rest = emission.text() + (emission instanceof StopEmission.Stopped ? "" : stops.flush());
        }
        if (!rest.isEmpty()) {
            pending = token(-1, rest, null);
        }
        releaseEarly();
    }

    /** The sequence is free as soon as no more tokens will be evaluated. */
    private void releaseEarly() {
        if (context == null) {
            // the sampled last token was never evaluated, but it belongs to the conversation
            int held = started ? slot.length() : 0;
            context = Arrays.copyOf(slot.tokens, held + (lastPending ? 1 : 0));
            if (lastPending) {
                context[held] = lastToken;
            }
        }
        if (decoding) {
            decoding = false;
            slots.stopDecoding();
        }
        if (!released) {
            released = true;
            slots.release(slot);
        }
    }
}
