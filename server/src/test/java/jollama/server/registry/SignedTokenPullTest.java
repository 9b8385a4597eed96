package jollama.server.registry;

import jollama.server.store.Digest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pulls from a registry that wants a bearer token, obtained with a request signed by the Ollama
 * key in a temporary home (§5 "Token flow"): the realm verifies the signature over the exact URL
 * it received before it issues the token.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SignedTokenPullTest {

    @TempDir
    Path root;

    private FakeRegistry registry;
    private TokenAuthority tokens;
    private ModelStore store;
    private RegistryKeyFiles keys;
    private RegistryClient client;

    private final byte[] weights = "GGUF fake weights for the token flow".getBytes(StandardCharsets.UTF_8);
    private final byte[] config = "{\"model_format\":\"gguf\"}".getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void start() throws IOException {
        registry = new FakeRegistry();
        tokens = registry.requireTokens();
        store = new ModelStore(root.resolve("models"));
        keys = new RegistryKeyFiles(root.resolve("home").resolve(".ollama"));
        client = client(keys);
        publish("{{ .Prompt }}");
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    private static RegistryClient client(RegistryKeyFiles keys) {
        return new RegistryClient(RegistryOptions.defaults()
                .withPartSizes(1024, 4096)
                .withRetries(2, Duration.ofMillis(10))
                .withProgressInterval(Duration.ofMillis(20))
                .withCheckpointInterval(Duration.ofMillis(50)), keys);
    }

    /** Publishes library/tiny:latest with the given template; returns the manifest bytes. */
    private byte[] publish(String template) {
        byte[] templateBlob = template.getBytes(StandardCharsets.UTF_8);
        for (byte[] blob : List.of(weights, config, templateBlob)) {
            registry.putBlob(Digest.of(blob), blob);
        }
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.MANIFEST + "\",\"config\":"
                + layer(MediaTypes.CONFIG, config) + ",\"layers\":[" + layer(MediaTypes.MODEL, weights) + ","
                + layer(MediaTypes.TEMPLATE, templateBlob) + "]}").getBytes(StandardCharsets.UTF_8);
        registry.putManifest("library", "tiny", "latest", manifest);
        return manifest;
    }

    private static String layer(String mediaType, byte[] blob) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + Digest.of(blob) + "\",\"size\":" + blob.length + "}";
    }

    private ModelName tiny() {
        return ModelName.parse(registry.host() + "/library/tiny:latest");
    }

    private void pull() throws PullException {
        client.pull(tiny(), store, PullOptions.insecure(true), p -> { });
    }

    @Test
    void aSignedTokenRequestIsVerifiedAndItsTokenUsed() throws IOException {
        byte[] manifest = publish("{{ .System }} {{ .Prompt }}");
        pull();

        assertEquals(Digest.of(manifest), store.get(tiny()).manifestDigest());
        assertTrue(keys.exists(), "the key was created in the (temporary) Ollama home on first use");
        assertEquals(1, tokens.calls.size(), "one token for the whole pull: " + tokens.calls);
        TokenAuthority.Call call = tokens.calls.getFirst();
        assertEquals("ok", call.outcome());

        String pubBlob = Files.readString(keys.publicKeyPath()).strip().split(" ")[1];
        assertTrue(call.authorization().startsWith(pubBlob + ":"), call.authorization());
        Map<String, String> query = call.query();
        assertEquals(List.of("nonce", "scope", "service", "ts"), List.copyOf(query.keySet()), "Go's sorted order");
        assertEquals("registry.test", query.get("service"));
        assertEquals("repository:library/tiny:pull", query.get("scope"));
        assertEquals(16, Base64.getUrlDecoder().decode(query.get("nonce")).length);
        assertFalse(query.get("nonce").contains("="), "unpadded base64url");
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(query.get("ts"))) < 60);

        List<String> seen = tokens.registryRequests;
        assertTrue(seen.getFirst().endsWith("auth=null"), "the first manifest GET goes without a token: " + seen);
        assertTrue(seen.stream().skip(1).allMatch(r -> r.endsWith("auth=Bearer " + tokens.token)),
                "every request after the 401 carries the token: " + seen);
    }

    @Test
    void anExistingKeyIsTheOneThatSigns() throws IOException {
        RegistryKey key = keys.create();
        tokens.trustedKey = key.publicKey(); // a registry that knows only this account key
        pull();
        assertEquals("ok", tokens.calls.getFirst().outcome());
    }

    @Test
    void aWrongSignatureFailsThePullAndLeavesTheStoreIntact() throws IOException {
        byte[] first = publish("{{ .Prompt }} v1");
        pull();
        Path firstManifest = store.manifestPath(store.canonicalName(tiny()));
        byte[] firstManifestBytes = Files.readAllBytes(firstManifest);
        List<String> blobsBefore = blobNames();

        publish("{{ .Prompt }} v2");
        tokens.trustedKey = RegistryKey.generate().publicKey(); // the registry expects another key's signature
        PullException e = assertThrows(PullException.class, this::pull);

        assertTrue(e.getMessage().startsWith("pull model manifest: 401: "), e.getMessage());
        assertTrue(e.getMessage().contains("invalid signature"), e.getMessage());
        assertEquals("invalid signature", tokens.calls.getLast().outcome());
        assertEquals(Digest.of(first), store.get(tiny()).manifestDigest(), "the old model is still the one stored");
        assertArrayEquals(firstManifestBytes, Files.readAllBytes(firstManifest));
        assertEquals(blobsBefore, blobNames(), "no blob was added or removed");
    }

    @Test
    void anUnwritableHomeFallsBackToAnUnsignedRequest() throws IOException {
        Path notAFolder = Files.writeString(root.resolve("home-file"), "not a folder");
        try (RegistryClient unsigned = client(new RegistryKeyFiles(notAFolder.resolve(".ollama")))) {
            tokens.signatureRequired = false; // a public model: the realm serves anonymous requests
            unsigned.pull(tiny(), store, PullOptions.insecure(true), p -> { });
        }
        assertNull(tokens.calls.getFirst().authorization());
        assertEquals("ok", tokens.calls.getFirst().outcome());
        assertTrue(store.find(tiny()).isPresent());
    }

    @Test
    void anUnsignedRequestToARealmThatWantsOneFailsClearly() throws IOException {
        Path notAFolder = Files.writeString(root.resolve("home-file"), "not a folder");
        try (RegistryClient unsigned = client(new RegistryKeyFiles(notAFolder.resolve(".ollama")))) {
            PullException e = assertThrows(PullException.class,
                    () -> unsigned.pull(tiny(), store, PullOptions.insecure(true), p -> { }));
            assertTrue(e.getMessage().startsWith("pull model manifest: 401: "), e.getMessage());
            assertTrue(e.getMessage().contains("missing signature"), e.getMessage());
        }
        assertTrue(store.find(tiny()).isEmpty());
    }

    private List<String> blobNames() throws IOException {
        try (var files = Files.list(store.blobsDir())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
