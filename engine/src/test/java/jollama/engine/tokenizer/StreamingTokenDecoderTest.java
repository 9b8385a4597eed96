package jollama.engine.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StreamingTokenDecoderTest {

    private final Tokenizer tokenizer = Qwen3Tokenizer.get();
    private final ByteLevelAlphabet alphabet = new ByteLevelAlphabet();

    /** Feeds the ids one by one; the text each returns, then what flush returns. */
    private List<String> stream(int... ids) {
        StreamingTokenDecoder decoder = tokenizer.streamingDecoder();
        List<String> chunks = new ArrayList<>();
        for (int id : ids) {
            chunks.add(decoder.accept(id));
        }
        chunks.add(decoder.flush());
        return chunks;
    }

    /** The token standing for one raw byte. */
    private int byteToken(int b) {
        return tokenizer.vocabulary().id(String.valueOf(alphabet.charOf(b)));
    }

    @Test
    void holdsBackAnEmojiSplitOverThreeTokens() {
        // Golden " this is 🦙.cpp": 🦙 is F0 9F A6 99, split as " \xF0\x9F" + "\xA6" + "\x99".
        assertEquals(List.of(" this", " is", " ", "", "🦙", ".", "cpp", ""),
                stream(419, 374, 11162, 99, 247, 13, 10821));
    }

    @Test
    void holdsBackEmojiAndJoinerSplitOverTwoTokens() {
        // Golden " 😶‍🌫️": " \xF0\x9F\x98" + "\xB6", then the joiner E2 80 8D as "\xE2\x80" + "\x8D".
        assertEquals(List.of(" ", "😶", "", "\u200D", "🌫", "\uFE0F", ""),
                stream(26525, 114, 378, 235, 149921, 30543));
    }

    @Test
    void emitsAByteThatNeverStartsACharacterAsReplacementAtOnce() {
        assertEquals(List.of("\uFFFD", "a", ""), stream(byteToken(0xFF), tokenizer.vocabulary().id("a")));
        assertEquals(List.of("\uFFFD", ""), stream(byteToken(0x80)));
    }

    @Test
    void turnsAnUnfinishedCharacterIntoReplacementOnlyAtFlush() {
        assertEquals(List.of("", "", "\uFFFD"), stream(byteToken(0xF0), byteToken(0x9F)));
    }

    @Test
    void replacesAnUnfinishedCharacterCutShortByOrdinaryText() {
        assertEquals(List.of("", "", "\uFFFDa", ""),
                stream(byteToken(0xF0), byteToken(0x9F), tokenizer.vocabulary().id("a")));
    }

    @Test
    void emitsControlTokensAsTheirTextAndUnusedIdsAsNothing() {
        int unused = tokenizer.vocabulary().size() - 1;
        assertEquals(TokenType.UNUSED, tokenizer.vocabulary().type(unused));
        assertEquals(List.of("<|im_end|>", "", "<think>", ""), stream(151645, unused, 151667));
    }

    @Test
    void startsAfreshAfterFlush() {
        StreamingTokenDecoder decoder = tokenizer.streamingDecoder();
        assertEquals("", decoder.accept(byteToken(0xF0)));
        assertEquals("\uFFFD", decoder.flush());
        assertEquals("", decoder.flush());
        assertEquals("Hello", decoder.accept(9707));
    }
}
