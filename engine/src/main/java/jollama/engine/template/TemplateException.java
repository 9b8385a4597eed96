package jollama.engine.template;

/**
 * A chat template could not be compiled or rendered. The message names the construct and, where
 * the template is at fault, its line and column; an unsupported construct always fails this way
 * rather than producing a prompt that differs from what Hugging Face would render.
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean raisedByTemplate;

    public TemplateException(String message) {
        this(message, false);
    }

    TemplateException(String message, boolean raisedByTemplate) {
        super(message);
        this.raisedByTemplate = raisedByTemplate;
    }

    /**
     * True when the template itself called {@code raise_exception(...)}: the request broke a rule
     * of the model's chat format (say, roles out of order), so it is the caller's error, not ours.
     */
    public boolean raisedByTemplate() {
        return raisedByTemplate;
    }
}
