package jollama.engine.tokenizer;

import jollama.gguf.GGUFMetadata;

import java.util.ArrayList;
import java.util.List;

/** Builds a {@link TokenizerSpec} from a GGUF file's {@code tokenizer.ggml.*} metadata. */
public final class GGUFTokenizerSpec {

    private GGUFTokenizerSpec() {
    }

    public static TokenizerSpec from(GGUFMetadata md) {
        List<String> tokens = md.stringArray("tokenizer.ggml.tokens");
        List<TokenType> types = new ArrayList<>(tokens.size());
        if (md.contains("tokenizer.ggml.token_type")) {
            for (int t : md.intArray("tokenizer.ggml.token_type")) {
                types.add(TokenType.fromGgml(t));
            }
        } else {
            tokens.forEach(t -> types.add(TokenType.NORMAL));
        }
        List<String> merges = md.contains("tokenizer.ggml.merges") ? md.stringArray("tokenizer.ggml.merges") : List.of();
        int bos = id(md, "tokenizer.ggml.bos_token_id");
        int eos = id(md, "tokenizer.ggml.eos_token_id");
        return new TokenizerSpec(
                md.string("tokenizer.ggml.model"),
                md.string("tokenizer.ggml.pre", "default"),
                tokens, types, merges, bos, eos,
                id(md, "tokenizer.ggml.padding_token_id"),
                md.bool("tokenizer.ggml.add_bos_token", false) && bos != TokenizerSpec.NONE,
                md.bool("tokenizer.ggml.add_eos_token", false) && eos != TokenizerSpec.NONE);
    }

    /** A token id key of any integer type, or NONE when absent. */
    private static int id(GGUFMetadata md, String key) {
        long id = md.integer(key, TokenizerSpec.NONE);
        if (id < TokenizerSpec.NONE || id > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(md.source() + ": " + key + " is not a token id: " + id);
        }
        return (int) id;
    }
}
