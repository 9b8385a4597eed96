package jollama.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jollama.server.http.sched.KeepAlive;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small parsers and formatters: OLLAMA_HOST, durations, timestamps, Go value text, CORS, config. */
class ValuesTest {

    @Test
    void ollamaHost() {
        assertEquals(new HostPort("127.0.0.1", 11434), HostPort.parse(""));
        assertEquals(new HostPort("0.0.0.0", 11434), HostPort.parse("0.0.0.0"));
        assertEquals(new HostPort("", 8080), HostPort.parse(":8080"));
        assertEquals(new HostPort("example.com", 80), HostPort.parse("http://example.com"));
        assertEquals(new HostPort("example.com", 443), HostPort.parse("https://example.com"));
        assertEquals(new HostPort("example.com", 1234), HostPort.parse("https://example.com:1234/path"));
        assertEquals(new HostPort("127.0.0.1", 11434), HostPort.parse("127.0.0.1:99999"));
        assertEquals(new HostPort("::1", 11434), HostPort.parse("[::1]:11434"));
        assertEquals(new HostPort("localhost", 11434), HostPort.parse("localhost"));
        assertEquals("[::1]:5", new HostPort("::1", 5).display(5));
    }

    @Test
    void keepAliveValues() {
        assertEquals(Duration.ofMinutes(5), RequestValues.keepAlive(JsonNodeFactory.instance.textNode("5m")).duration());
        assertEquals(Duration.ofMinutes(90), RequestValues.keepAlive(JsonNodeFactory.instance.textNode("1h30m")).duration());
        assertEquals(Duration.ofMillis(300), RequestValues.keepAlive(JsonNodeFactory.instance.textNode("300ms")).duration());
        assertEquals(Duration.ofMillis(1500), RequestValues.keepAlive(JsonNodeFactory.instance.numberNode(1.5)).duration());
        assertTrue(RequestValues.keepAlive(JsonNodeFactory.instance.textNode("0")).isZero());
        assertTrue(RequestValues.keepAlive(JsonNodeFactory.instance.textNode("-1m")).isForever());
        assertTrue(RequestValues.keepAlive(JsonNodeFactory.instance.numberNode(-1)).isForever());
        assertNull(RequestValues.keepAlive(JsonNodeFactory.instance.nullNode()));
        assertEquals("time: missing unit in duration \"3600\"", assertThrows(ApiError.class,
                () -> RequestValues.keepAlive(JsonNodeFactory.instance.textNode("3600"))).getMessage());
        assertEquals("time: unknown unit \"x\" in duration \"5x\"", assertThrows(ApiError.class,
                () -> RequestValues.keepAlive(JsonNodeFactory.instance.textNode("5x"))).getMessage());
        assertEquals("time: invalid duration \"abc\"", assertThrows(ApiError.class,
                () -> RequestValues.keepAlive(JsonNodeFactory.instance.textNode("abc"))).getMessage());
        assertEquals("Unsupported type: '[]interface {}'", assertThrows(ApiError.class,
                () -> RequestValues.keepAlive(JsonNodeFactory.instance.arrayNode())).getMessage());

        assertEquals(KeepAlive.DEFAULT, KeepAlive.fromEnvironment(""));
        assertEquals(Duration.ofSeconds(600), KeepAlive.fromEnvironment("600").duration());
        assertEquals(Duration.ofHours(1), KeepAlive.fromEnvironment("1h").duration());
        assertTrue(KeepAlive.fromEnvironment("-1").isForever());
        assertEquals(KeepAlive.DEFAULT, KeepAlive.fromEnvironment("soon"));
    }

    @Test
    void timestamps() {
        Instant t = Instant.parse("2024-07-22T20:47:51.147561000Z");
        assertEquals("2024-07-22T20:47:51.147561Z", Timestamps.utc(t));
        assertEquals("2024-07-22T20:47:51Z", Timestamps.utc(Instant.parse("2024-07-22T20:47:51Z")));
        assertEquals("2024-07-22T20:47:51.000000001Z", Timestamps.utc(Instant.parse("2024-07-22T20:47:51.000000001Z")));
        assertEquals("2024-07-22T13:47:51.147561-07:00", Timestamps.local(t, ZoneOffset.ofHours(-7)));
        assertEquals("2024-07-22T20:47:51.147561Z", Timestamps.local(t, ZoneOffset.UTC));
    }

