package jollama.engine.structured;

import jollama.engine.tokenizer.TokenType;
import jollama.engine.tokenizer.Tokenizer;
import jollama.engine.tokenizer.TokenizerSpec;
import jollama.models.testmodel.Qwen3TokenizerData;

/** The real Qwen3 tokenizer and its index, built once for all tests of this package. */
final class Vocab {

    private Vocab() {
    }

    static Tokenizer tokenizer() {
        return Holder.TOKENIZER;
    }

    static TokenizerIndex index() {
        return Holder.INDEX;
    }

    /** The id of the token that is exactly the byte {@code b}. */
    static int byteToken(int b) {
        return Holder.BYTE_TOKENS[b];
    }

    private static final class Holder {
        static final Tokenizer TOKENIZER = load();
        static final TokenizerIndex INDEX = TokenizerIndex.build(TOKENIZER);
        static final int[] BYTE_TOKENS = byteTokens();

        private static Tokenizer load() {
            Qwen3TokenizerData data = Qwen3TokenizerData.load();
            return Tokenizer.create(new TokenizerSpec("gpt2", "qwen2", data.tokens(),
                    data.tokenTypes().stream().map(TokenType::fromGgml).toList(), data.merges(),
                    Qwen3TokenizerData.ENDOFTEXT, Qwen3TokenizerData.IM_END, Qwen3TokenizerData.ENDOFTEXT,
                    false, false));
        }

        private static int[] byteTokens() {
            int[] ids = new int[256];
            java.util.Arrays.fill(ids, -1);
            for (int id = 0; id < TOKENIZER.vocabulary().size(); id++) {
                byte[] b = TOKENIZER.tokenBytes(id);
                if (b.length == 1 && TOKENIZER.vocabulary().type(id) == TokenType.NORMAL) {
                    ids[b[0] & 0xFF] = id;
                }
            }
            return ids;
        }
    }
}
