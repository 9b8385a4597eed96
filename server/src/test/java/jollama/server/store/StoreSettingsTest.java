package jollama.server.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §4.4: OLLAMA_MODELS and OLLAMA_NOPRUNE, trimmed of spaces and quotes. */
class StoreSettingsTest {

    private static final Path HOME = Path.of("/home/someone");

    @Test
    void defaultRootIsUnderHome() {
        StoreSettings s = StoreSettings.fromEnvironment(Map.of(), HOME);
        assertEquals(HOME.resolve(".ollama/models"), s.root());
        assertFalse(s.noPrune());
        assertEquals(HOME.resolve(".ollama/models"),
                StoreSettings.fromEnvironment(Map.of("OLLAMA_MODELS", "  "), HOME).root());
    }

    @Test
    void valuesAreTrimmedOfSpacesAndQuotes() {
        assertEquals(Path.of("/data/models"),
                StoreSettings.fromEnvironment(Map.of("OLLAMA_MODELS", "  \"/data/models\" "), HOME).root());
        assertEquals(Path.of("/data/models"),
                StoreSettings.fromEnvironment(Map.of("OLLAMA_MODELS", "'/data/models'"), HOME).root());
        assertEquals("x", StoreSettings.envValue(Map.of("K", " \"'x'\" "), "K"));
        assertEquals("", StoreSettings.envValue(Map.of(), "K"));
    }

    @Test
    void noPruneIsABooleanWhereAnyOtherTextMeansTrue() {
        assertTrue(noPrune("1"));
        assertTrue(noPrune("true"));
        assertTrue(noPrune(" 'TRUE' "));
        assertTrue(noPrune("yes"));
        assertFalse(noPrune("0"));
        assertFalse(noPrune("false"));
        assertFalse(noPrune("\"False\""));
        assertFalse(noPrune(""));
    }

    private static boolean noPrune(String value) {
        return StoreSettings.fromEnvironment(Map.of("OLLAMA_NOPRUNE", value), HOME).noPrune();
    }
}
