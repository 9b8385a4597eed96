package jollama.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenizerEdgeCaseTest {

    private final Tokenizer tokenizer = Qwen3Tokenizer.get();
    private final Vocabulary vocabulary = tokenizer.vocabulary();

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        PreTokenizer.QWEN2.split(text, pieces::add);
        return pieces;
    }

    private void assertRoundTrips(String text) {
        assertEquals(text, tokenizer.decode(tokenizer.encode(text, false)));
        assertEquals(text, tokenizer.decode(tokenizer.encode(text, true)));
    }

    @Test
    void emptyTextHasNoTokens() {
        assertArrayEquals(new int[0], tokenizer.encode("", false));
        assertArrayEquals(new int[0], tokenizer.encode("", true));
        assertEquals("", tokenizer.decode(new int[0]));
    }

    @Test
    void whitespaceOnlyTextRoundTrips() {
        assertRoundTrips(" \t \n\n  \r\n   ");
        assertRoundTrips("\u3000\u00A0 \u2003");
        assertRoundTrips(" ".repeat(1000));
    }

    @Test
    void nonAsciiWhitespaceCountsAsWhitespace() {
        // \s is Unicode White_Space: the ideographic space is not glued to the following word,
        // only the last whitespace before a word may join it.
        assertEquals(List.of("\u3000\u3000", " word"), pieces("\u3000\u3000 word"));
    }

    @Test
    void everyDigitIsItsOwnToken() {
        String digits = "1234567890".repeat(500);
        int[] expected = digits.chars().map(c -> vocabulary.id(String.valueOf((char) c))).toArray();
        assertArrayEquals(expected, tokenizer.encode(digits, false));
        assertEquals(List.of("١", "٢", "٣"), pieces("١٢٣"));
    }

    @Test
    void windowsNewlinesStayTogether() {
        assertArrayEquals(new int[]{vocabulary.id("a"), vocabulary.id("čĊ"), vocabulary.id("b")},
                tokenizer.encode("a\r\nb", false));
    }

    @Test
    void mixedScriptsRoundTrip() {
        assertRoundTrips("Grüße, Мир, 世界, عالم, नमस्ते, 𝒜𝒷𝒸 and 🦙🦙 at 3.14!");
        assertRoundTrips("a\u0301\u0302 \uD835\uDC9C\u200D");
    }

    @Test
    void supplementaryLettersAreLetters() {
        assertEquals(List.of(" 𝒜𝒷c"), pieces(" 𝒜𝒷c"));
    }

    @Test
    void contractionsIgnoreAsciiCaseOnly() {
        assertEquals(List.of("it", "'S", "a"), pieces("it'Sa"));
        // Long s folds to S under Unicode case folding, but the reference regex means ASCII letters.
        assertEquals(List.of("it", "'ſa"), pieces("it'ſa"));
    }

    @Test
    void longWordMergesByRank() {
        // Qwen3's merges among a/b: "a b" is rank 114, "b a" 4389, and none joins "ab ab",
        // so 40,000 letters in one pre-token come out as 20,000 "ab".
        String word = "ab".repeat(20_000);
        int[] expected = new int[20_000];
        java.util.Arrays.fill(expected, vocabulary.id("ab"));
        assertArrayEquals(expected, tokenizer.encode(word, false));
        assertRoundTrips(word);
    }

    @Test
    void everyQwen3MergeJoinsVocabularyTokens() {
        TokenizerSpec spec = Qwen3Tokenizer.spec();
        assertEquals(spec.merges().size(), new MergeTable(spec.merges(), vocabulary).size());
    }

    @Test
    void addsBosAndEosOnlyWhenTheGgufAsksAndTheCallerAllows() {
        TokenizerSpec qwen = Qwen3Tokenizer.spec();
        Tokenizer withBos = Tokenizer.create(new TokenizerSpec(qwen.model(), qwen.pre(), qwen.tokens(),
                qwen.tokenTypes(), qwen.merges(), qwen.bosId(), qwen.eosId(), qwen.paddingId(), true, true));
        assertArrayEquals(new int[]{151643, 9707, 151645}, withBos.encode("Hello", true, false));
        assertArrayEquals(new int[]{9707}, withBos.encode("Hello", false));
        assertArrayEquals(new int[]{9707}, tokenizer.encode("Hello", true, false));
    }

    @Test
    void rejectsUnsupportedModelAndPreTokenizerByName() {
        TokenizerSpec tiny = tinySpec("gpt2", "qwen2", List.of());
        var model = assertThrows(UnsupportedTokenizerException.class,
                () -> Tokenizer.create(tinySpec("llama", "default", List.of())));
        assertTrue(model.getMessage().contains("'llama'"), model.getMessage());
        var pre = assertThrows(UnsupportedTokenizerException.class,
                () -> Tokenizer.create(tinySpec("gpt2", "llama-bpe", List.of())));
        assertTrue(pre.getMessage().contains("'llama-bpe'"), pre.getMessage());
        Tokenizer.create(tiny);
    }

    @Test
    void longerAddedTokensAreCutOutFirst() {
        // llama.cpp tries added tokens longest first over the whole text, not left to right.
        Tokenizer tiny = Tokenizer.create(tinySpec("gpt2", "qwen2", List.of("ab", "bcd")));
        int ab = 256;
        int bcd = 257;
        int a = tiny.vocabulary().id("a");
        assertArrayEquals(new int[]{a, bcd}, tiny.encode("abcd", false));
        assertArrayEquals(new int[]{ab, a}, tiny.encode("aba", false));
    }

    /** The 256 byte tokens, then {@code userDefined} added tokens, and no merges. */
    private static TokenizerSpec tinySpec(String model, String pre, List<String> userDefined) {
        ByteLevelAlphabet alphabet = new ByteLevelAlphabet();
        List<String> tokens = new ArrayList<>();
        IntStream.range(0, 256).forEach(b -> tokens.add(String.valueOf(alphabet.charOf(b))));
        tokens.addAll(userDefined);
        List<TokenType> types = new ArrayList<>();
        IntStream.range(0, 256).forEach(b -> types.add(TokenType.NORMAL));
        userDefined.forEach(t -> types.add(TokenType.USER_DEFINED));
        return new TokenizerSpec(model, pre, tokens, types, List.of(), TokenizerSpec.NONE, TokenizerSpec.NONE,
                TokenizerSpec.NONE, false, false);
    }
}
