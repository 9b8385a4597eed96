package jollama.server.modelfile;

import jollama.engine.sampling.GenerationOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** From parsed commands to the create request, as Ollama's client builds it (typed parameters, FROM a file). */
class ModelfileRequestTest {

    @TempDir
    Path dir;

    private ModelfileRequest request(String text) throws ModelfileException {
        return Modelfile.parse(text).toRequest(dir);
    }

    private String failure(String text) {
        return assertThrows(ModelfileException.class, () -> request(text)).getMessage();
    }

    @Test
    void parametersAreTypedByTheirOption() throws Exception {
        ModelfileRequest r = request("""
                FROM qwen3
                PARAMETER num_ctx 8192
                PARAMETER temperature 0.7
                PARAMETER use_mmap false
                PARAMETER seed -42
                PARAMETER stop <|im_end|>
                PARAMETER stop "### User:"
                PARAMETER top_p 1
                """);
        assertEquals(Map.of("num_ctx", 8192L, "temperature", 0.7, "use_mmap", false, "seed", -42L,
                "stop", List.of("<|im_end|>", "### User:"), "top_p", 1.0), r.parameters());
        assertEquals(List.of("num_ctx", "temperature", "use_mmap", "seed", "stop", "top_p"),
                List.copyOf(r.parameters().keySet()));
        // the typed values pass the options' own type check
        GenerationOptions.defaults().withOverrides(r.parameters());
    }

    @Test
    void badParameterValuesAreRefusedInOllamasWords() {
        assertEquals("invalid int value [8k]", failure("FROM m\nPARAMETER num_ctx 8k"));
        assertEquals("invalid int value [1.5]", failure("FROM m\nPARAMETER top_k 1.5"));
        assertEquals("invalid float value [warm]", failure("FROM m\nPARAMETER temperature warm"));
        assertEquals("invalid float value [1e40]", failure("FROM m\nPARAMETER temperature 1e40"));
        assertEquals("invalid bool value [yes]", failure("FROM m\nPARAMETER use_mmap yes"));
        assertEquals("unknown parameter 'creativity'", failure("FROM m\nPARAMETER creativity 11"));
    }

    @Test
    void deprecatedParametersAreDroppedWithAWarning() throws Exception {
        ModelfileRequest r = request("FROM m\nPARAMETER mirostat 2\nPARAMETER penalize_newline true\nPARAMETER top_k 5");
        assertEquals(Map.of("top_k", 5L), r.parameters());
        assertEquals(List.of("parameter mirostat is deprecated", "parameter penalize_newline is deprecated"), r.warnings());
    }

    @Test
    void everyOptionHasAKindThatTheOptionsAccept() throws Exception {
        for (Map.Entry<String, ParameterKind> e : ParameterKind.OPTIONS.entrySet()) {
            assertTrue(GenerationOptions.isKnownOption(e.getKey()), e.getKey());
            String sample = switch (e.getValue()) {
                case INT -> "3";
                case FLOAT -> "0.25";
                case BOOL -> "true";
                case STRING_LIST -> "</s>";
            };
            GenerationOptions.defaults().withOverrides(Map.of(e.getKey(), e.getValue().convert(sample)));
        }
    }

    @Test
    void layersAccumulateOrReplace() throws Exception {
        ModelfileRequest r = request("""
                FROM qwen3:0.6b
                SYSTEM first
                SYSTEM second
                TEMPLATE {{ .Prompt }}
                LICENSE MIT
                LICENSE Apache-2.0
                MESSAGE user Hi
                MESSAGE assistant Hello!
                REQUIRES v0.14.0
                RENDERER qwen3-coder
                PARSER qwen3
                """);
        assertEquals("qwen3:0.6b", r.fromModel());
        assertNull(r.fromFile());
        assertEquals("second", r.system());
        assertEquals("{{ .Prompt }}", r.template());
        assertEquals(List.of("MIT", "Apache-2.0"), r.licenses());
        assertEquals(List.of(new ModelfileCommand.Message("user", "Hi"), new ModelfileCommand.Message("assistant", "Hello!")),
                r.messages());
        assertEquals("0.14.0", r.requires());
        assertEquals("qwen3-coder", r.renderer());
        assertEquals("qwen3", r.parser());
        assertTrue(r.parameters().isEmpty());
    }

    @Test
    void fromALocalFileOrFolder() throws Exception {
        Path gguf = Files.write(dir.resolve("model.gguf"), new byte[]{'G', 'G', 'U', 'F'});
        assertEquals(gguf, request("FROM ./model.gguf").fromFile());
        assertEquals(gguf, request("FROM " + gguf).fromFile());
        assertEquals(gguf, request("FROM .").fromFile());
        assertEquals("missing.gguf", request("FROM missing.gguf").fromModel());
    }

    @Test
    void unsupportedCommandsAndBadVersionsAreClearErrors() {
        assertTrue(failure("FROM m\nADAPTER ./lora.gguf").contains("LoRA adapters are not supported"));
        assertTrue(failure("FROM m\nDRAFT ./small.gguf").contains("not supported"));
        assertEquals("requires must be a valid semver (e.g. 0.14.0)", failure("FROM m\nREQUIRES latest"));
        assertEquals("requires must be a valid semver (e.g. 0.14.0)", failure("FROM m\nREQUIRES 01.2.3"));
    }
}
