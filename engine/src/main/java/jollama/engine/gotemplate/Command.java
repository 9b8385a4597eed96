package jollama.engine.gotemplate;

import java.util.List;

/** One stage of a pipeline: an operand, or a function (or method) with its arguments. */
record Command(List<Operand> args, int pos) {

    Command {
        args = List.copyOf(args);
    }
}
