package jollama.engine.gotemplate;

import java.util.List;

/** The words of a command. */
sealed interface Operand {

    int pos();

    /** {@code .A.B}: fields (or map keys) of dot. */
    record Field(List<String> names, int pos) implements Operand { }

    /** {@code $x.A.B}; name includes the $ ("$" alone is the data passed to Execute). */
    record Variable(String name, List<String> fields, int pos) implements Operand { }

    /** {@code (pipeline).A.B}. */
    record Chain(Operand node, List<String> fields, int pos) implements Operand { }

    /** A function name. */
    record Identifier(String name, int pos) implements Operand { }

    record Dot(int pos) implements Operand { }

    record Nil(int pos) implements Operand { }

    record Bool(boolean value, int pos) implements Operand { }

    /** A number constant: value is its untyped value (Long for int, Double for float64). */
    record Number(String text, Object value, int pos) implements Operand { }

    /** A string constant: quoted is the source text, value the unquoted string. */
    record Str(String quoted, String value, int pos) implements Operand { }

    record Parenthesized(Pipeline pipe, int pos) implements Operand { }
}
