package jollama.models.quantize;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What a quantization produced.
 *
 * @param output      the written file
 * @param fileType    its {@code general.file_type}
 * @param tensors     tensors in the file
 * @param converted   tensors whose type changed (the others were copied byte for byte)
 * @param inputBytes  size of the input file
 * @param outputBytes size of the output file
 * @param elapsed     wall time of the whole run
 */
public record QuantizeResult(Path output, FileType fileType, int tensors, int converted, long inputBytes,
                             long outputBytes, Duration elapsed) {
}
