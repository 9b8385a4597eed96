package jollama.models.qwen3;

import jollama.gguf.GGUFFile;
import jollama.models.Sequence;
import jollama.models.testmodel.TestModelConfig;
import jollama.models.testmodel.TestModelFiles;
import jollama.quant.MatrixOps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The same tokens give the same bits, every time: while the JIT compiles the kernels (the
 * first calls run in the interpreter, later ones in C2 code), whichever thread takes which rows,
 * and whatever the sequence held before. A user's seeded request must be reproducible.
 */
class Qwen3DeterminismTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 8, 9, 40})
    void sameTokensSameHiddenStatesAndLogits(int count) throws IOException {
        try (GGUFFile file = GGUFFile.open(TestModelFiles.get(TestModelConfig.TINY, "q4_k_m"));
             MatrixOps ops = MatrixOps.create()) {
            Qwen3 qwen = Qwen3.load(file, ops);
            int[] tokens = new int[count];
            for (int i = 0; i < count; i++) {
                tokens[i] = 100 + 37 * i;
            }
            int hidden = qwen.embeddingLength();
            float[] firstHidden = new float[count * hidden];
            Sequence seq = qwen.newSequence(64);
            seq.appendHidden(tokens, 0, count, firstHidden);
            float[] firstLogits = qwen.newSequence(64).append(tokens, 0, count).clone();
            float[] h = new float[count * hidden];
            for (int run = 0; run < 200; run++) {
                seq.truncate(0);
                seq.appendHidden(tokens, 0, count, h);
                assertArrayEquals(firstHidden, h, "hidden states of run " + run);
                Sequence fresh = run % 2 == 0 ? qwen.newSequence(64) : seq;
                fresh.truncate(0);
                assertArrayEquals(firstLogits, fresh.append(tokens, 0, count), "logits of run " + run);
            }
        }
    }

    /** A sequence's logits in a batched decode step are the bits it gets decoding alone, whoever shares the step. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 9})
    void batchedDecodeGivesEachSequenceItsOwnBits(int count) throws IOException {
        for (String variant : new String[] {"q4_k_m", "q8_0", "f16"}) {
            try (GGUFFile file = GGUFFile.open(TestModelFiles.get(TestModelConfig.TINY, variant));
                 MatrixOps ops = MatrixOps.create()) {
                Qwen3 qwen = Qwen3.load(file, ops);
                Sequence[] together = new Sequence[count];
                Sequence[] alone = new Sequence[count];
                int[] step = new int[count];
                for (int i = 0; i < count; i++) {
                    int[] prompt = {1000 + i, 2000 + 3 * i, 300 + 7 * i};
                    together[i] = qwen.newSequence(32);
                    alone[i] = qwen.newSequence(32);
                    together[i].append(prompt, 0, prompt.length);
                    alone[i].append(prompt, 0, prompt.length);
                }
                float[][] logits = new float[count][];
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < count; i++) {
                        step[i] = 500 + 11 * i + round;
                    }
                    qwen.decode(together, step, count, logits);
                    for (int i = 0; i < count; i++) {
                        assertArrayEquals(alone[i].append(step, i, 1), logits[i],
                                variant + ": sequence " + i + " of " + count + ", round " + round);
                    }
                }
            }
        }
    }
}
