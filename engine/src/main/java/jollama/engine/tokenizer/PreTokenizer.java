package jollama.engine.tokenizer;

import java.util.Arrays;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the pieces BPE runs on, chosen by GGUF's {@code tokenizer.ggml.pre}. Merges never
 * cross a piece boundary, so this decides e.g. that digits are tokenized one by one.
 */
public enum PreTokenizer {

    /**
     * Qwen2/Qwen3: {@code (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+}.
     * Written out for Java's regex so it means what it means in llama.cpp and Hugging Face:
     * <ul>
     * <li>{@code \s} is Unicode White_Space (llama.cpp treats every White_Space code point as {@code \s}),
     *     not Java's ASCII-only default;</li>
     * <li>the case-insensitive contractions spell out ASCII cases, because Java's Unicode case folding
     *     would also let {@code 'ſ} (long s) and the like match;</li>
     * <li>{@code \p{L}} and {@code \p{N}} are general categories on whole code points, so supplementary
     *     characters (emoji, rare CJK) count as one character, not two surrogates.</li>
     * </ul>
     */
    QWEN2("qwen2",
            "'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD]"
                    + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+"
                    + "|\\p{N}"
                    + "| ?[^\\p{IsWhite_Space}\\p{L}\\p{N}]+[\\r\\n]*"
                    + "|\\p{IsWhite_Space}*[\\r\\n]+"
                    + "|\\p{IsWhite_Space}+(?!\\P{IsWhite_Space})"
                    + "|\\p{IsWhite_Space}+");

    private final String ggufName;
    private final Pattern pattern;

    PreTokenizer(String ggufName, String regex) {
        this.ggufName = ggufName;
        this.pattern = Pattern.compile(regex);
    }

    /** The name GGUF gives it in {@code tokenizer.ggml.pre}. */
    public String ggufName() {
        return ggufName;
    }

    /** The pre-tokenizer GGUF names {@code pre}; fails naming the supported ones. */
    public static PreTokenizer forName(String pre) {
        for (PreTokenizer p : values()) {
            if (p.ggufName.equals(pre)) {
                return p;
            }
        }
        throw new UnsupportedTokenizerException("unsupported pre-tokenizer '" + pre + "' (tokenizer.ggml.pre); supported: "
                + Arrays.stream(values()).map(PreTokenizer::ggufName).toList());
    }

    /** Hands each piece of {@code text} to {@code piece}, in order; the pieces concatenate to the text. */
    public void split(String text, Consumer<String> piece) {
        Matcher m = pattern.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() > end) {
                piece.accept(text.substring(end, m.start())); // unmatched text stays a piece, as in llama.cpp
            }
            piece.accept(text.substring(m.start(), m.end()));
            end = m.end();
        }
        if (end < text.length()) {
            piece.accept(text.substring(end));
        }
    }
}
