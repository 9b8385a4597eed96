package jollama.server.cli;

import jollama.server.client.ApiMessage;
import jollama.server.client.CreateRequest;
import jollama.server.client.OllamaClient;
import jollama.server.client.ProgressUpdate;
import jollama.server.modelfile.Modelfile;
import jollama.server.modelfile.ModelfileRequest;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code jollama create MODEL [-f Modelfile] [-q TYPE]}, as {@code ollama create} does it: the
 * Modelfile is read here, a FROM that names a local GGUF file (relative to the Modelfile's
 * folder) is uploaded as a blob unless the server has it, and the server builds the model from
 * the structured request, reporting progress on stderr.
 */
final class CreateCommand implements Command {

    private final Map<String, String> env;
    private final Path workingDir;

    CreateCommand(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    @Override
    public String name() {
        return "create";
    }

    @Override
    public String summary() {
        return "Create a model from a Modelfile";
    }

    @Override
    public String usage() {
        return "MODEL [-f|--file Modelfile] [-q|--quantize q4_K_M|q4_K_S|q8_0]\n"
                + "  Without -f: ./Modelfile, else the one .gguf file in this folder.";
    }

    @Override
    public Set<String> valueOptions() {
        return Set.of("f", "file", "q", "quantize");
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (args.positionals().size() != 1) {
            throw new UsageException("create takes one model name");
        }
        String model = args.positionals().getFirst();
        if (ModelName.tryParse(model).isEmpty()) {
            throw new IOException("invalid model name: " + model);
        }
        String file = args.option("file", args.option("f", ""));
        String quantize = args.option("quantize", args.option("q", ""));

        Path modelfilePath = file.isEmpty() ? workingDir.resolve("Modelfile") : workingDir.resolve(file);
        Modelfile modelfile;
        if (Files.isRegularFile(modelfilePath)) {
            modelfile = Modelfile.read(modelfilePath);
        } else if (file.isEmpty()) {
            modelfile = Modelfile.parse("FROM .\n"); // as Ollama: the model files of this folder
        } else {
            throw new FileNotFoundException("specified Modelfile wasn't found");
        }
        Path baseDir = Files.isRegularFile(modelfilePath) ? modelfilePath.toAbsolutePath().getParent()
                : workingDir.toAbsolutePath();

        OllamaClient client = ServerConnection.connect(env);
        try (ProgressDisplay display = new ProgressDisplay(err, ProgressDisplay.Style.CREATE)) {
            display.accept(new ProgressUpdate("gathering model components", null, 0, 0));
            ModelfileRequest parsed = modelfile.toRequest(baseDir);
            for (String warning : parsed.warnings()) {
                err.println("warning: " + warning);
            }
            Map<String, String> files = new LinkedHashMap<>();
            if (parsed.fromFile() != null) {
                String digest = upload(client, parsed.fromFile(), err);
                files.put(parsed.fromFile().getFileName().toString(), digest);
            }
            List<ApiMessage> messages = parsed.messages().stream()
                    .map(m -> new ApiMessage(m.role(), m.content())).toList();
            CreateRequest request = new CreateRequest(model, parsed.fromModel(), files, parsed.template(),
                    parsed.system(), parsed.licenses(), parsed.parameters(), messages, emptyToNull(quantize),
                    parsed.requires(), parsed.renderer(), parsed.parser());
            client.create(request, display);
        }
        return 0;
    }

    /** Sends the file as a blob unless the server has it already; returns its digest. */
    private static String upload(OllamaClient client, Path file, PrintStream err) throws IOException {
        String digest = ModelStore.hashFile(file).toString();
        if (client.hasBlob(digest)) {
            return digest;
        }
        long size = Files.size(file);
        TransferBar bar = TransferBar.on(err, "copying file " + digest);
        client.uploadBlob(digest, file, sent -> bar.update(sent, size));
        bar.finish(size);
        return digest;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
