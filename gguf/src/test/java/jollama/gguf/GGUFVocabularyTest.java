package jollama.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A Qwen3-sized vocabulary (151,936 tokens, 151,387 merges, token types) survives the round trip
 * whole. How fast it opens is for a benchmark, not for this test.
 */
class GGUFVocabularyTest {

    @TempDir
    Path dir;

    @Test
    void aQwen3SizedVocabularyRoundTrips() throws IOException {
        Random random = new Random(3);
        List<String> tokens = new ArrayList<>();
        int[] types = new int[151_936];
        for (int i = 0; i < types.length; i++) {
            tokens.add("Ġtok" + Integer.toString(random.nextInt(1 << 30), 36));
            types[i] = 1 + random.nextInt(5);
        }
        List<String> merges = new ArrayList<>();
        for (int i = 0; i < 151_387; i++) {
            merges.add("Ġa" + Integer.toString(i, 36) + " b" + Integer.toString(random.nextInt(1 << 20), 36));
        }
        Path file = dir.resolve("vocab.gguf");
        GGUFMetadata md = GGUFMetadata.builder()
                .putStringArray("tokenizer.ggml.tokens", tokens)
                .putI32Array("tokenizer.ggml.token_type", types)
                .putStringArray("tokenizer.ggml.merges", merges)
                .build();
        new GGUFWriter(md).write(file, (t, dst) -> { });

        try (GGUFFile gguf = GGUFFile.open(file)) {
            assertEquals(tokens, gguf.metadata().stringArray("tokenizer.ggml.tokens"));
            assertEquals(merges, gguf.metadata().stringArray("tokenizer.ggml.merges"));
            assertArrayEquals(types, gguf.metadata().intArray("tokenizer.ggml.token_type"));
        }
    }
}
