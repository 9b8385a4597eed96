package jollama.server.store;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store against a models folder laid out by hand exactly as Ollama writes it (§4.2).
 */
class ModelStoreTest {

    @TempDir
    Path root;

    private ModelStore store;

    /** Blobs of the hand-made qwen3:4b. */
    private final byte[] gguf = "GGUF fake weights".getBytes(StandardCharsets.UTF_8);
    private final byte[] template = "{{ .Prompt }}".getBytes(StandardCharsets.UTF_8);
    private final byte[] params = "{\"stop\":[\"<|im_end|>\"],\"temperature\":0.6}".getBytes(StandardCharsets.UTF_8);
    private final byte[] license = "Apache License 2.0".getBytes(StandardCharsets.UTF_8);
    private final byte[] config = "{\"model_format\":\"gguf\",\"model_family\":\"qwen3\",\"file_type\":\"Q4_K_M\"}"
            .getBytes(StandardCharsets.UTF_8);
    private byte[] qwenManifest;

    @BeforeEach
    void layOutLikeOllama() throws IOException {
        store = new ModelStore(root);
        for (byte[] blob : List.of(gguf, template, params, license, config)) {
            writeBlobByHand(blob);
        }
        // Go's encoder: compact, fields in struct order, "from" omitted when empty
        qwenManifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\""
                + Digest.of(config) + "\",\"size\":" + config.length + "},\"layers\":["
                + layerJson("model", gguf) + "," + layerJson("template", template) + ","
                + layerJson("license", license) + "," + layerJson("params", params) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        writeManifestByHand("registry.ollama.ai/library/qwen3/4b", qwenManifest, Instant.parse("2025-05-10T08:00:00Z"));
    }

    private static String layerJson(String type, byte[] blob) {
        return "{\"mediaType\":\"application/vnd.ollama.image." + type + "\",\"digest\":\"" + Digest.of(blob)
                + "\",\"size\":" + blob.length + "}";
    }

    private Path writeBlobByHand(byte[] blob) throws IOException {
        Path path = root.resolve("blobs").resolve("sha256-" + Digest.of(blob).hex());
        Files.createDirectories(path.getParent());
        return Files.write(path, blob);
    }

    private Path writeManifestByHand(String relative, byte[] bytes, Instant modified) throws IOException {
        Path path = root.resolve("manifests").resolve(relative);
        Files.createDirectories(path.getParent());
        Files.write(path, bytes);
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }

