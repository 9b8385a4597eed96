package jollama.engine.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Whitespace is Go's unicode.IsSpace (Unicode White_Space), which Ollama's trimming uses. */
class WhitespaceTest {

    @Test
    void goSpaceSet() {
        for (char c : "\t\n\u000B\f\r \u0085\u00A0\u1680\u2000\u200A\u2028\u2029\u202F\u205F\u3000".toCharArray()) {
            assertTrue(Whitespace.isSpace(c), () -> Integer.toHexString(c));
        }
        for (char c : "\u001C\u001F\u200B\uFEFFa\u180E".toCharArray()) {
            assertFalse(Whitespace.isSpace(c), () -> Integer.toHexString(c));
        }
    }

    @Test
    void trimmingAndOverlap() {
        assertEquals("a b", Whitespace.trimLeft("\u00A0\n a b"));
        assertEquals("a b", Whitespace.trimRight("a b \u3000"));
        assertEquals(5, Whitespace.overlap("x <tool", "<tool_call>"));
        assertEquals(0, Whitespace.overlap("x <tool_x", "<tool_call>"));
        assertEquals(1, Whitespace.overlap("<", "</think>"));
    }
}
