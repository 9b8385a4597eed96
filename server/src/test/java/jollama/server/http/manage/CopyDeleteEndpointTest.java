package jollama.server.http.manage;

import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.store.Digest;
import jollama.server.store.Manifest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/copy and DELETE /api/delete (§1.14), with the blob pruning and unloading a delete implies. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CopyDeleteEndpointTest {

    @TempDir
    Path root;

    private ManageHarness h;
    private Digest weights;

    @AfterEach
    void stop() {
        if (h != null) {
            h.close();
        }
    }

    /** A server whose store holds the tiny model's weights as a blob (imported directly, not uploaded). */
    private void start(boolean noPrune) throws IOException {
        h = new ManageHarness(root, ManageHarness.nowhere(), noPrune);
        weights = h.store.importFile(TestModelFiles.get(TestModelConfig.TINY, "f32")).digest();
    }

    private void create(String body) {
        ManageHarness.Reply r = h.post("/api/create", body);
        assertEquals(200, r.status(), r.body());
        assertEquals("{\"status\":\"success\"}", r.body());
    }

    private String files() {
        return "\"files\":{\"model.gguf\":\"" + weights + "\"},\"stream\":false";
    }

    private Manifest manifest(String name) throws IOException {
        return h.store.get(ModelName.parse(name)).manifest();
    }

    private void generates(String model) {
        ManageHarness.Reply r = h.post("/api/generate",
                "{\"model\":\"" + model + "\",\"prompt\":\"Hi\",\"stream\":false,\"options\":{\"num_predict\":2}}");
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void copyThenGenerateWithTheCopy() throws IOException {
        start(false);
        create("{\"model\":\"base\"," + files() + "}");
        ManageHarness.Reply r = h.post("/api/copy", "{\"source\":\"base\",\"destination\":\"user/copy:v1\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("", r.body());
        assertArrayEquals(h.store.readManifestBytes(ModelName.parse("base")),
                h.store.readManifestBytes(ModelName.parse("user/copy:v1")));
        generates("user/copy:v1");

        ManageHarness.Reply missing = h.post("/api/copy", "{\"source\":\"nope\",\"destination\":\"x\"}");
        assertEquals(404, missing.status());
        assertEquals("model \"nope\" not found", missing.error());
        ManageHarness.Reply badSource = h.post("/api/copy", "{\"source\":\"bad name!\",\"destination\":\"x\"}");
        assertEquals(400, badSource.status());
        assertEquals("source \"bad name!\" is invalid", badSource.error());
        ManageHarness.Reply badDestination = h.post("/api/copy", "{\"source\":\"base\",\"destination\":\"a/b/c/d\"}");
        assertEquals(400, badDestination.status());
        assertEquals("destination \"a/b/c/d\" is invalid", badDestination.error());
    }

    @Test
    void deleteRemovesTheManifestAndTheBlobsNothingElseUses() throws IOException {
        start(false);
        create("{\"model\":\"a\",\"system\":\"only a\"," + files() + "}");
        create("{\"model\":\"b\",\"from\":\"a\",\"system\":\"only b\",\"stream\":false}");
        Manifest a = manifest("a");
        Digest systemA = a.layer(MediaTypes.SYSTEM).orElseThrow().digest();
        Path manifestA = h.store.manifestPath(ModelName.parse("a"));

        ManageHarness.Reply r = h.delete("/api/delete", "{\"model\":\"a\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals("", r.body());
        assertFalse(Files.exists(manifestA));
        assertFalse(h.store.hasBlob(systemA), "a's own layer is pruned");
        assertFalse(h.store.hasBlob(a.config().digest()), "a's config is pruned");
        assertTrue(h.store.hasBlob(weights), "weights shared with b stay");
        generates("b");

        assertEquals(200, h.delete("/api/delete", "{\"name\":\"b\"}").status());
        assertFalse(h.store.hasBlob(weights));
        ManageHarness.Reply again = h.delete("/api/delete", "{\"model\":\"b\"}");
        assertEquals(404, again.status());
        assertEquals("model 'b' not found", again.error());

        ManageHarness.Reply empty = h.delete("/api/delete", "{}");
        assertEquals(400, empty.status());
        assertEquals("model is required", empty.error());
        ManageHarness.Reply invalid = h.delete("/api/delete", "{\"model\":\"bad name!\"}");
        assertEquals(400, invalid.status());
        assertEquals("name \"bad name!\" is invalid", invalid.error());
    }

    @Test
    void deletingTheLastNameOfLoadedWeightsUnloadsThem() throws IOException {
        start(false);
        create("{\"model\":\"c\"," + files() + "}");
        generates("c");
        assertEquals(1, h.get("/api/ps").json().path("models").size());
        assertEquals(200, h.post("/api/copy", "{\"source\":\"c\",\"destination\":\"c2\"}").status());

        assertEquals(200, h.delete("/api/delete", "{\"model\":\"c\"}").status());
        assertEquals(1, h.get("/api/ps").json().path("models").size(), "c2 still uses the weights");
        assertEquals(200, h.delete("/api/delete", "{\"model\":\"c2\"}").status());
        assertEquals(0, h.get("/api/ps").json().path("models").size());
    }

    @Test
    void noPruneKeepsTheBlobs() throws IOException {
        start(true);
        create("{\"model\":\"d\"," + files() + "}");
        assertEquals(200, h.delete("/api/delete", "{\"model\":\"d\"}").status());
        assertFalse(h.store.exists(ModelName.parse("d")));
        assertTrue(h.store.hasBlob(weights));
    }
}