    private List<String> filesUnder(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    // ------------------------------------------------------------------ reading an Ollama store

    @Test
    void listsAStoreWrittenByOllama() throws IOException {
        byte[] other = Manifest.of(new Layer(MediaTypes.CONFIG, Digest.of(config), config.length),
                List.of(new Layer(MediaTypes.MODEL, Digest.of(gguf), gguf.length))).toJson();
        writeManifestByHand("hf.co/bartowski/Some-Model/Q4_K_M", other, Instant.parse("2025-06-01T00:00:00Z"));

        List<StoredModel> models = store.list();
        assertEquals(List.of("hf.co/bartowski/Some-Model:Q4_K_M", "qwen3:4b"),
                models.stream().map(m -> m.name().displayShortest()).toList(), "newest first");

        StoredModel qwen = models.get(1);
        assertEquals(ModelName.parse("qwen3:4b"), qwen.name());
        assertEquals(gguf.length + template.length + params.length + license.length + config.length, qwen.size());
        assertEquals(Digest.of(qwenManifest), qwen.manifestDigest(), "digest is sha256 of the manifest file bytes");
        assertEquals(Instant.parse("2025-05-10T08:00:00Z"), qwen.modified());
        assertEquals(4, qwen.manifest().layers().size());
        assertEquals(MediaTypes.CONFIG, qwen.manifest().config().mediaType());
    }

    @Test
    void readsLayerBlobs() throws IOException {
        StoredModel qwen = store.get(ModelName.parse("qwen3:4b"));
        Manifest m = qwen.manifest();
        assertEquals(root.resolve("blobs/sha256-" + Digest.of(gguf).hex()), store.modelFile(qwen).orElseThrow());
        assertEquals("{{ .Prompt }}", store.readText(m.templateLayer().orElseThrow()));
        assertEquals("Apache License 2.0", store.readText(m.layers(MediaTypes.LICENSE).getFirst()));
        assertArrayEquals(params, store.readBlob(m.layer(MediaTypes.PARAMS).orElseThrow().digest()));
        assertTrue(m.layer(MediaTypes.SYSTEM).isEmpty());
    }

    @Test
    void namesMatchWithoutRegardToCaseAndTheStoredCaseWins() throws IOException {
        StoredModel found = store.get(ModelName.parse("QWEN3:4B"));
        assertEquals("qwen3:4b", found.name().displayShortest());
        assertTrue(store.exists(ModelName.parse("Registry.Ollama.AI/LIBRARY/Qwen3:4b")));
        assertTrue(store.find(ModelName.parse("qwen3:8b")).isEmpty());
        assertThrows(ModelNotFoundException.class, () -> store.get(ModelName.parse("nope")));
        // a new tag of an existing model goes into the existing folder
        assertEquals(ModelName.parse("qwen3:NEW"), store.canonicalName(ModelName.parse("QWEN3:NEW")));
    }

    @Test
    void listingWalksExactlyFourLevelsAndSkipsJunk() throws IOException {
        writeManifestByHand("registry.ollama.ai/library/stray", qwenManifest, Instant.now());          // 3 levels
        writeManifestByHand("registry.ollama.ai/library/a/b/c", qwenManifest, Instant.now());         // 5 levels
        writeManifestByHand("registry.ollama.ai/library/qwen3/.4b.tmp-0011", qwenManifest, Instant.now());
        writeManifestByHand("registry.ollama.ai/bad.ns/m/latest", qwenManifest, Instant.now());
        writeManifestByHand("registry.ollama.ai/library/broken/latest", "{not json".getBytes(), Instant.now());
        assertEquals(List.of("qwen3:4b"), store.list().stream().map(m -> m.name().displayShortest()).toList());
        assertThrows(CorruptManifestException.class, () -> store.find(ModelName.parse("broken")));
    }

    @Test
    void emptyStoreListsNothing(@TempDir Path empty) throws IOException {
        assertEquals(List.of(), new ModelStore(empty.resolve("missing")).list());
    }

    // ------------------------------------------------------------------ writing

    @Test
    void manifestBytesAreWrittenAsGiven() throws IOException {
        byte[] pretty = new String(qwenManifest, StandardCharsets.UTF_8).replace(",", ",\n  ").getBytes();
        ManifestWrite w = store.writeManifest(ModelName.parse("user/pretty:v1"), pretty);
        assertNull(w.previous());
        Path file = root.resolve("manifests/registry.ollama.ai/user/pretty/v1");
        assertArrayEquals(pretty, Files.readAllBytes(file));
        assertEquals(Digest.of(pretty), store.get(ModelName.parse("user/pretty:v1")).manifestDigest());
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        ManifestWrite again = store.writeManifest(ModelName.parse("USER/Pretty:v1"), qwenManifest);
        assertEquals(ModelName.parse("user/pretty:v1"), again.name());
        assertEquals(4, again.previous().layers().size());
    }

    @Test
    void aManifestNeedsItsBlobsFirst() throws IOException {
        Manifest missing = Manifest.of(null, List.of(new Layer(MediaTypes.MODEL, Digest.of(new byte[]{1}), 1)));
        assertThrows(IOException.class, () -> store.writeManifest(ModelName.parse("m"), missing));
        assertFalse(store.exists(ModelName.parse("m")));
        assertThrows(CorruptManifestException.class,
                () -> store.writeManifest(ModelName.parse("m"), "[]".getBytes()));
    }

    @Test
    void manifestJsonIsOllamasShape() throws IOException {
        Digest c = Digest.of(config);
        Digest g = Digest.of(gguf);
        Manifest m = Manifest.of(new Layer(MediaTypes.CONFIG, c, 7),
                List.of(new Layer(MediaTypes.MODEL, g, 5, "qwen3:4b", null)));
        String expected = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + c
                + "\",\"size\":7},\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\",\"digest\":\"" + g
                + "\",\"size\":5,\"from\":\"qwen3:4b\"}]}";
        assertEquals(expected, new String(m.toJson(), StandardCharsets.UTF_8));
        assertEquals(m, Manifest.parse(m.toJson()));
    }

    @Test
    void aManifestCannotNameAFileOutsideTheBlobs() {
        String evil = "{\"schemaVersion\":2,\"mediaType\":\"x\",\"layers\":[{\"mediaType\":\"application/vnd.ollama.image.model\","
                + "\"digest\":\"sha256:../../../../etc/passwd\",\"size\":1}]}";
        assertThrows(CorruptManifestException.class, () -> Manifest.parse(evil.getBytes()));
    }

    @Test
    void blobsAreHashedWhileCopied() throws IOException {
        byte[] data = "new blob".getBytes();
        WrittenBlob first = store.writeBlob(new ByteArrayInputStream(data), Digest.of(data));
        assertTrue(first.created());
        assertEquals(Digest.of(data), first.digest());
        assertEquals(data.length, first.size());
        assertArrayEquals(data, Files.readAllBytes(store.blobPath(first.digest())));
        assertFalse(store.writeBlob(data).created(), "an existing blob is reused");
        assertTrue(store.importFile(store.blobPath(Digest.of(gguf))).digest().equals(Digest.of(gguf)));
        assertNoTempFiles();
    }

    @Test
    void aBlobWithTheWrongDigestIsRejectedAndLeavesNothing() throws IOException {
        byte[] data = "upload".getBytes();
        Digest wrong = Digest.of("other".getBytes());
        DigestMismatchException e = assertThrows(DigestMismatchException.class,
                () -> store.writeBlob(new ByteArrayInputStream(data), wrong));
        assertEquals("digest mismatch, expected \"" + wrong + "\", got \"" + Digest.of(data) + "\"", e.getMessage());
        assertFalse(store.hasBlob(wrong));
        assertFalse(store.hasBlob(Digest.of(data)));
        assertNoTempFiles();
    }

    @Test
    void aFailedBlobWriteLeavesNoPartialTarget() throws IOException {
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 1000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThrows(IOException.class, () -> store.writeBlob(failing));
        assertNoTempFiles();
        assertEquals(5, filesUnder(root.resolve("blobs")).size());
    }

    @Test
    void aFailedAtomicWriteLeavesTheOldFile() throws IOException {
        Path target = root.resolve("manifests/registry.ollama.ai/library/qwen3/4b");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("{\"half\":".getBytes());
            throw new IOException("disk gone");
        }));
        assertArrayEquals(qwenManifest, Files.readAllBytes(target));
        Path fresh = root.resolve("manifests/registry.ollama.ai/library/qwen3/new");
        assertThrows(IOException.class, () -> AtomicFiles.write(fresh, out -> {
            throw new IOException("disk gone");
        }));
        assertFalse(Files.exists(fresh));
        assertNoTempFiles();
    }

    private void assertNoTempFiles() throws IOException {
        for (String file : filesUnder(root)) {
            assertFalse(file.contains(AtomicFiles.TEMP_MARK), file);
        }
    }

    // ------------------------------------------------------------------ copy, delete, prune

    @Test
    void copyWritesANewManifestAndSharesTheBlobs() throws IOException {
        ModelName copied = store.copy(ModelName.parse("Qwen3:4B"), ModelName.parse("me/qwen-copy"));
        assertEquals("me/qwen-copy:latest", copied.displayShortest());
        assertArrayEquals(qwenManifest, store.readManifestBytes(copied));
        assertEquals(5, filesUnder(root.resolve("blobs")).size(), "no blob is duplicated");
        assertThrows(ModelNotFoundException.class,
                () -> store.copy(ModelName.parse("missing"), ModelName.parse("x")));
        // the destination joins an existing folder in its stored case
        assertEquals(ModelName.parse("qwen3:copy"), store.copy(ModelName.parse("qwen3:4b"), ModelName.parse("QWEN3:copy")));
    }

    @Test
    void deleteRemovesTheManifestEmptyFoldersAndUnusedBlobs() throws IOException {
        byte[] own = "only used by the copy".getBytes();
        store.writeBlob(own);
        Manifest copy = Manifest.of(new Layer(MediaTypes.CONFIG, Digest.of(config), config.length),
                List.of(new Layer(MediaTypes.MODEL, Digest.of(gguf), gguf.length),
                        new Layer(MediaTypes.SYSTEM, Digest.of(own), own.length)));
        store.writeManifest(ModelName.parse("someone/variant"), copy);

        assertEquals(ModelName.parse("someone/variant"), store.delete(ModelName.parse("Someone/Variant")));
        assertFalse(store.hasBlob(Digest.of(own)), "a blob nobody uses is removed");
        assertTrue(store.hasBlob(Digest.of(gguf)), "a blob qwen3:4b uses stays");
        assertFalse(Files.exists(root.resolve("manifests/registry.ollama.ai/someone")), "empty folders go");
        assertTrue(Files.isDirectory(root.resolve("manifests/registry.ollama.ai/library")));

        store.delete(ModelName.parse("qwen3:4b"));
        assertEquals(List.of(), filesUnder(root.resolve("blobs")));
        assertEquals(List.of(), store.list());
        assertTrue(Files.isDirectory(root.resolve("manifests")), "the manifests folder itself stays");
        assertThrows(ModelNotFoundException.class, () -> store.delete(ModelName.parse("qwen3:4b")));
    }

    @Test
    void noPruneKeepsBlobsOnDelete() throws IOException {
        ModelStore keeping = new ModelStore(root, true);
        keeping.delete(ModelName.parse("qwen3:4b"));
        assertEquals(5, filesUnder(root.resolve("blobs")).size());
        assertEquals(PruneReport.NOTHING, keeping.pruneOnStartup());
        assertEquals(5, filesUnder(root.resolve("blobs")).size());
    }

    @Test
    @SuppressWarnings("try")
    void startupPruneRemovesOldUnusedBlobsAndStaleLeftovers() throws IOException {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        Path oldUnused = writeBlobByHand("old unused".getBytes());
        Path newUnused = writeBlobByHand("new unused".getBytes());
        Path oldRetained = writeBlobByHand("old but a pull needs it".getBytes());
        Digest partialDigest = Digest.of("downloading".getBytes());
        Path oldPartial = Files.write(store.partialFile(partialDigest), new byte[10]);
        Path oldPart = Files.write(store.partialProgressFile(partialDigest, 0), "{}".getBytes());
        Path newPartial = Files.write(store.partialFile(Digest.of("recent".getBytes())), new byte[10]);
        Path oldTemp = writeManifestByHand("registry.ollama.ai/library/qwen3/.4b.tmp-00aa", new byte[1], twoHoursAgo);
        Files.createDirectories(root.resolve("manifests/registry.ollama.ai/empty/model"));
        for (Path p : List.of(oldUnused, oldRetained, oldPartial, oldPart, store.blobPath(Digest.of(gguf)))) {
            Files.setLastModifiedTime(p, FileTime.from(twoHoursAgo));
        }

        PruneReport report;
        try (ModelStore.Retention ignored = store.retain(List.of(Digest.of("old but a pull needs it".getBytes())))) {
            report = store.pruneOnStartup();
        }
        assertEquals(1, report.unusedBlobs());
        assertEquals(3, report.staleFiles());
        assertEquals(2, report.emptyFolders());
        assertFalse(Files.exists(oldUnused));
        assertFalse(Files.exists(oldPartial));
        assertFalse(Files.exists(oldPart));
        assertFalse(Files.exists(oldTemp));
        assertTrue(Files.exists(newUnused), "younger than an hour");
        assertTrue(Files.exists(newPartial), "younger than an hour");
        assertTrue(Files.exists(oldRetained), "retained by a running operation");
        assertTrue(store.hasBlob(Digest.of(gguf)), "referenced");
        assertFalse(Files.exists(root.resolve("manifests/registry.ollama.ai/empty")));
        assertEquals(1, store.list().size());
    }

    @Test
    void unusedBlobsStayWhileAManifestIsUnreadable() throws IOException {
        Path oldUnused = writeBlobByHand("old unused".getBytes());
        Files.setLastModifiedTime(oldUnused, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        writeManifestByHand("registry.ollama.ai/library/broken/latest", "{".getBytes(), Instant.now());
        assertEquals(0, store.pruneOnStartup().unusedBlobs());
        assertTrue(Files.exists(oldUnused));
    }

    @Test
    void partialProgressFilesAreFoundByPartNumber() throws IOException {
        Digest d = Digest.of("x".getBytes());
        store.writePartialProgress(d, 0, "{\"N\":0}".getBytes());
        store.writePartialProgress(d, 12, "{\"N\":12}".getBytes());
        Files.write(root.resolve("blobs").resolve(d.fileName() + "-partial-x"), new byte[0]);
        assertEquals(List.of(store.partialProgressFile(d, 0), store.partialProgressFile(d, 12)),
                store.partialProgressFiles(d));
        assertNoTempFiles();
    }

    @Test
    void manifestPathsStayInsideTheStore() {
        Path path = store.manifestPath(ModelName.parse("host:1234/ns/m:t"));
        assertEquals(root.resolve("manifests/host:1234/ns/m/t"), path);
        assertEquals(root.resolve("blobs/sha256-" + Digest.of(gguf).hex()), store.blobPath(Digest.of(gguf)));
    }
}
