package jollama.engine;

import jollama.engine.chat.ChatMessage;
import jollama.engine.chat.ChatPromptRenderer;
import jollama.engine.embed.Pooling;
import jollama.engine.generate.EndOfGeneration;
import jollama.engine.generate.Generation;
import jollama.engine.generate.GenerationResult;
import jollama.engine.generate.Generator;
import jollama.engine.generate.SequenceSlots;
import jollama.engine.sampling.GenerationOptions;
import jollama.engine.sampling.LogprobCalculator;
import jollama.engine.structured.JsonConstraint;
import jollama.engine.structured.TokenizerIndex;
import jollama.engine.template.ChatTemplate;
import jollama.engine.tokenizer.GGUFTokenizerSpec;
import jollama.engine.tokenizer.Tokenizer;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensor;
import jollama.models.Architectures;
import jollama.models.ContextOverflowException;
import jollama.models.HyperParameters;
import jollama.models.LanguageModel;
import jollama.models.ModelException;
import jollama.models.quantize.FileType;
import jollama.quant.MatrixOps;
import jollama.quant.ParallelPool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model loaded from a GGUF file, ready to generate and embed in-process. The weights stay
 * memory-mapped; {@link #close()} releases the mapping and the worker threads.
 *
 * <pre>{@code
 * try (Model model = Model.open(Path.of("qwen3-4b-q4_k_m.gguf"))) {
 *     GenerationOptions options = GenerationOptions.defaults();
 *     model.chat(List.of(ChatMessage.user("Why is the sky blue?")), options)
 *          .run(token -> System.out.print(token.text()));
 * }
 * }</pre>
 *
 * Thread-safe: generations on one model may run from several threads at once (up to
 * {@link ModelSettings#parallel()} at a time, the others wait); each has its own KV cache.
 */
public final class Model implements AutoCloseable {

    private final GGUFFile file;
    private final MatrixOps ops;
    private final LanguageModel model;
    private final Tokenizer tokenizer;
    private final ChatPromptRenderer chat;
    private final SequenceSlots slots;
    private final Generator generator;
    private final EndOfGeneration endOfGeneration;
    private TokenizerIndex structuredIndex;
    private final ModelInfo info;

    private Model(GGUFFile file, MatrixOps ops, LanguageModel model, Tokenizer tokenizer, ChatPromptRenderer chat,
                  SequenceSlots slots, ModelInfo info) {
        this.file = file;
        this.ops = ops;
        this.model = model;
        this.tokenizer = tokenizer;
        this.chat = chat;
        this.slots = slots;
        this.info = info;
        this.endOfGeneration = new EndOfGeneration(tokenizer);
        this.generator = new Generator(slots, tokenizer, endOfGeneration, model.vocabularySize());
    }

    /** Loads a GGUF model with the default settings (context 4096, one sequence at a time). */
    public static Model open(Path path) throws IOException {
        return open(path, ModelSettings.defaults());
    }

    /**
     * Loads a GGUF model.
     *
     * @throws IOException    if the file cannot be read or is not a valid GGUF file
     * @throws ModelException if jollama cannot run the model (architecture, tokenizer, tensors)
     */
    public static Model open(Path path, ModelSettings settings) throws IOException {
        GGUFFile file = GGUFFile.open(path);
        MatrixOps ops = null;
        try {
            ops = new MatrixOps(settings.threads() == 0 ? ParallelPool.create() : new ParallelPool(settings.threads()));
            LanguageModel model = Architectures.load(file, ops);
            GGUFMetadata md = file.metadata();
            Tokenizer tokenizer = createTokenizer(file);
            ChatPromptRenderer chat = md.optionalString("tokenizer.chat_template")
                    .map(t -> new ChatPromptRenderer(ChatTemplate.compile(t), tokenizer)).orElse(null);
            int context = Math.min(settings.contextLength(), model.trainedContextLength());
            HyperParameters hp = HyperParameters.of(md);
            Pooling pooling = Pooling.fromGguf(hp.integer("pooling_type", 0));
            ModelInfo info = new ModelInfo(
                    md.string("general.name", stripExtension(path.getFileName().toString())),
                    model.architecture(), parameterCount(file),
                    FileType.fromId(md.u32("general.file_type", -1)).map(FileType::displayName).orElse("unknown"),
                    model.trainedContextLength(), context, model.embeddingLength(), pooling, chat != null);
            return new Model(file, ops, model, tokenizer, chat, new SequenceSlots(model, context, settings.parallel()), info);
        } catch (RuntimeException | Error e) {
            if (ops != null) {
                ops.close();
            }
            file.close();
            throw e;
        }
    }

    private static Tokenizer createTokenizer(GGUFFile file) {
        try {
            return Tokenizer.create(GGUFTokenizerSpec.from(file.metadata()));
        } catch (RuntimeException e) {
            throw new ModelException(file.path() + ": cannot build the tokenizer: " + e.getMessage(), e);
        }
    }

    private static long parameterCount(GGUFFile file) {
        long n = 0;
        for (GGUFTensor t : file.tensors()) {
            n += t.elementCount();
        }
        return n;
    }

    private static String stripExtension(String fileName) {
        return fileName.endsWith(".gguf") ? fileName.substring(0, fileName.length() - 5) : fileName;
    }

    public ModelInfo info() {
        return info;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The GGUF metadata, for callers that need more than {@link #info()}. */
    public GGUFMetadata metadata() {
        return file.metadata();
    }

    /**
     * The prompt for a conversation, rendered with the model's chat template.
     *
     * @param tools    tool definitions ({@code {"type":"function","function":{...}}}), or an empty list
     * @param thinking null for the template's default, else {@code enable_thinking}
     * @throws ModelException if the model has no chat template
     */
    public String renderChat(List<ChatMessage> messages, List<Map<String, Object>> tools, Boolean thinking) {
        if (chat == null) {
            throw new ModelException(info.name() + " has no chat template (tokenizer.chat_template)");
        }
        return chat.render(messages, tools, thinking);
    }

    /** Generates a reply to a conversation, with the model's chat template applied. */
    public Generation chat(List<ChatMessage> messages, GenerationOptions options) {
        return generate(renderChat(messages, List.of(), null), options);
    }

    /**
     * Generates a continuation of raw prompt text (no template applied; control tokens such as
     * {@code <|im_start|>} in the text are recognized).
     */
    public Generation generate(String prompt, GenerationOptions options) {
        return generate(tokenize(prompt), options, -1);
    }

    /**
     * Generates from prompt tokens.
     *
     * @param topLogprobs -1 for no log-probabilities, else 0 to 20 alternatives per token
     * @throws ContextOverflowException if the prompt does not fit in the context
     * @throws IllegalArgumentException for an empty prompt
     */
    public Generation generate(int[] prompt, GenerationOptions options, int topLogprobs) {
        checkPrompt(prompt, topLogprobs);
        return generator.start(prompt, options, topLogprobs);
    }

    private void checkPrompt(int[] prompt, int topLogprobs) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt is empty");
        }
        if (topLogprobs > LogprobCalculator.MAX_TOP) {
            throw new IllegalArgumentException("top_logprobs must be at most " + LogprobCalculator.MAX_TOP);
        }
        if (prompt.length >= slots.capacity()) {
            throw new ContextOverflowException(0, prompt.length, slots.capacity());
        }
        for (int id : prompt) {
            if (id < 0 || id >= model.vocabularySize()) {
                throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of "
                        + model.vocabularySize());
            }
        }
    }

    /**
     * {@link #generate(int[], GenerationOptions, int)} with the reply constrained to JSON: any JSON
     * object for {@link JsonConstraint#json()}, or a value of a compiled JSON Schema.
     */
    public Generation generate(int[] prompt, GenerationOptions options, int topLogprobs, JsonConstraint format) {
        if (format == null) {
            return generate(prompt, options, topLogprobs);
        }
        checkPrompt(prompt, topLogprobs);
        return generator.start(prompt, options, topLogprobs, format.start(structuredIndex()));
    }

    /** The vocabulary indexed for structured output: built on first use (about a second), then kept. */
    private synchronized TokenizerIndex structuredIndex() {
        if (structuredIndex == null) {
            structuredIndex = TokenizerIndex.build(tokenizer, endOfGeneration::contains);
        }
        return structuredIndex;
    }

    /** Generates and returns the whole text. */
    public GenerationResult complete(String prompt, GenerationOptions options) {
        return generate(prompt, options).run(t -> { });
    }

    /** Tokens of {@code text} as a prompt: BOS added where the model asks for it, control tokens parsed. */
    public int[] tokenize(String text) {
        return tokenizer.encode(text, true, true);
    }

    /** The embedding of {@code text}: pooled as the model says and L2-normalized. */
    public float[] embed(String text) {
        int[] ids = embeddingTokens(text);
        if (ids.length > slots.capacity()) {
            throw new ContextOverflowException(0, ids.length, slots.capacity());
        }
        float[] hidden = new float[ids.length * model.embeddingLength()];
        SequenceSlots.Slot slot = acquire(ids);
        try {
            slot.evaluateHidden(ids, hidden);
        } finally {
            slots.release(slot);
        }
        float[] embedding = new float[model.embeddingLength()];
        info.pooling().pool(hidden, ids.length, model.embeddingLength(), embedding);
        Pooling.normalize(embedding);
        return embedding;
    }

    /** Embeddings of several texts, in order. */
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(embed(text));
        }
        return out;
    }

    /** The tokens an embedding is computed from: special tokens parsed, EOS appended where the model asks. */
    public int[] embeddingTokens(String text) {
        int[] ids = tokenizer.encode(text, true, true);
        if (ids.length == 0) {
            throw new IllegalArgumentException("cannot embed empty text");
        }
        return ids;
    }

    private SequenceSlots.Slot acquire(int[] prompt) {
        return slots.acquireUninterruptibly(prompt);
    }

    /** Releases the mapping and the worker threads; generations still running fail. */
    @Override
    public void close() {
        ops.close();
        file.close();
    }
}
