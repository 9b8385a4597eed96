package jollama.server.client;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** OLLAMA_HOST as a client reads it (ollama-api.md §4.4). */
class OllamaHostTest {

    private static String url(String value) {
        return OllamaHost.parse(value).uri("/api/tags").toString();
    }

    @Test
    void unsetIsTheDefaultAddress() {
        assertEquals("http://127.0.0.1:11434/api/tags", url(""));
        assertEquals(OllamaHost.DEFAULT, OllamaHost.fromEnvironment(Map.of()));
    }

    @Test
    void noSchemeMeansHttpAndTheDefaultPort() {
        assertEquals("http://example.com:11434/api/tags", url("example.com"));
        assertEquals("http://10.1.2.3:11434/api/tags", url("10.1.2.3"));
        assertEquals("http://example.com:8080/api/tags", url("example.com:8080"));
    }

    @Test
    void aSchemeWithoutAPortUsesTheSchemesPort() {
        assertEquals("http://example.com:80/api/tags", url("http://example.com"));
        assertEquals("https://example.com:443/api/tags", url("https://example.com"));
        assertEquals("https://example.com:8443/api/tags", url("https://example.com:8443"));
    }

    @Test
    void theListeningFormsNameThisMachine() {
        assertEquals("http://127.0.0.1:11434/api/tags", url("0.0.0.0"));
        assertEquals("http://127.0.0.1:8080/api/tags", url(":8080"));
        assertEquals("http://127.0.0.1:8080/api/tags", url("0.0.0.0:8080"));
    }

    @Test
    void ipv6AddressesAreBracketed() {
        assertEquals("http://[::1]:11434/api/tags", url("[::1]"));
        assertEquals("http://[::1]:9000/api/tags", url("[::1]:9000"));
        assertEquals("http://[::1]:11434/api/tags", url("::1"));
    }

    @Test
    void anInvalidPortFallsBackToTheDefault() {
        assertEquals("http://example.com:11434/api/tags", url("example.com:abc"));
        assertEquals("http://example.com:11434/api/tags", url("example.com:99999"));
        assertEquals("http://example.com:80/api/tags", url("http://example.com:-1"));
    }

    @Test
    void aPathPrefixesEveryApiPath() {
        assertEquals("https://proxy.example.com:443/ollama/api/tags", url("https://proxy.example.com/ollama"));
        assertEquals("http://host:11434/a/b/api/tags", url("host/a/b/"));
    }

    @Test
    void spacesAndQuotesAroundTheValueAreIgnored() {
        assertEquals(OllamaHost.parse("example.com:1234"),
                OllamaHost.fromEnvironment(Map.of("OLLAMA_HOST", "  \"example.com:1234\" ")));
    }
}
