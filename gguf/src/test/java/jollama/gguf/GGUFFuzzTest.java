package jollama.gguf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Thousands of damaged variants of a small valid file: each one either loads cleanly (and then
 * every metadata value and every tensor byte can be read) or is refused with a
 * GGUFFormatException. Anything else (an unchecked exception, an OutOfMemoryError, a hang) fails.
 */
class GGUFFuzzTest {

    private static final long SEED = 0x6767_7566L;
    private static final int VARIANTS = 12_000;
    private static final long TIME_LIMIT_NANOS = 60_000_000_000L;

    @TempDir
    Path dir;

    private byte[] seedFile() throws IOException {
        GGUFMetadata metadata = GGUFMetadata.builder()
                .putString("general.architecture", "qwen3")
                .putU32("general.alignment", 32)
                .putU32("qwen3.block_count", 2)
                .putF32("qwen3.rope.freq_base", 1e6f)
                .putBool("tokenizer.ggml.add_bos_token", false)
                .putStringArray("tokenizer.ggml.tokens", List.of("!", "\"", "Ġthe", "<|im_end|>", ""))
                .putI32Array("tokenizer.ggml.token_type", new int[] {1, 1, 1, 3, 5})
                .putStringArray("tokenizer.ggml.merges", List.of("Ġ t", "h e"))
                .put("nested", new GGUFValue.NestedArray(List.of(new GGUFValue.UInt8Array(new byte[] {1, 2}),
                        new GGUFValue.StringArray(List.of("x")))))
                .build();
        GGUFWriter writer = new GGUFWriter(metadata);
        writer.addTensor("token_embd.weight", GGMLType.F32, 8, 5);
        writer.addTensor("blk.0.attn_q.weight", GGMLType.Q8_0, 32, 2);
        writer.addTensor("output_norm.weight", GGMLType.F16, 8);
        Path file = dir.resolve("seed.gguf");
        writer.write(file, GGUFRoundTripTest::fillBytes);
        return Files.readAllBytes(file);
    }

    @Test
    void damagedFilesLoadCleanlyOrAreRefused() throws IOException {
        byte[] seed = seedFile();
        int headerEnd;
        try (GGUFFile gguf = GGUFFile.open(dir.resolve("seed.gguf"))) {
            headerEnd = (int) gguf.tensorDataOffset();
        }
        int[] lengthFields = lengthLikeFields(seed, headerEnd);
        assertTrue(lengthFields.length > 20, "the seed file should have many length fields");

        Random random = new Random(SEED);
        Path file = dir.resolve("variant.gguf");
        int loaded = 0;
        int refused = 0;
        long start = System.nanoTime();
        for (int i = 0; i < VARIANTS; i++) {
            List<String> how = new ArrayList<>();
            byte[] variant = mutate(seed, headerEnd, lengthFields, random, how);
            Files.write(file, variant);
            try (GGUFFile gguf = GGUFFile.open(file)) {
                readEverything(gguf);
                loaded++;
            } catch (GGUFFormatException e) {
                assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
                refused++;
            } catch (Throwable t) {
                fail("variant " + i + " (" + how + ") threw " + t, t);
            }
        }
        long elapsed = System.nanoTime() - start;
        assertEquals(VARIANTS, loaded + refused);
        assertTrue(loaded > VARIANTS / 100, "too few variants loaded: " + loaded);
        assertTrue(refused > VARIANTS / 10, "too few variants refused: " + refused);
        assertTrue(elapsed < TIME_LIMIT_NANOS, "fuzzing took " + elapsed / 1_000_000 + " ms");
    }

    /** Touches every value and every tensor byte, which must work for any file that opened. */
    private static void readEverything(GGUFFile gguf) {
        for (String key : gguf.metadata().keys()) {
            touch(gguf.metadata().get(key));
        }
        for (GGUFTensor t : gguf.tensors()) {
            byte[] bytes = t.data().toArray(ValueLayout.JAVA_BYTE);
            assertEquals(t.type().byteSize(t.elementCount()), bytes.length, t.name());
            assertEquals(t, gguf.tensor(t.name()));
        }
    }

