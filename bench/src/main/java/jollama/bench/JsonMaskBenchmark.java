package jollama.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import jollama.engine.structured.ConstraintState;
import jollama.engine.structured.JsonConstraint;
import jollama.engine.structured.TokenMask;
import jollama.engine.structured.TokenizerIndex;
import jollama.engine.tokenizer.TokenType;
import jollama.engine.tokenizer.Tokenizer;
import jollama.engine.tokenizer.TokenizerSpec;
import jollama.models.testmodel.Qwen3TokenizerData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Constrained decoding's cost per token over the Qwen3 vocabulary (151,936 ids): the token mask
 * for the next step, the logits masked with it, and the advance past the token, along a realistic
 * document that the tokenizer splits as a model would write it.
 *
 * <ul>
 *   <li>{@code maskAndAdvance}: one step with warm caches, what every token of a generation
 *       pays once a constraint has been used (reused {@link JsonConstraint}, e.g. "json" per model).</li>
 *   <li>{@code coldDocument}: a fresh constraint (compile included) walked along the whole document,
 *       what a request with a new schema pays on a running server: its own states' masks are
 *       computed anew, those of the plain JSON rules (any string, number...) stay shared in the
 *       {@link TokenizerIndex} as they do in a server. Divide by the token count printed at set-up.</li>
 * </ul>
 *
 * <pre>java --add-modules jdk.incubator.vector -jar bench/target/jollama-bench.jar JsonMask -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.ADD_MODULES, ForkFlags.VECTOR_MODULE, ForkFlags.UNCHECKED_VECTOR_ACCESS})
public class JsonMaskBenchmark {

    private static final String SCHEMA = """
            {"type":"object","properties":{
              "name":{"type":"string"},
              "age":{"type":"integer","minimum":0,"maximum":150},
              "email":{"type":"string","format":"email"},
              "born":{"type":"string","format":"date"},
              "address":{"type":"object","properties":{"street":{"type":"string"},"city":{"type":"string"},
                "zip":{"type":"string","maxLength":10}},"required":["street","city"]},
              "tags":{"type":"array","items":{"type":"string"},"maxItems":8},
              "scores":{"type":"array","items":{"type":"number"}},
              "status":{"enum":["active","inactive","pending"]}},
             "required":["name","age","address","status"]}""";

    private static final String DOCUMENT = """
            {
              "name": "Jane Q. Public, Ph.D.",
              "age": 42,
              "address": {
                "street": "1600 Pennsylvania Avenue NW",
                "city": "Washington"
              },
              "status": "active",
              "email": "jane.public@example.org",
              "born": "1982-07-14",
              "tags": ["researcher", "author", "日本語テキスト", "emoji 😀"],
              "scores": [98.5, 87.25, 1e3, -0.5]
            }""";

    /** "schema": the schema above; "json": format "json" (any object). */
    @Param({"schema", "json"})
    public String constraint;

    private TokenizerIndex index;
    private JsonConstraint compiled;
    private int[] tokens;
    private ConstraintState state;
    private TokenMask mask;
    private float[] logits;
    private int position;

    @Setup
    public void setUp() throws IOException {
        Qwen3TokenizerData data = Qwen3TokenizerData.load();
        Tokenizer tokenizer = Tokenizer.create(new TokenizerSpec("gpt2", "qwen2", data.tokens(),
                data.tokenTypes().stream().map(TokenType::fromGgml).toList(), data.merges(),
                Qwen3TokenizerData.ENDOFTEXT, Qwen3TokenizerData.IM_END, Qwen3TokenizerData.ENDOFTEXT, false, false));
        index = TokenizerIndex.build(tokenizer);
        compiled = compile();
        tokens = tokenizer.encode(DOCUMENT, false);
        mask = new TokenMask(index.vocabularySize());
        logits = new float[index.vocabularySize()];
        state = compiled.start(index);
        System.out.println("\n" + tokens.length + " tokens per document, " + compiled.stateCount() + " states, "
                + index.nodeCount() + " trie nodes");
    }

    private JsonConstraint compile() throws IOException {
        return constraint.equals("json") ? JsonConstraint.json()
                : JsonConstraint.compile(new ObjectMapper().readTree(SCHEMA));
    }

    @Benchmark
    public TokenMask maskAndAdvance() {
        if (position == tokens.length) {
            state = compiled.start(index);
            position = 0;
        }
        state.allowedTokens(mask, Integer.MAX_VALUE);
        mask.applyTo(logits);
        state.accept(tokens[position++]);
        return mask;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 10)
    @Measurement(iterations = 20)
    public TokenMask coldDocument() throws IOException {
        ConstraintState fresh = compile().start(index);
        for (int id : tokens) {
            fresh.allowedTokens(mask, Integer.MAX_VALUE);
            fresh.accept(id);
        }
        return mask;
    }
}
