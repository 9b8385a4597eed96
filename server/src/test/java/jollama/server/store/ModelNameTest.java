package jollama.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §4.1: the name grammar, its defaults and the short display form. */
class ModelNameTest {

    private static void assertName(String text, String host, String namespace, String model, String tag) {
        ModelName name = ModelName.parse(text);
        assertEquals(List.of(host, namespace, model, tag), name.pathSegments(), text);
    }

    @Test
    void shortFormsGetTheDefaults() {
        assertName("qwen3:4b-instruct-2507-q4_K_M", "registry.ollama.ai", "library", "qwen3", "4b-instruct-2507-q4_K_M");
        assertName("llama3.2", "registry.ollama.ai", "library", "llama3.2", "latest");
        assertName("user/model", "registry.ollama.ai", "user", "model", "latest");
        assertName("user/model:v1.5", "registry.ollama.ai", "user", "model", "v1.5");
        assertEquals("https", ModelName.parse("llama3.2").scheme());
    }

    @Test
    void fullFormsKeepTheirHost() {
        assertName("hf.co/ns/m:Q4_K_M", "hf.co", "ns", "m", "Q4_K_M");
        assertName("registry.ollama.ai/library/qwen3:4b", "registry.ollama.ai", "library", "qwen3", "4b");
        // ':' before the last '/' is a port, not a tag
        assertName("localhost:5000/ns/m:tag", "localhost:5000", "ns", "m", "tag");
        assertName("127.0.0.1:8080/library/tiny", "127.0.0.1:8080", "library", "tiny", "latest");
    }

    @Test
    void schemeIsRecordedButNotPartOfTheName() {
        ModelName http = ModelName.parse("http://127.0.0.1:8080/library/tiny");
        assertEquals("http", http.scheme());
        assertEquals("127.0.0.1:8080", http.host());
        assertEquals("127.0.0.1:8080/library/tiny:latest", http.fullName());
        ModelName https = ModelName.parse("https://example.com/ns/m:t");
        assertEquals("https", https.scheme());
        assertTrue(http.equalsIgnoreCase(ModelName.parse("127.0.0.1:8080/library/tiny")));
    }

    @Test
    void displayShortestLeavesOutDefaultsAndAlwaysHasTheTag() {
        assertEquals("llama3.2:latest", ModelName.parse("llama3.2").displayShortest());
        assertEquals("user/m:latest", ModelName.parse("user/m").displayShortest());
        assertEquals("hf.co/ns/m:Q4_K_M", ModelName.parse("hf.co/ns/m:Q4_K_M").displayShortest());
        assertEquals("example.com/library/m:latest", ModelName.parse("example.com/library/m").displayShortest());
        // the default host and namespace are recognised without regard to case
        assertEquals("Mistral:Latest", ModelName.parse("REGISTRY.Ollama.AI/Library/Mistral:Latest").displayShortest());
    }

    @Test
    void caseIsKeptAndComparedInsensitively() {
        ModelName upper = ModelName.parse("Qwen3:4B");
        assertEquals("Qwen3", upper.model());
        assertEquals("4B", upper.tag());
        assertTrue(upper.equalsIgnoreCase(ModelName.parse("qwen3:4b")));
        assertFalse(upper.equalsIgnoreCase(ModelName.parse("qwen3:8b")));
        assertFalse(upper.equals(ModelName.parse("qwen3:4b")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", ":", "m:", ":tag", "a//b", "/m", "m/", "a/b/c/d", "h/n/m:t/x",
            "ns.x/m",            // the namespace may not contain '.'
            "a:b:c",             // ':' only in the host
            "-m", ".m", "_ok/-bad", "m@sha256", "m+build", "m m", "m:t t",
            "ftp://host/ns/m",   // only http and https
            "http://m",          // a scheme needs a host
            "ollama.com/user/m:cloud:local",
    })
    void invalidNamesAreRejected(String text) {
        assertThrows(InvalidModelNameException.class, () -> ModelName.parse(text), text);
        assertTrue(ModelName.tryParse(text).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "..", "../etc/passwd", "a/../b", "../../x:y", "m/..", "m:..", "x\\y", "x\\..\\y", "m\u0000",
            "ns/m\u0000:t", "m:t\u0000", "ho\u0000st/ns/m", "/etc/passwd", "m:../../x", "m:.hidden",
    })
    void pathTraversalIsImpossible(String text) {
        assertThrows(InvalidModelNameException.class, () -> ModelName.parse(text), text);
    }

    @Test
    void theConstructorValidatesEveryPart() {
        assertThrows(InvalidModelNameException.class, () -> ModelName.of("h", "n", "..", "t"));
        assertThrows(InvalidModelNameException.class, () -> ModelName.of("h", "n", "m", "a/b"));
        assertThrows(InvalidModelNameException.class, () -> ModelName.of("h/x", "n", "m", "t"));
        assertThrows(InvalidModelNameException.class, () -> ModelName.of("h", "n", "m", ""));
        assertThrows(InvalidModelNameException.class, () -> new ModelName("file", "h", "n", "m", "t"));
    }

    @Test
    void lengthLimits() {
        assertEquals(80, ModelName.parse("m".repeat(80)).model().length());
        assertThrows(InvalidModelNameException.class, () -> ModelName.parse("m".repeat(81)));
        assertThrows(InvalidModelNameException.class, () -> ModelName.parse("m:" + "t".repeat(81)));
        assertThrows(InvalidModelNameException.class, () -> ModelName.parse("n".repeat(81) + "/m"));
        assertEquals(350, ModelName.parse("h".repeat(350) + "/n/m").host().length());
        assertThrows(InvalidModelNameException.class, () -> ModelName.parse("h".repeat(351) + "/n/m"));
    }

    @Test
    void errorsNameTheOffendingPart() {
        InvalidModelNameException e = assertThrows(InvalidModelNameException.class, () -> ModelName.parse("ns.x/m"));
        assertTrue(e.getMessage().contains("namespace"), e.getMessage());
        assertEquals("ns.x/m", e.input());
        e = assertThrows(InvalidModelNameException.class, () -> ModelName.parse("m:"));
        assertTrue(e.getMessage().contains("tag"), e.getMessage());
        e = assertThrows(InvalidModelNameException.class, () -> ModelName.parse("a/b/c/d"));
        assertTrue(e.getMessage().contains("three"), e.getMessage());
    }

    @Test
    void namespaceRule() {
        assertTrue(ModelName.isValidNamespace("user_1-x"));
        assertFalse(ModelName.isValidNamespace("user.x"));
        assertFalse(ModelName.isValidNamespace(""));
    }
}