    private static void touch(GGUFValue value) {
        String text = value.toString() + value.describe();
        assertTrue(!text.isEmpty());
        if (value instanceof GGUFValue.NestedArray nested) {
            nested.values().forEach(GGUFFuzzTest::touch);
        } else if (value instanceof GGUFValue.ArrayValue array) {
            array.hashCode();
        }
    }

    /** Offsets of u64 fields whose value is small: string lengths, counts, dims, offsets. */
    private static int[] lengthLikeFields(byte[] file, int headerEnd) {
        ByteBuffer le = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> fields = new ArrayList<>();
        for (int p = 8; p + 8 <= headerEnd; p++) {
            long v = le.getLong(p);
            if (v >= 0 && v < 4096) {
                fields.add(p);
            }
        }
        return fields.stream().mapToInt(Integer::intValue).toArray();
    }

    private static final long[] EDGE_U64 = {-1L, Long.MAX_VALUE, 0x7FFF_FFFF_FFFF_FFF0L, 1L << 32, 1L << 62,
            Integer.MAX_VALUE, Integer.MAX_VALUE - 8, 0x1_0000_0001L, 0, 1, 3, 64, 4095, 1L << 40};
    private static final int[] EDGE_U32 = {0, 1, 2, 3, 4, 5, 8, 9, 12, 13, 31, 32, 64, 4095, -1,
            Integer.MAX_VALUE, 0x0300_0000};

    private static byte[] mutate(byte[] seed, int headerEnd, int[] lengthFields, Random random, List<String> how) {
        byte[] v = seed.clone();
        int mutations = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        for (int m = 0; m < mutations; m++) {
            // Mostly the header, where the structure is; sometimes anywhere.
            int limit = random.nextInt(10) == 0 ? v.length : Math.min(headerEnd, v.length);
            if (limit <= 0) {
                break;
            }
            switch (random.nextInt(6)) {
                case 0 -> {
                    int bits = 1 + random.nextInt(3);
                    for (int b = 0; b < bits; b++) {
                        int p = random.nextInt(limit);
                        v[p] ^= (byte) (1 << random.nextInt(8));
                        how.add("flip@" + p);
                    }
                }
                case 1 -> {
                    int n = 1 + random.nextInt(4);
                    for (int b = 0; b < n; b++) {
                        int p = random.nextInt(limit);
                        v[p] = (byte) random.nextInt();
                        how.add("byte@" + p);
                    }
                }
                case 2 -> {
                    int n = random.nextInt(v.length);
                    v = Arrays.copyOf(v, n);
                    how.add("truncate@" + n);
                }
                case 3 -> {
                    int p = lengthFields[random.nextInt(lengthFields.length)];
                    if (p + 8 <= v.length) {
                        ByteBuffer le = ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN);
                        long old = le.getLong(p);
                        long[] choices = {EDGE_U64[random.nextInt(EDGE_U64.length)], old + 1, old - 1,
                                old * 2 + 7, random.nextLong()};
                        long value = choices[random.nextInt(choices.length)];
                        le.putLong(p, value);
                        how.add("u64@" + p + "=" + value);
                    }
                }
                case 4 -> {
                    int p = random.nextInt(Math.max(1, limit - 3));
                    if (p + 4 <= v.length) {
                        int value = EDGE_U32[random.nextInt(EDGE_U32.length)];
                        ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).putInt(p, value);
                        how.add("u32@" + p + "=" + value);
                    }
                }
                default -> {
                    // Cut out or duplicate a short run, shifting everything after it.
                    int p = random.nextInt(limit);
                    int n = 1 + random.nextInt(16);
                    if (random.nextBoolean()) {
                        int end = Math.min(v.length, p + n);
                        byte[] cut = new byte[v.length - (end - p)];
                        System.arraycopy(v, 0, cut, 0, p);
                        System.arraycopy(v, end, cut, p, v.length - end);
                        v = cut;
                        how.add("cut@" + p + "+" + n);
                    } else {
                        int len = Math.min(n, v.length - p);
                        byte[] grown = new byte[v.length + len];
                        System.arraycopy(v, 0, grown, 0, p + len);
                        System.arraycopy(v, p, grown, p + len, v.length - p);
                        v = grown;
                        how.add("dup@" + p + "+" + len);
                    }
                }
            }
        }
        return v;
    }
}
