package jollama.engine.tokenizer;

import jollama.models.testmodel.Qwen3TokenizerData;

/** The real Qwen3 tokenizer as the GGUF files describe it, built once for all tests. */
final class Qwen3Tokenizer {

    private Qwen3Tokenizer() {
    }

    static TokenizerSpec spec() {
        return Holder.SPEC;
    }

    static Tokenizer get() {
        return Holder.TOKENIZER;
    }

    private static final class Holder {
        static final TokenizerSpec SPEC = load();
        static final Tokenizer TOKENIZER = Tokenizer.create(SPEC);

        private static TokenizerSpec load() {
            Qwen3TokenizerData data = Qwen3TokenizerData.load();
            return new TokenizerSpec("gpt2", "qwen2", data.tokens(),
                    data.tokenTypes().stream().map(TokenType::fromGgml).toList(), data.merges(),
                    Qwen3TokenizerData.ENDOFTEXT, Qwen3TokenizerData.IM_END, Qwen3TokenizerData.ENDOFTEXT,
                    false, false);
        }
    }
}
