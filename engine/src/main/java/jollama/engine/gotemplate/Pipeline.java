package jollama.engine.gotemplate;

import java.util.List;

/**
 * {@code $x := cmd1 | cmd2 arg}: commands whose results feed the next command's last argument,
 * optionally declaring ({@code :=}) or assigning ({@code =}) variables.
 *
 * @param decl     the declared or assigned variable names ($-prefixed), in order
 * @param isAssign true for {@code =}, false for {@code :=}
 */
record Pipeline(List<String> decl, boolean isAssign, List<Command> commands, int pos) {

    Pipeline {
        decl = List.copyOf(decl);
        commands = List.copyOf(commands);
    }
}
