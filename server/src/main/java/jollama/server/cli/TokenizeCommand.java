package jollama.server.cli;

import jollama.engine.tokenizer.GGUFTokenizerSpec;
import jollama.engine.tokenizer.Tokenizer;
import jollama.gguf.GGUFFile;
import jollama.models.ModelException;

import java.io.PrintStream;
import java.util.Set;

/**
 * {@code jollama tokenize MODEL.gguf TEXT [--special]}: the token ids of a text, printed as
 * {@code llama-tokenize --ids} prints them, to compare the two tokenizers id for id. Like
 * llama-tokenize, BOS/EOS are added only where the file asks for them
 * ({@code tokenizer.ggml.add_bos_token} / {@code add_eos_token}); unlike its default, control
 * tokens spelled in the text are plain text unless --special is given. Only the tokenizer is
 * read: the weights are not loaded, so any architecture's file can be tokenized.
 */
final class TokenizeCommand implements Command {

    @Override
    public String name() {
        return "tokenize";
    }

    @Override
    public String summary() {
        return "Print the token ids of a text (as llama-tokenize --ids)";
    }

    @Override
    public String usage() {
        return "MODEL.gguf TEXT [--special]\n"
                + "  Prints the ids as a JSON array on one line. BOS/EOS are added only where the model asks for them\n"
                + "  (tokenizer.ggml.add_bos_token / add_eos_token). --special turns control tokens written in TEXT,\n"
                + "  such as <|im_start|>, into their ids (llama-tokenize's default; without it they are plain text).\n"
                + "  TEXT is taken as is: no escape sequences are processed (llama-tokenize --no-escape).";
    }

    @Override
    public Set<String> flags() {
        return Set.of("special");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        var path = ModelFiles.existing(args.positional(0, "MODEL (a .gguf file)"));
        String text = args.positional(1, "TEXT to tokenize");
        if (args.positionals().size() > 2) {
            throw new UsageException("too many arguments; quote the TEXT to tokenize");
        }
        int[] ids;
        try (GGUFFile file = GGUFFile.open(path)) {
            ids = tokenizer(file).encode(text, true, args.flag("special"));
        }
        out.println(idList(ids));
        out.flush();
        return 0;
    }

    private static Tokenizer tokenizer(GGUFFile file) {
        if (!file.metadata().contains("tokenizer.ggml.model")) {
            throw new ModelException(file.path() + " has no tokenizer (tokenizer.ggml.model)");
        }
        try {
            return Tokenizer.create(GGUFTokenizerSpec.from(file.metadata()));
        } catch (RuntimeException e) {
            throw new ModelException(file.path() + ": cannot build the tokenizer: " + e.getMessage(), e);
        }
    }

    /** {@code [9707, 1879]}: llama-tokenize's layout, which is also a JSON array. */
    static String idList(int[] ids) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ids.length; i++) {
            sb.append(i > 0 ? ", " : "").append(ids[i]);
        }
        return sb.append(']').toString();
    }
}
