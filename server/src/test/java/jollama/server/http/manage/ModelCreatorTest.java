package jollama.server.http.manage;

import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.server.modelfile.Modelfile;
import jollama.server.registry.CancelSignal;
import jollama.server.store.Manifest;
import jollama.server.store.MediaTypes;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service without HTTP, as the CLI would use it: a Modelfile whose FROM is a local GGUF file. */
class ModelCreatorTest {

    @TempDir
    Path root;

    @TempDir
    Path work;

    @Test
    void createsFromAModelfileWithALocalFile() throws Exception {
        Path gguf = Files.copy(TestModelFiles.get(TestModelConfig.TINY, "q4_k_m"), work.resolve("tiny.gguf"));
        Modelfile modelfile = Modelfile.parse("""
                FROM ./tiny.gguf
                SYSTEM \"""
                You are a test.
                \"""
                PARAMETER num_predict 4
                PARAMETER stop <|im_end|>
                PARAMETER stop </s>
                MESSAGE user Hi
                """);
        ModelStore store = new ModelStore(root);
        CreateSpec spec = CreateSpec.fromModelfile(ModelName.parse("local"), modelfile.toRequest(work), null);
        List<Progress> progress = new ArrayList<>();
        new ModelCreator(store, null, TemplateCheck.goTemplates()).create(spec, progress::add, new CancelSignal());

        assertEquals("parsing GGUF", progress.getFirst().status());
        assertEquals("success", progress.getLast().status());
        Manifest m = store.get(ModelName.parse("local")).manifest();
        assertEquals(List.of(MediaTypes.MODEL, MediaTypes.SYSTEM, MediaTypes.PARAMS, MediaTypes.MESSAGES),
                m.layers().stream().map(l -> l.mediaType()).toList());
        assertEquals(ModelStore.hashFile(gguf), m.layers().getFirst().digest());
        assertEquals("\nYou are a test.\n", store.readText(m.layer(MediaTypes.SYSTEM).orElseThrow()));
        assertEquals("{\"num_predict\":4,\"stop\":[\"\\u003c|im_end|\\u003e\",\"\\u003c/s\\u003e\"]}\n",
                store.readText(m.layer(MediaTypes.PARAMS).orElseThrow()));
        assertTrue(Files.exists(gguf), "the source file is left alone");
    }
}
