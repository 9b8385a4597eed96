package jollama.server.http.manage;

import jollama.server.store.Digest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** HEAD and POST /api/blobs/:digest (§1.13). */
class BlobEndpointTest {

    @TempDir
    Path root;

    private ManageHarness h;

    @BeforeEach
    void start() {
        h = new ManageHarness(root, ManageHarness.nowhere());
    }

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void uploadThenHead() throws Exception {
        byte[] content = "some model bytes".getBytes(StandardCharsets.UTF_8);
        Digest digest = Digest.of(content);
        assertEquals(404, h.head("/api/blobs/" + digest).status());

        ManageHarness.Reply created = h.post("/api/blobs/" + digest, content);
        assertEquals(201, created.status());
        assertEquals("", created.body());
        assertArrayEquals(content, Files.readAllBytes(root.resolve("blobs").resolve(digest.fileName())));
        assertEquals(200, h.head("/api/blobs/" + digest).status());
        // the "sha256-" spelling and upper-case hex name the same blob
        assertEquals(200, h.head("/api/blobs/sha256-" + digest.hex().toUpperCase()).status());

        // present already: 200, the body is not even read
        ManageHarness.Reply again = h.post("/api/blobs/" + digest, "whatever".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, again.status());
        assertArrayEquals(content, Files.readAllBytes(root.resolve("blobs").resolve(digest.fileName())));
    }

    @Test
    void aDigestMismatchIsRefusedAndLeavesNothing() throws Exception {
        byte[] content = "the real content".getBytes(StandardCharsets.UTF_8);
        Digest claimed = Digest.of("something else".getBytes(StandardCharsets.UTF_8));
        ManageHarness.Reply r = h.post("/api/blobs/" + claimed, content);
        assertEquals(400, r.status());
        assertEquals("digest mismatch, expected \"" + claimed + "\", got \"" + Digest.of(content) + "\"", r.error());
        assertEquals(404, h.head("/api/blobs/" + claimed).status());
        assertFalse(Files.exists(root.resolve("blobs").resolve(Digest.of(content).fileName())));
        try (var files = Files.list(root.resolve("blobs"))) {
            assertEquals(0, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void anInvalidDigestIsABadRequest() {
        ManageHarness.Reply r = h.post("/api/blobs/sha256:1234", new byte[]{1});
        assertEquals(400, r.status());
        assertEquals("invalid digest format", r.error());
        assertEquals(400, h.head("/api/blobs/md5:abcd").status());
    }
}
