package jollama.engine.bench;

import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark's bookkeeping on the tiny model: which tests run, how many samples, at what depth. */
class SpeedBenchmarkTest {

    @Test
    void runsEveryRequestedTestFromTheRequestedDepth() throws Exception {
        Path model = TestModelFiles.get(TestModelConfig.TINY, "q8_0");
        // decode (single and three batched sequences) from a context of 300 positions
        SpeedBenchmark.Settings settings = new SpeedBenchmark.Settings(16, 4, 2, 1, 3, 300);
        SpeedBenchmark.Result r = SpeedBenchmark.run(model, settings);
        assertEquals(settings, r.settings());
        assertEquals(Files.size(model), r.fileBytes());
        assertEquals(1, r.threads());
        for (SpeedBenchmark.Rate rate : new SpeedBenchmark.Rate[] {r.prompt(), r.decode(), r.parallelDecode()}) {
            assertNotNull(rate);
            assertEquals(2, rate.samples().length);
            for (double s : rate.samples()) {
                assertTrue(s > 0 && Double.isFinite(s), "a rate of tokens per second: " + s);
            }
        }
        assertTrue(r.bandwidthBytesPerSecond() > 0);
    }

    @Test
    void skipsWhatIsNotAskedFor() throws Exception {
        Path model = TestModelFiles.get(TestModelConfig.TINY, "q8_0");
        SpeedBenchmark.Result r = SpeedBenchmark.run(model, new SpeedBenchmark.Settings(0, 3, 1, 1, 1, 0));
        assertNull(r.prompt());
        assertNull(r.parallelDecode());
        assertNotNull(r.decode());
    }

    @Test
    void refusesNegativeSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SpeedBenchmark.Settings(1, 1, 1, 1, 1, -1));
        assertThrows(IllegalArgumentException.class, () -> new SpeedBenchmark.Settings(1, 1, 0, 1, 1, 0));
    }
}
