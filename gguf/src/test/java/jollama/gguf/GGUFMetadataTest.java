package jollama.gguf;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typed access is strict about types and names the key, the expected and the found type. */
class GGUFMetadataTest {

    private final GGUFMetadata md = GGUFMetadata.builder()
            .putString("general.architecture", "qwen3")
            .putU32("qwen3.block_count", 28)
            .putI32("signed", -3)
            .putF32("eps", 1e-6f)
            .putBool("add_bos", false)
            .putU32("big", 0xFFFF_FFFFL)
            .putStringArray("tokens", List.of("a", "b"))
            .putI32Array("types", new int[] {1, 3})
            .putF32Array("scales", new float[] {0.5f})
            .build();

    @Test
    void typedGetters() {
        assertEquals("qwen3", md.string("general.architecture"));
        assertEquals(28, md.u32("qwen3.block_count"));
        assertEquals(-3, md.i32("signed"));
        assertEquals(1e-6f, md.f32("eps"));
        assertFalse(md.bool("add_bos"));
        assertEquals(List.of("a", "b"), md.stringArray("tokens"));
        assertArrayEquals(new int[] {1, 3}, md.intArray("types"));
        assertArrayEquals(new float[] {0.5f}, md.floatArray("scales"));
        assertEquals(new GGUFValue.UInt32(28), md.get("qwen3.block_count"));
    }

    @Test
    void keysKeepInsertionOrderAndPutReplacesInPlace() {
        assertEquals(List.of("general.architecture", "qwen3.block_count", "signed", "eps", "add_bos", "big",
                "tokens", "types", "scales"), md.keys());
        GGUFMetadata amended = GGUFMetadata.builder(md).putU32("qwen3.block_count", 2).remove("signed")
                .putU32("general.file_type", 0).build();
        assertEquals(List.of("general.architecture", "qwen3.block_count", "eps", "add_bos", "big",
                "tokens", "types", "scales", "general.file_type"), amended.keys());
        assertEquals(2, amended.u32("qwen3.block_count"));
        assertEquals(28, md.u32("qwen3.block_count"));
    }

    @Test
    void optionalForms() {
        assertEquals(Optional.of("qwen3"), md.optionalString("general.architecture"));
        assertEquals(Optional.empty(), md.optionalString("general.name"));
        assertEquals(7, md.u32("qwen3.missing", 7));
        assertEquals(28, md.u32("qwen3.block_count", 7));
        assertEquals(2.5f, md.f32("missing", 2.5f));
        assertTrue(md.bool("missing", true));
        assertEquals("d", md.string("missing", "d"));
        assertTrue(md.contains("eps"));
        assertFalse(md.contains("nope"));
        assertThrows(GGUFLookupException.class, () -> md.u32("signed", 1)); // present with another type
    }

    @Test
    void missingKeyNamesTheKey() {
        GGUFLookupException e = assertThrows(GGUFLookupException.class, () -> md.u32("qwen3.context_length"));
        assertTrue(e.getMessage().contains("missing metadata key 'qwen3.context_length'"), e.getMessage());
    }

    @Test
    void wrongTypeNamesExpectedAndFound() {
        GGUFLookupException e = assertThrows(GGUFLookupException.class, () -> md.i32("qwen3.block_count"));
        assertTrue(e.getMessage().contains("'qwen3.block_count' should be INT32 but is UINT32"), e.getMessage());
        e = assertThrows(GGUFLookupException.class, () -> md.intArray("tokens"));
        assertTrue(e.getMessage().contains("should be ARRAY of INT32 but is ARRAY of STRING"), e.getMessage());
        e = assertThrows(GGUFLookupException.class, () -> md.string("types"));
        assertTrue(e.getMessage().contains("should be STRING but is ARRAY of INT32"), e.getMessage());
    }

    @Test
    void u32AboveIntRangeIsRefusedNotWrapped() {
        GGUFLookupException e = assertThrows(GGUFLookupException.class, () -> md.u32("big"));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
        assertEquals(4294967295L, ((GGUFValue.UInt32) md.get("big")).unsignedValue());
    }

    @Test
    void arraysAreImmutable() {
        int[] types = md.intArray("types");
        types[0] = 99;
        assertArrayEquals(new int[] {1, 3}, md.intArray("types"));
        assertThrows(UnsupportedOperationException.class, () -> md.stringArray("tokens").set(0, "x"));
    }

    @Test
    void arrayValuesCompareByContent() {
        assertEquals(new GGUFValue.Int32Array(new int[] {1, 2}), new GGUFValue.Int32Array(new int[] {1, 2}));
        assertNotEquals(new GGUFValue.Int32Array(new int[] {1, 2}), new GGUFValue.UInt32Array(new int[] {1, 2}));
        assertEquals("ARRAY of INT32(10)[0, 1, 2, 3, 4, 5, 6, 7, ...]",
                new GGUFValue.Int32Array(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}).toString());
    }

    @Test
    void builderRejectsOutOfRangeUnsigned() {
        assertThrows(IllegalArgumentException.class, () -> GGUFMetadata.builder().putU32("k", -1));
        assertThrows(IllegalArgumentException.class, () -> GGUFMetadata.builder().putU32("k", 1L << 32));
        assertThrows(IllegalArgumentException.class, () -> GGUFMetadata.builder().putU64("k", -1));
    }
}
