package jollama.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.engine.Model;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * §6.1: a Modelfile TEMPLATE (Go text/template) renders the prompt instead of the GGUF's Jinja
 * template, and a request's own {@code template} wins over both. The rendered prompt is observed
 * through {@code prompt_eval_count}, the number of its tokens.
 */
class PromptTemplateTest {

    /** A legacy (no .Messages) template: Ollama renders it once per exchange. */
    static final String TEMPLATE = "[INST] {{ if .System }}{{ .System }} {{ end }}{{ .Prompt }} [/INST]";

    /** OLLAMA_GO_TEMPLATE=1: TEMPLATE layers always render. */
    private static ServerHarness h;
    /** OLLAMA_GO_TEMPLATE unset: a GGUF Jinja template that knows tools beats a Go template that does not. */
    private static ServerHarness auto;
    private static Model tokenizerSource;

    @BeforeAll
    static void start() throws IOException {
        h = new ServerHarness(ServerConfig.fromEnvironment(Map.of("OLLAMA_GO_TEMPLATE", "1")));
        auto = new ServerHarness(ServerConfig.fromEnvironment(Map.of()));
        tokenizerSource = Model.open(ServerHarness.chatModel());
    }

    @AfterAll
    static void stop() {
        tokenizerSource.close();
        auto.close();
        h.close();
    }

    static int tokens(String text) {
        return tokenizerSource.tokenize(text).length;
    }

    static JsonNode generate(String body) {
        ServerHarness.Reply r = h.post("/api/generate", body);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    void theTemplateLayerRendersThePrompt() {
        JsonNode r = generate("{\"model\":\"tiny-tpl\",\"prompt\":\"hello there\",\"stream\":false,"
                + "\"options\":{\"num_predict\":1}}");
        assertEquals(tokens("[INST] hello there [/INST]"), r.get("prompt_eval_count").asInt());
    }

    @Test
    void theRequestSystemGoesIntoTheTemplate() {
        JsonNode r = generate("{\"model\":\"tiny-tpl\",\"prompt\":\"hi\",\"system\":\"Be brief.\",\"stream\":false,"
                + "\"options\":{\"num_predict\":1}}");
        assertEquals(tokens("[INST] Be brief. hi [/INST]"), r.get("prompt_eval_count").asInt());
    }

    @Test
    void aRequestTemplateOverridesTheModels() {
        JsonNode r = generate("{\"model\":\"tiny\",\"prompt\":\"hello\",\"template\":\"<<{{ .Prompt }}>>\","
                + "\"stream\":false,\"options\":{\"num_predict\":1}}");
        assertEquals(tokens("<<hello>>"), r.get("prompt_eval_count").asInt());
    }

    @Test
    void unsetTheJinjaTemplateWinsWhenOnlyItKnowsTools() {
        ServerHarness.Reply r = auto.post("/api/generate", "{\"model\":\"tiny-tpl\",\"prompt\":\"hello there\","
                + "\"stream\":false,\"options\":{\"num_predict\":1}}");
        assertEquals(200, r.status(), r.body());
        String jinja = "<|im_start|>user\nhello there<|im_end|>\n<|im_start|>assistant\n";
        assertEquals(tokens(jinja), r.json().get("prompt_eval_count").asInt());
    }

    @Test
    void aBrokenRequestTemplateIsAnError() {
        ServerHarness.Reply r = h.post("/api/generate",
                "{\"model\":\"tiny\",\"prompt\":\"hello\",\"template\":\"{{ .Prompt \",\"stream\":false}");
        assertEquals(500, r.status(), r.body());
        assertEquals(true, r.error().startsWith("template error: "), r.body());
    }
}
