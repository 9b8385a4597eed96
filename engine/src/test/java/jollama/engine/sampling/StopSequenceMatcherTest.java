package jollama.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StopSequenceMatcherTest {
    private static StopEmission streaming(String text) {
        return new StopEmission.Streaming(text);
    }

    private static StopEmission stopped(String text, String stop) {
        return new StopEmission.Stopped(text, stop);
    }

    private static List<StopEmission> feed(List<String> stops, String... pieces) {
        StopSequenceMatcher m = new StopSequenceMatcher(stops);
        List<StopEmission> out = new ArrayList<>();
        for (String p : pieces) {
            StopEmission e = m.accept(p);
            out.add(e);
            if (e instanceof StopEmission.Stopped) {
                break;
            }
        }
        return out;
    }

    @Test
    void withoutStopsEverythingStreamsImmediately() {
        assertEquals(List.of(streaming("Hello"), streaming(" world")), feed(List.of(), "Hello", " world"));
    }

    @Test
    void stopInsideOnePieceReleasesTheTextBeforeIt() {
        assertEquals(List.of(streaming("Hello "), stopped("world ", "END")),
                feed(List.of("END"), "Hello ", "world END more"));
    }

    @Test
    void stopSplitAcrossPiecesIsHeldBackThenDropped() {
        assertEquals(List.of(streaming("abc"), streaming(""), streaming(""), stopped("", "</s>")),
                feed(List.of("</s>"), "abc<", "/", "s", ">tail"));
    }

    @Test
    void heldTextIsReleasedWhenTheStopFailsToComplete() {
        assertEquals(List.of(streaming("a"), streaming("</x")), feed(List.of("</s>"), "a<", "/x"));
    }

    @Test
    void overlappingPrefixesAbabc() {
        assertEquals(List.of(streaming(""), stopped("ab", "abc")), feed(List.of("abc"), "ab", "abc"));
        // one character at a time: "aba" cannot start "abc" at 0, but its tail "a" can
        assertEquals(List.of(streaming(""), streaming(""), streaming("ab"), streaming(""), stopped("", "abc")),
                feed(List.of("abc"), "a", "b", "a", "b", "c"));
    }

    @Test
    void earliestStopWinsWhenAPieceHoldsSeveral() {
        assertEquals(List.of(stopped("a", "yz")), feed(List.of("yz", "x"), "ayzbx"));
        assertEquals(List.of(stopped("a", "yz")), feed(List.of("x", "yz"), "ayzbx"));
    }

    @Test
    void overlappingCandidatesAcrossPieces() {
        // "ab" may start "abc" (from 0) or "bd" (from 1); "d" completes "bd"
        assertEquals(List.of(streaming(""), stopped("a", "bd")), feed(List.of("abc", "bd"), "ab", "d"));
    }

    @Test
    void flushReleasesTheHeldTailAtTheEnd() {
        StopSequenceMatcher m = new StopSequenceMatcher(List.of("STOP"));
        assertEquals(streaming("xx"), m.accept("xx"));
        assertEquals(streaming(""), m.accept("ST"));
        assertEquals("ST", m.flush());
        assertEquals("", m.flush());
        assertFalse(m.stopped());
    }

    @Test
    void unicodeStopStrings() {
        assertEquals(List.of(streaming("hi "), streaming(""), stopped("", "👋bye")),
                feed(List.of("👋bye"), "hi 👋", "by", "e!"));
        assertEquals(List.of(streaming("hi "), streaming("👋yo")), feed(List.of("👋bye"), "hi 👋", "yo"));
        assertEquals(List.of(streaming("你好"), stopped("", "停止")), feed(List.of("停止"), "你好停", "止了"));
    }

    @Test
    void aCodePointSplitAcrossPiecesIsNeverEmittedInHalves() {
        assertEquals(List.of(streaming("a"), streaming("😀b")), feed(List.of("END"), "a\uD83D", "\uDE00b"));
    }

    @Test
    void emptyStopStringsAreIgnoredAndStoppingIsFinal() {
        StopSequenceMatcher m = new StopSequenceMatcher(List.of("", "x"));
        assertEquals(streaming("abc"), m.accept("abc"));
        assertEquals(stopped("", "x"), m.accept("x"));
        assertTrue(m.stopped());
        assertThrows(IllegalStateException.class, () -> m.accept("more"));
    }
}
