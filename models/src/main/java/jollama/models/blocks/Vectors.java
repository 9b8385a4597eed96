package jollama.models.blocks;

import jollama.gguf.GGUFTensor;
import jollama.models.ModelException;
import jollama.quant.FloatMath;
import jollama.quant.QuantFormats;

/** Small 1-D weights (norms), decoded to floats once at load. */
public final class Vectors {

    private Vectors() {
    }

    public static float[] load(GGUFTensor tensor, int expectedLength) {
        if (tensor.elementCount() != expectedLength) {
            throw new ModelException("tensor " + tensor.name() + " has " + tensor.elementCount()
                    + " elements, expected " + expectedLength);
        }
        float[] v = new float[expectedLength];
        QuantFormats.of(tensor.type()).dequantizeRow(tensor.data(), 0, v, 0, expectedLength);
        return v;
    }

    /** {@code y[i] += x[i]}. */
    public static void add(float[] y, int yOff, float[] x, int xOff, int n) {
        FloatMath.add(y, yOff, x, xOff, n);
    }
}