    @Test
    void goValueText() {
        assertEquals("40", GoText.number(40));
        assertEquals("0.7", GoText.number(0.7));
        assertEquals("1e+06", GoText.number(1_000_000));
        assertEquals("123456", GoText.number(123456));
        assertEquals("1.5e-05", GoText.number(0.000015));
        assertEquals("\"<|im_end|>\"", GoText.goSyntax("<|im_end|>"));
        assertEquals("\"a\\nb\"", GoText.goSyntax("a\nb"));
        assertEquals("stop                           \"a\"\nstop                           \"b\"\n"
                        + "temperature                    0.5",
                ModelfileText.parameters(new java.util.LinkedHashMap<>(Map.of("stop", List.of("a", "b")))) + "\n"
                        + ModelfileText.parameters(Map.of("temperature", 0.5)));
        assertEquals("\"two\nlines\"", ModelfileText.quote("two\nlines"));
        assertEquals("\"\"\"say \"hi\"\n\"\"\"", ModelfileText.quote("say \"hi\"\n"));
        assertEquals("plain", ModelfileText.quote("plain"));
    }

    @Test
    void corsOrigins() {
        CorsPolicy cors = new CorsPolicy(List.of("https://*.example.com", "chrome-extension://abc"));
        assertTrue(cors.allows("http://localhost"));
        assertTrue(cors.allows("http://localhost:5173"));
        assertTrue(cors.allows("https://127.0.0.1:1"));
        assertTrue(cors.allows("vscode-webview://xyz"));
        assertTrue(cors.allows("https://app.example.com"));
        assertTrue(cors.allows("chrome-extension://abc"));
        assertFalse(cors.allows("https://evil.com"));
        assertFalse(cors.allows("http://localhost.evil.com"));
        assertTrue(new CorsPolicy(List.of("*")).allows("https://anything.org"));

        Map<String, String> headers = new java.util.HashMap<>();
        assertEquals(0, cors.apply("GET", "http://127.0.0.1:11434", "127.0.0.1:11434", headers));
        assertTrue(headers.isEmpty(), "same origin gets no CORS headers");
        assertEquals(403, cors.apply("POST", "https://evil.com", "127.0.0.1:11434", headers));
        assertEquals(204, cors.apply("OPTIONS", "http://localhost:3000", "127.0.0.1:11434", headers));
        assertEquals("http://localhost:3000", headers.get("Access-Control-Allow-Origin"));
    }

    @Test
    void hostGuardOnlyOnLoopback() {
        assertTrue(new HostGuard("127.0.0.1").active());
        assertFalse(new HostGuard("").active());
        assertFalse(new HostGuard("0.0.0.0").active());
        HostGuard guard = new HostGuard("127.0.0.1");
        assertEquals(403, guard.apply("GET", "attacker.com"));
        assertEquals(0, guard.apply("GET", ""));
        assertEquals(0, guard.apply("GET", "LOCALHOST:11434"));
        assertEquals(0, guard.apply("GET", "172.20.1.1:11434"));
        assertEquals(403, guard.apply("GET", "172.32.1.1"));
        assertEquals(0, guard.apply("GET", "[fd00::1]:80"));
        assertEquals(204, guard.apply("OPTIONS", "localhost"));
    }

    @Test
    void serverConfigFromEnvironment() {
        ServerConfig defaults = ServerConfig.fromEnvironment(Map.of());
        assertEquals(HostPort.DEFAULT, defaults.bind());
        assertEquals(4096, defaults.contextLength());
        assertEquals(1, defaults.numParallel());
        assertEquals(3, defaults.maxLoadedModels());
        assertEquals(512, defaults.maxQueue());
        assertEquals(KeepAlive.DEFAULT, defaults.keepAlive());

        ServerConfig set = ServerConfig.fromEnvironment(Map.of("OLLAMA_HOST", " \"0.0.0.0:9000\" ",
                "OLLAMA_CONTEXT_LENGTH", "8192", "OLLAMA_NUM_PARALLEL", "4", "OLLAMA_MAX_LOADED_MODELS", "2",
                "OLLAMA_MAX_QUEUE", "oops", "OLLAMA_KEEP_ALIVE", "-1", "OLLAMA_ORIGINS", "https://a.com, https://b.com"));
        assertEquals(new HostPort("0.0.0.0", 9000), set.bind());
        assertEquals(8192, set.contextLength());
        assertEquals(4, set.numParallel());
        assertEquals(2, set.maxLoadedModels());
        assertEquals(512, set.maxQueue());
        assertTrue(set.keepAlive().isForever());
        assertEquals(List.of("https://a.com", "https://b.com"), set.origins());
    }
}
