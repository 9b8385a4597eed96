package jollama.server.cli;

import jollama.gguf.GGUFFile;
import jollama.models.Architectures;
import jollama.models.LanguageModel;
import jollama.models.Sequence;
import jollama.quant.MatrixOps;

import java.io.PrintStream;
import java.util.Set;

/**
 * {@code jollama logits MODEL.gguf --tokens 1,2,3 [--top K]}: the forward pass laid bare, for
 * comparing with another engine position by position. Each token is evaluated on its own (one
 * position at a time, no batching), and after each one a JSON line gives the K most likely next
 * tokens with their log-probabilities (log-softmax in double precision on the float logits).
 */
final class LogitsCommand implements Command {

    static final int DEFAULT_TOP = 10;

    @Override
    public String name() {
        return "logits";
    }

    @Override
    public String summary() {
        return "Print the top log-probabilities after each token of a sequence";
    }

    @Override
    public String usage() {
        return "MODEL.gguf --tokens ID,ID,... [--top K]\n"
                + "  One JSON line per position: {\"pos\":I,\"top\":[[ID,LOGPROB],...]}, K (default "
                + DEFAULT_TOP + ") entries by descending log-probability.";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("tokens", "top");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        var path = ModelFiles.existing(args.positional(0, "MODEL (a .gguf file)"));
        if (args.positionals().size() > 1) {
            throw new UsageException("unexpected argument '" + args.positionals().get(1) + "'; give the ids with --tokens");
        }
        if (!args.options().containsKey("tokens")) {
            throw new UsageException("missing --tokens ID,ID,...");
        }
        int[] tokens = parseTokens(args.option("tokens", ""));
        int top = args.intOption("top", DEFAULT_TOP);
        if (top < 1) {
            throw new UsageException("--top must be at least 1, not " + top);
        }
        try (GGUFFile file = GGUFFile.open(path); MatrixOps ops = MatrixOps.create()) {
            LanguageModel model = Architectures.load(file, ops);
            int vocabulary = model.vocabularySize();
            for (int id : tokens) {
                if (id >= vocabulary) {
                    throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocabulary);
                }
            }
            Sequence sequence = model.newSequence(tokens.length);
            for (int pos = 0; pos < tokens.length; pos++) {
                float[] logits = sequence.append(tokens, pos, 1);
                out.println(line(pos, LogProbs.top(LogProbs.logSoftmax(logits, vocabulary), top)));
                out.flush();
            }
        }
        return 0;
    }

    /** {@code 1,2,3}, also with spaces or the brackets {@code jollama tokenize} prints. */
    static int[] parseTokens(String text) {
        String list = text.strip();
        if (list.startsWith("[") && list.endsWith("]")) {
            list = list.substring(1, list.length() - 1);
        }
        String[] items = list.split("[,\\s]+");
        if (list.isBlank()) {
            throw new UsageException("--tokens needs at least one token id");
        }
        int[] ids = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            try {
                ids[i] = Integer.parseInt(items[i]);
            } catch (NumberFormatException e) {
                throw new UsageException("--tokens takes token ids separated by commas; '" + items[i]
                        + "' is not a number");
            }
            if (ids[i] < 0) {
                throw new UsageException("token ids are not negative: " + ids[i]);
            }
        }
        return ids;
    }

    static String line(int pos, LogProbs.Entry[] top) {
        StringBuilder sb = new StringBuilder("{\"pos\":").append(pos).append(",\"top\":[");
        for (int i = 0; i < top.length; i++) {
            sb.append(i > 0 ? "," : "").append('[').append(top[i].id()).append(',')
                    .append(JsonNumbers.number(top[i].logprob())).append(']');
        }
        return sb.append("]}").toString();
    }
}
