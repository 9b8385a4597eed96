package jollama.engine.gotemplate;

/** Turns offsets into the line and column numbers of error messages. */
final class SourcePositions {

    private SourcePositions() {
    }

    /** 1-based line of an offset. */
    static int line(String source, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, source.length()); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of an offset. */
    static int column(String source, int pos) {
        int p = Math.min(pos, source.length());
        return p - source.lastIndexOf('\n', p - 1);
    }

    /** A parse error: Go reports only the line. */
    static GoTemplateException parseError(String name, String source, int pos, String message) {
        int line = line(source, pos);
        return new GoTemplateException("template: " + name + ":" + line + ": " + message, line, column(source, pos));
    }

    /**
     * An execution error, worded as Go words it: the location is line:col with Go's 0-based
     * column, and the context the offending node, cut to 20 characters.
     */
    static GoTemplateException execError(String name, String source, int pos, String context, String message) {
        int line = line(source, pos);
        int column = column(source, pos);
        String shown = context.length() > 20 ? context.substring(0, 20) + "..." : context;
        return new GoTemplateException("template: " + name + ":" + line + ":" + (column - 1) + ": executing "
                + GoQuote.quote(name, false) + " at <" + shown + ">: " + message, line, column);
    }
}
