package jollama.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each kind of damaged or unsupported file is refused with a GGUFFormatException naming file, offset and problem. */
class GGUFBadInputTest {

    @TempDir
    Path dir;

    private static final long HUGE = 0x7FFF_FFFF_FFFF_FFF0L;

    /** Opens {@code raw} and checks the refusal's offset and that its message says {@code expected}. */
    private GGUFFormatException refused(RawGGUF raw, long offset, String expected) throws IOException {
        Path file = raw.writeTo(dir.resolve("bad.gguf"));
        GGUFFormatException e = assertThrows(GGUFFormatException.class, () -> GGUFFile.open(file).close());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(file, e.file());
        assertEquals(offset, e.offset(), e.getMessage());
        return e;
    }

    /** A valid file around one F32 tensor of {@code dims} at data offset 0. */
    private static RawGGUF withTensor(int typeId, long offset, long... dims) {
        return RawGGUF.header(3, 1, 0).tensor("t", typeId, offset, dims).pad(32).zeros(64);
    }

    @Test
    void wrongMagic() throws IOException {
        RawGGUF raw = new RawGGUF().bytes("GGML".getBytes()).u32(3).u64(0).u64(0);
        refused(raw, 0, "not a GGUF file");
    }

    @Test
    void emptyFile() throws IOException {
        refused(new RawGGUF(), 0, "truncated");
    }

    @Test
    void unsupportedVersion() throws IOException {
        refused(RawGGUF.header(4, 0, 0), 4, "unsupported GGUF version 4");
        refused(RawGGUF.header(1, 0, 0), 4, "version 1");
        refused(RawGGUF.header(0, 0, 0), 4, "unsupported GGUF version 0");
    }

    @Test
    void bigEndianFile() throws IOException {
        refused(RawGGUF.header(3 << 24, 0, 0), 4, "big-endian");
    }

    @Test
    void truncatedHeader() throws IOException {
        RawGGUF raw = new RawGGUF().bytes("GGUF".getBytes()).u32(3).u64(0).u32(0);
        refused(raw, 16, "truncated");
    }

