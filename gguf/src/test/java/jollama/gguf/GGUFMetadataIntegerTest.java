package jollama.gguf;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link GGUFMetadata#integer}: counts and ids of whatever integer type a converter chose. */
class GGUFMetadataIntegerTest {

    private final GGUFMetadata md = GGUFMetadata.builder()
            .putU32("u32", 4_000_000_000L)
            .putI32("i32", -7)
            .putU64("u64", 1L << 40)
            .putI64("i64", -(1L << 40))
            .putString("text", "12")
            .build();

    @Test
    void readsEveryIntegerWidthWithItsSign() {
        assertEquals(4_000_000_000L, md.integer("u32"), "UINT32 above 2^31 stays positive");
        assertEquals(-7, md.integer("i32"));
        assertEquals(1L << 40, md.integer("u64"));
        assertEquals(-(1L << 40), md.integer("i64"));
    }

    @Test
    void aDefaultOnlyForAMissingKey() {
        assertEquals(5, md.integer("missing", 5));
        assertEquals(-7, md.integer("i32", 5));
    }

    @Test
    void aStringIsNotAnInteger() {
        GGUFLookupException e = assertThrows(GGUFLookupException.class, () -> md.integer("text"));
        assertTrue(e.getMessage().contains("'text'"), e.getMessage());
    }
}
