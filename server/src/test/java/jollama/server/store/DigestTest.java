package jollama.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Digests: {@code sha256:<64 lowercase hex>} only; {@code /api/blobs}' lenient form (§1.13). */
class DigestTest {

    private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void hashesAndFormats() {
        Digest d = Digest.of(new byte[0]);
        assertEquals("sha256:" + EMPTY, d.toString());
        assertEquals("sha256-" + EMPTY, d.fileName());
        assertEquals("e3b0c44298fc", d.shortHex());
        assertEquals(d, Digest.parse("sha256:" + EMPTY));
        assertEquals(Digest.of("abc".getBytes(StandardCharsets.UTF_8)),
                Digest.parse("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sha256:", "sha256-" + EMPTY, "sha256:" + "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "sha512:" + EMPTY, "sha256:" + EMPTY + "0", "sha256:../../../../etc/passwd", "sha256:" + EMPTY + "/x",
            EMPTY})
    void strictParsingRejects(String text) {
        assertThrows(InvalidDigestException.class, () -> Digest.parse(text));
    }

    @Test
    void lenientParsingAcceptsEitherSeparatorAndCase() {
        Digest d = Digest.parse("sha256:" + EMPTY);
        assertEquals(d, Digest.parseLenient("sha256-" + EMPTY));
        assertEquals(d, Digest.parseLenient("sha256:" + EMPTY.toUpperCase()));
        assertThrows(InvalidDigestException.class, () -> Digest.parseLenient("sha256_" + EMPTY));
        assertThrows(InvalidDigestException.class, () -> Digest.parseLenient("sha256:" + EMPTY.substring(1)));
        assertThrows(InvalidDigestException.class, () -> Digest.parseLenient(null));
    }

    @Test
    void fileNames() {
        assertEquals(Digest.parse("sha256:" + EMPTY), Digest.fromFileName("sha256-" + EMPTY).orElseThrow());
        assertTrue(Digest.fromFileName("sha256-" + EMPTY + "-partial").isEmpty());
        assertTrue(Digest.fromFileName("sha256-" + EMPTY + "-partial-0").isEmpty());
        assertTrue(Digest.fromFileName(".blob.tmp-1234").isEmpty());
    }
}
