package jollama.engine.tokenizer;

import jollama.engine.tokenizer.GoldenTokenizeCases.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every case of golden/tokenize.json (llama.cpp on the Qwen3 GGUF) must come out exactly the same. */
class TokenizerGoldenTest {

    static List<Case> cases() {
        return GoldenTokenizeCases.load();
    }

    @Test
    void goldenFileHasAllCases() {
        assertEquals(80, cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesWithoutSpecialParsing(Case c) {
        assertArrayEquals(c.ids(), Qwen3Tokenizer.get().encode(c.text(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encodesWithSpecialParsing(Case c) {
        assertArrayEquals(c.idsParseSpecial(), Qwen3Tokenizer.get().encode(c.text(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesBothTokenizations(Case c) {
        assertEquals(c.detokenized(), Qwen3Tokenizer.get().decode(c.ids()));
        assertEquals(c.detokenized(), Qwen3Tokenizer.get().decode(c.idsParseSpecial()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void streamsTokenByTokenToTheSameText(Case c) {
        StreamingTokenDecoder decoder = Qwen3Tokenizer.get().streamingDecoder();
        StringBuilder text = new StringBuilder();
        for (int id : c.idsParseSpecial()) {
            String chunk = decoder.accept(id);
            // The golden texts are valid UTF-8: no chunk may show a replacement or half a surrogate pair.
            assertEquals(-1, chunk.indexOf('\uFFFD'), () -> "replacement character in chunk of " + c);
            if (!chunk.isEmpty()) {
                assertFalse(Character.isHighSurrogate(chunk.charAt(chunk.length() - 1)));
            }
            text.append(chunk);
        }
        text.append(decoder.flush());
        assertEquals(c.detokenized(), text.toString());
    }
}
