package jollama.engine.template;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.models.testmodel.Qwen3TokenizerData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Qwen3 chat template renders each golden request to the byte-identical prompt that
 * transformers' apply_chat_template produced (golden/template.json).
 */
class ChatTemplateGoldenTest {

    private static ChatTemplate qwen3;

    @BeforeAll
    static void compileQwen3Template() {
        qwen3 = ChatTemplate.compile(Qwen3TokenizerData.load().chatTemplate());
    }

    static Stream<Arguments> goldenCases() throws IOException {
        try (InputStream in = ChatTemplateGoldenTest.class.getResourceAsStream("/golden/template.json")) {
            List<Map<String, Object>> cases = new ObjectMapper().readValue(in, new TypeReference<>() { });
            return IntStream.range(0, cases.size()).mapToObj(i -> Arguments.of(i, cases.get(i)));
        }
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("goldenCases")
    @SuppressWarnings("unchecked")
    void rendersTheGoldenPrompt(int index, Map<String, Object> golden) {
        Map<String, Object> context = new LinkedHashMap<>((Map<String, Object>) golden.get("request"));
        // Every golden prompt ends with the assistant header: rendered with add_generation_prompt=True.
        context.putIfAbsent("add_generation_prompt", true);
        assertEquals(golden.get("prompt"), qwen3.render(context));
    }
}
