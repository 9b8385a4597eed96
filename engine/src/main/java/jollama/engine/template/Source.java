package jollama.engine.template;

/**
 * Template text after Jinja's own normalisation: every newline ({@code \r\n}, {@code \r},
 * {@code \n}) becomes {@code \n}, and one trailing newline is dropped
 * ({@code keep_trailing_newline=False}, the default transformers keeps). Offsets in tokens and
 * AST nodes refer to this text.
 */
record Source(String text) {

    static Source normalize(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return new Source(text);
    }

    /** "line L, column C" for an offset, both counted from 1. */
    String position(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "line " + line + ", column " + (offset - lineStart + 1);
    }

    TemplateException error(String message, int offset) {
        return new TemplateException(message + " at " + position(offset));
    }
}
