package jollama.server.cli;

import jollama.server.client.OllamaClient;
import jollama.server.client.RunningModel;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code jollama ps [PREFIX]}: the loaded models as Ollama's table (NAME ID SIZE PROCESSOR CONTEXT UNTIL). */
final class PsCommand implements Command {

    private final Map<String, String> env;

    PsCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "ps";
    }

    @Override
    public String summary() {
        return "List running models";
    }

    @Override
    public String usage() {
        return "[PREFIX]";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() > 1) {
            throw new UsageException("ps takes at most one prefix");
        }
        String prefix = args.positionals().isEmpty() ? "" : args.positionals().getFirst();
        OllamaClient client = ServerConnection.connect(env);
        Instant now = Instant.now();
        List<List<String>> rows = new ArrayList<>();
        for (RunningModel m : client.ps()) {
            if (!m.name().startsWith(prefix)) {
                continue;
            }
            Instant expires = ListCommand.instant(m.expiresAt());
            String until = expires != null && now.isAfter(expires) ? "Stopping..."
                    : HumanTime.format(expires, now, "Never");
            rows.add(List.of(m.name(), ListCommand.shortId(m.digest()), ByteSize.format(m.size()),
                    processor(m.size(), m.sizeVram()), Integer.toString(m.contextLength()), until));
        }
        TextTable.print(out, List.of("NAME", "ID", "SIZE", "PROCESSOR", "CONTEXT", "UNTIL"), rows,
                TextTable.DEFAULT_WRAP);
        return 0;
    }

    /** Where the model's memory is: "100% CPU", "100% GPU", or the split "48%/52% CPU/GPU". */
    static String processor(long size, long sizeVram) {
        if (sizeVram == 0) {
            return "100% CPU";
        }
        if (sizeVram == size) {
            return "100% GPU";
        }
        if (sizeVram > size || size == 0) {
            return "Unknown";
        }
        long cpu = Math.round((double) (size - sizeVram) / size * 100);
        return cpu + "%/" + (100 - cpu) + "% CPU/GPU";
    }
}
