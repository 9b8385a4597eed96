package jollama.engine.template;

/**
 * A Python-level error (TypeError, UndefinedError...) raised while evaluating, before the
 * position is known; the evaluator turns it into a {@link TemplateException} naming the line
 * and column of the expression that failed.
 */
final class EvalError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    EvalError(String message) {
        super(message, null, false, false);
    }
}
