package jollama.engine.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * Turns text into token ids and back. Immutable and safe to share between threads; the per-generation
 * state of decoding lives in a {@link StreamingTokenDecoder}.
 *
 * <p>Sealed so that each tokenizer model GGUF can name is one implementation: byte-level BPE
 * ("gpt2") today, SentencePiece ("llama") when a model needs it.
 */
public sealed interface Tokenizer permits ByteLevelBpeTokenizer {

    /** The tokenizer GGUF describes; fails with {@link UnsupportedTokenizerException} naming what is missing. */
    static Tokenizer create(TokenizerSpec spec) {
        return switch (spec.model()) {
            case "gpt2" -> new ByteLevelBpeTokenizer(spec, PreTokenizer.forName(spec.pre()));
            default -> throw new UnsupportedTokenizerException("unsupported tokenizer model '" + spec.model()
                    + "' (tokenizer.ggml.model); supported: [gpt2]");
        };
    }

    /**
     * Tokenizes {@code text} without adding BOS/EOS.
     *
     * @param parseSpecial whether control tokens spelled in the text ({@code <|im_start|>}) become
     *                     their ids; when false they are tokenized as plain text. User-defined tokens
     *                     ({@code <think>}) become their ids either way, as in llama.cpp.
     */
    default int[] encode(String text, boolean parseSpecial) {
        return encode(text, false, parseSpecial);
    }

    /**
     * Tokenizes {@code text}, like llama.cpp's {@code llama_tokenize}.
     *
     * @param addSpecial whether to add BOS / EOS where the GGUF's add_bos_token / add_eos_token ask for it
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /**
     * The bytes a token stands for: control and user-defined tokens give their text, unused ones
     * nothing. A token may stand for part of a UTF-8 character.
     */
    byte[] tokenBytes(int id);

    /** The bytes of the tokens one after another; control tokens included as their text. */
    byte[] decodeBytes(int[] ids);

    /** The text of the tokens; bytes that are not valid UTF-8 become U+FFFD. */
    default String decode(int[] ids) {
        return new String(decodeBytes(ids), StandardCharsets.UTF_8);
    }

    /** A fresh decoder for one generation's tokens as they come. */
    default StreamingTokenDecoder streamingDecoder() {
        return new StreamingTokenDecoder(this);
    }

    Vocabulary vocabulary();

    /** The BOS id, or {@link TokenizerSpec#NONE}. */
    int bosId();

    /** The EOS id, or {@link TokenizerSpec#NONE}. */
    int eosId();
}
