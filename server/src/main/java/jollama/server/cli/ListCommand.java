package jollama.server.cli;

import jollama.server.client.ListedModel;
import jollama.server.client.OllamaClient;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code jollama list [PREFIX]} (alias {@code ls}): the server's models as Ollama's table. */
final class ListCommand implements Command {

    private final Map<String, String> env;

    ListCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public List<String> aliases() {
        return List.of("ls");
    }

    @Override
    public String summary() {
        return "List models";
    }

    @Override
    public String usage() {
        return "[PREFIX]\n  The models of the server at OLLAMA_HOST; a prefix (any case) keeps the names that start with it.";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() > 1) {
            throw new UsageException("list takes at most one prefix");
        }
        String prefix = args.positionals().isEmpty() ? "" : args.positionals().getFirst();
        print(ServerConnection.connect(env), prefix, out);
        return 0;
    }

    /** The table of the server's models whose names start with {@code prefix} (any case); {@code /list} too. */
    static void print(OllamaClient client, String prefix, PrintStream out) throws IOException {
        String wanted = prefix.toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        for (ListedModel m : client.list()) {
            if (m.name().toLowerCase(Locale.ROOT).startsWith(wanted)) {
                rows.add(List.of(m.name(), shortId(m.digest()), ByteSize.format(m.size()),
                        HumanTime.format(instant(m.modifiedAt()), now, "Never")));
            }
        }
        TextTable.print(out, List.of("NAME", "ID", "SIZE", "MODIFIED"), rows, TextTable.DEFAULT_WRAP);
    }

    /** The first 12 hex digits of a digest, as Ollama shows a model's ID. */
    static String shortId(String digest) {
        String hex = digest == null ? "" : digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }

    /** An RFC 3339 time from the server, null when absent or unreadable (shown as "Never"). */
    static Instant instant(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