    @Test
    void truncatedInsideAValue() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("k", GGUFValueType.UINT64).u32(7);
        refused(raw, 24 + 9 + 4, "truncated");
    }

    @Test
    void keyLengthPastTheEnd() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).u64(1000).bytes("abc".getBytes()).zeros(16);
        refused(raw, 24, "length of metadata key #0");
    }

    @Test
    void stringValueLengthPastTheEnd() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("name", GGUFValueType.STRING).u64(HUGE).str("x");
        refused(raw, 24 + 12 + 4, "value of 'name'");
    }

    @Test
    void arrayLengthPastTheEnd() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("tokens", GGUFValueType.ARRAY)
                .u32(GGUFValueType.STRING.id()).u64(HUGE).str("a");
        refused(raw, 24 + 14 + 4 + 4, "element count of array 'tokens'");
        RawGGUF ints = RawGGUF.header(3, 0, 1).key("ids", GGUFValueType.ARRAY)
                .u32(GGUFValueType.INT32.id()).u64(3).u32(1).u32(2);
        refused(ints, 24 + 11 + 4 + 4, "element count of array 'ids'");
    }

    @Test
    void stringArrayElementPastTheEnd() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("tokens", GGUFValueType.ARRAY)
                .u32(GGUFValueType.STRING.id()).u64(2).str("a").u64(HUGE).zeros(8);
        refused(raw, 24 + 14 + 4 + 4 + 8 + 9, "element 1 of array 'tokens'");
    }

    @Test
    void absurdTensorCount() throws IOException {
        refused(RawGGUF.header(3, HUGE, 0), 8, "tensor count");
        refused(RawGGUF.header(3, -1L, 0), 8, "tensor count is 18446744073709551615");
    }

    @Test
    void absurdKeyValueCount() throws IOException {
        refused(RawGGUF.header(3, 0, HUGE), 16, "metadata key/value count");
        refused(RawGGUF.header(3, 0, 1L << 32).zeros(100), 16, "metadata key/value count");
    }

    @Test
    void unknownValueType() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("k", GGUFValueType.UINT8).zeros(8);
        byte[] bytes = raw.toBytes();
        bytes[24 + 9] = 13; // the type id right after the key "k"
        RawGGUF patched = new RawGGUF().bytes(bytes);
        refused(patched, 24 + 9, "unknown value type 13");
    }

    @Test
    void boolOtherThanZeroOrOne() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("flag", GGUFValueType.BOOL).u8(2);
        refused(raw, 24 + 12 + 4, "bool value 2");
    }

    @Test
    void arraysNestedTooDeep() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("deep", GGUFValueType.ARRAY);
        for (int i = 0; i < 40; i++) {
            raw.u32(GGUFValueType.ARRAY.id()).u64(1);
        }
        raw.zeros(64);
        refused(raw, 24 + 12 + 4 + 16 * 12, "nested deeper than 16");
    }

    @Test
    void duplicateKey() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 2)
                .key("general.name", GGUFValueType.STRING).str("a")
                .key("general.name", GGUFValueType.STRING).str("b");
        refused(raw, 24 + 20 + 4 + 9, "duplicate metadata key 'general.name'");
    }

    @Test
    void alignmentNotAPowerOfTwo() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 0, 1).key("general.alignment", GGUFValueType.UINT32).u32(48);
        refused(raw, raw.position(), "general.alignment");
        RawGGUF signed = RawGGUF.header(3, 0, 1).key("general.alignment", GGUFValueType.INT32).u32(32);
        refused(signed, signed.position(), "must be a UINT32 power of two but is INT32");
    }

    @Test
    void duplicateTensorName() throws IOException {
        RawGGUF raw = RawGGUF.header(3, 2, 0)
                .tensor("t", GGMLType.F32.id(), 0, 4)
                .tensor("t", GGMLType.F32.id(), 32, 4)
                .pad(32).zeros(64);
        refused(raw, 24 + 33, "duplicate tensor name 't'");
    }

    @Test
    void unknownTensorType() throws IOException {
        refused(withTensor(4, 0, 32), 24 + 9 + 4 + 8, "unknown ggml tensor type 4"); // Q4_2, long removed
        refused(withTensor(1000, 0, 32), 24 + 9 + 4 + 8, "unknown ggml tensor type 1000");
    }

    @Test
    void tensorDataOutsideTheFile() throws IOException {
        // 64 data bytes follow the header; a 32-float tensor needs 128.
        refused(withTensor(GGMLType.F32.id(), 0, 32), 24 + 9 + 4 + 8 + 4, "lies outside the file");
        refused(withTensor(GGMLType.F32.id(), 1L << 40, 4), 24 + 9 + 4 + 8 + 4, "lies outside the file");
        refused(withTensor(GGMLType.F32.id(), HUGE & ~31L, 4), 24 + 9 + 4 + 8 + 4, "lies outside the file");
    }

    @Test
    void misalignedTensorOffset() throws IOException {
        refused(withTensor(GGMLType.F32.id(), 4, 4), 24 + 9 + 4 + 8 + 4, "not a multiple of the alignment 32");
        refused(withTensor(GGMLType.F32.id(), -1L, 4), 24 + 9 + 4 + 8 + 4, "too large");
    }

    @Test
    void dimensionsWhoseProductOverflows() throws IOException {
        refused(withTensor(GGMLType.F32.id(), 0, 1L << 32, 1L << 32), 24, "overflows 64 bits");
        refused(withTensor(GGMLType.F32.id(), 0, 1L << 61), 24, "overflows 64 bits"); // elements fit, bytes do not
        refused(withTensor(GGMLType.F32.id(), 0, 4, -1L), 24 + 9 + 4 + 8, "dimension 1 is 18446744073709551615");
    }

    @Test
    void rowLengthNotAMultipleOfTheBlockSize() throws IOException {
        refused(withTensor(GGMLType.Q4_K.id(), 0, 100), 24 + 9 + 4 + 8, "not a multiple of the Q4_K block size 256");
    }

    @Test
    void dimensionCountOutOfRange() throws IOException {
        refused(withTensor(GGMLType.F32.id(), 0, 1, 1, 1, 1, 1), 24 + 9, "5 dimensions, must be 1..4");
        refused(withTensor(GGMLType.F32.id(), 0), 24 + 9, "0 dimensions");
        RawGGUF raw = RawGGUF.header(3, 1, 0).str("t").u32(-1).zeros(64);
        refused(raw, 24 + 9, "4294967295 dimensions");
    }
}
