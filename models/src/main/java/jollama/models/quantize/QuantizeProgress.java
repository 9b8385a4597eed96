package jollama.models.quantize;

/**
 * Where a quantization stands, for a progress bar.
 *
 * @param tensorsDone tensors completely written
 * @param tensorCount tensors in the model
 * @param tensor      the tensor being written (the last one once all are done)
 * @param bytesDone   bytes of tensor data written so far
 * @param bytesTotal  bytes of tensor data the output will hold
 */
public record QuantizeProgress(int tensorsDone, int tensorCount, String tensor, long bytesDone, long bytesTotal) {

    /** The fraction done, by bytes (what takes time), 0 to 1. */
    public double fraction() {
        return bytesTotal == 0 ? 1.0 : (double) bytesDone / bytesTotal;
    }
}
