package jollama.models.quantize;

import jollama.models.ModelException;

/** A model that cannot be quantized as asked: the message names the tensor or setting at fault. */
public final class QuantizeException extends ModelException {
    public QuantizeException(String message) {
        super(message);
    }
}
