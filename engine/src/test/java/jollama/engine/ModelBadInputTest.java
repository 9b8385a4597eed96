package jollama.engine;

import jollama.engine.generate.GenerationResult;
import jollama.engine.sampling.GenerationOptions;
import jollama.gguf.GGUFFile;
import jollama.gguf.GGUFFormatException;
import jollama.gguf.GGUFMetadata;
import jollama.gguf.GGUFTensor;
import jollama.gguf.GGUFWriter;
import jollama.models.ContextOverflowException;
import jollama.models.ModelException;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gives a clear error and leaves the model usable. */
class ModelBadInputTest {

    @TempDir
    Path dir;

    static Path tiny() {
        return TestModelFiles.get(TestModelConfig.TINY, "q8_0");
    }

    static GenerationOptions greedy(int n) {
        return GenerationOptions.defaults().withOverrides(Map.of("temperature", 0, "num_predict", n));
    }

    @Test
    void emptyPromptIsRefused() throws IOException {
        try (Model model = Model.open(tiny())) {
            var e = assertThrows(IllegalArgumentException.class, () -> model.generate("", greedy(1)));
            assertEquals("the prompt is empty", e.getMessage());
        }
    }

    @Test
    void promptLongerThanTheContextIsRefusedAndTheModelStaysUsable() throws IOException {
        try (Model model = Model.open(tiny(), ModelSettings.defaults().withContextLength(16))) {
            String longPrompt = "word ".repeat(40);
            var e = assertThrows(ContextOverflowException.class, () -> model.generate(longPrompt, greedy(1)));
            assertTrue(e.getMessage().contains("do not fit in the context of 16"), e.getMessage());
            GenerationResult ok = model.generate("Hello", greedy(2)).run(t -> { });
            assertEquals(2, ok.evalCount());
        }
    }

    @Test
    void generationStopsWhenTheContextIsFull() throws IOException {
        try (Model model = Model.open(tiny(), ModelSettings.defaults().withContextLength(8))) {
            int prompt = model.tokenize("Hello world").length;
            GenerationResult r = model.generate("Hello world", greedy(100)).run(t -> { });
            assertEquals("length", r.doneReason().apiName());
            // every position holds a token, and the logits of the last one still give one more
            assertEquals(8 - prompt + 1, r.evalCount());
        }
    }

    @Test
    void loneSurrogatesInTheTextDoNotBreakTokenization() throws IOException {
        try (Model model = Model.open(tiny())) {
            int[] ids = model.tokenize("a\uD800b");
            assertTrue(ids.length >= 2);
            assertFalse(model.tokenizer().decode(ids).isEmpty());
        }
    }

    @Test
    void anotherArchitectureIsNamedInTheError() throws IOException {
        Path llama = dir.resolve("llama.gguf");
        try (GGUFFile source = GGUFFile.open(tiny())) {
            GGUFMetadata metadata = GGUFMetadata.builder(source.metadata())
                    .putString("general.architecture", "llama").build();
            GGUFWriter writer = new GGUFWriter(metadata);
            for (GGUFTensor t : source.tensors()) {
                writer.addTensor(t.name(), t.type(), t.shape());
            }
            writer.write(llama, (info, dst) -> MemorySegment.copy(source.tensor(info.name()).data(), 0, dst, 0,
                    dst.byteSize()));
        }
        var e = assertThrows(ModelException.class, () -> Model.open(llama));
        assertTrue(e.getMessage().contains("unsupported model architecture 'llama'"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsAFormatError() throws IOException {
        Path truncated = dir.resolve("truncated.gguf");
        try (var in = Files.newInputStream(tiny())) {
            Files.write(truncated, in.readNBytes(1_000_000));
        }
        assertThrows(GGUFFormatException.class, () -> Model.open(truncated));
    }

    @Test
    void aTextFileIsNotAModel() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.gguf"), "just some text, not a model\n");
        var e = assertThrows(GGUFFormatException.class, () -> Model.open(text));
        assertTrue(e.getMessage().contains("notes.gguf"), "the message names the file: " + e.getMessage());
    }

    @Test
    void aModelFileDeletedWhileMappedKeepsWorking() throws IOException {
        Path copy = dir.resolve("copy.gguf");
        Files.copy(tiny(), copy);
        try (Model model = Model.open(copy)) {
            Files.delete(copy);
            assertEquals(3, model.generate("Hello", greedy(3)).run(t -> { }).evalCount());
        }
    }
}
