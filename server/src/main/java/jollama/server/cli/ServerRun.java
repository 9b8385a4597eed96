package jollama.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jollama.server.client.ApiException;
import jollama.server.client.ApiMessage;
import jollama.server.client.GenerateRequest;
import jollama.server.client.ModelInfo;
import jollama.server.client.OllamaClient;
import jollama.server.http.sched.KeepAlive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code jollama run NAME [PROMPT]} against the server at OLLAMA_HOST, as {@code ollama run}
 * works: show the model (pulling it first when the server lacks it), then either print the
 * embedding of the prompt (embedding models), answer once through {@code /api/generate}, or
 * preload the model and chat through {@code /api/chat}.
 */
final class ServerRun {

    /**
     * What the server-side run was asked beyond {@link RunOptions}.
     *
     * @param keepAlive  --keepalive as the request carries it, or null
     * @param format     --format as the request carries it ("json" or a schema), or null
     * @param insecure   --insecure: pull over http
     * @param dimensions --dimensions for embedding models, 0 for all
     */
    record Flags(Object keepAlive, Object format, boolean insecure, int dimensions) {

        /** From the command line: {@code --keepalive} is a Go duration, {@code --format} json or a schema. */
        static Flags of(Args args) {
            Object keepAlive = null;
            String k = args.option("keepalive", "");
            if (!k.isEmpty()) {
                keepAlive = KeepAlive.parse(k).isForever() ? -1 : k; // throws Go's message for a bad duration
            }
            Object format = null;
            String f = args.option("format", "");
            if (f.equals("json")) {
                format = "json";
            } else if (!f.isEmpty()) {
                try {
                    format = new ObjectMapper().readTree(f);
                } catch (JsonProcessingException e) {
                    throw new UsageException("--format takes json or a JSON Schema object, not '" + f + "'");
                }
            }
            return new Flags(keepAlive, format, args.flag("insecure"), args.intOption("dimensions", 0));
        }
    }

    private final Terminal terminal;
    private final Map<String, String> env;

    ServerRun(Terminal terminal, Map<String, String> env) {
        this.terminal = terminal;
        this.env = env;
    }

    int run(String model, String prompt, boolean interactive, RunOptions options, Flags flags, PrintStream out,
            PrintStream err) throws IOException {
        OllamaClient client = ServerConnection.connect(env);
        ModelInfo info = showOrPull(client, model, flags.insecure(), err);
        // as Ollama's CLI: a model that can think is asked to, unless the user said otherwise
        Boolean think = options.think() != null ? options.think() : info.has("thinking") ? Boolean.TRUE : null;

        if (info.has("embedding")) {
            return embed(client, model, prompt, flags, out);
        }
        StreamedAnswerer answerer = new StreamedAnswerer(client, out, err, terminal.outIsTerminal());
        if (interactive) {
            answerer.preload(GenerateRequest.load(model, flags.keepAlive(), think));
            printHistory(info.messages(), out);
            return chat(new ServerChatBackend(client, model, answerer, flags.keepAlive()), options, flags.format(),
                    out, err);
        }
        GenerateRequest request = new GenerateRequest(model, prompt, options.parameters(), think, flags.keepAlive(),
                flags.format(), null);
        Interrupts interrupts = Interrupts.install(answerer::cancel);
        try {
            answerer.generate(request, options.hideThinking(), options.verbose());
        } finally {
            interrupts.close();
        }
        return 0;
    }

    /** Ollama's run: show; on 404 pull (with its progress) and show again. */
    private static ModelInfo showOrPull(OllamaClient client, String model, boolean insecure, PrintStream err)
            throws IOException {
        try {
            return client.show(model, false);
        } catch (ApiException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
        PullCommand.pull(client, model, insecure, err);
        return client.show(model, false);
    }

    /** Embedding models print the vector of the text as a JSON array. */
    private static int embed(OllamaClient client, String model, String prompt, Flags flags, PrintStream out)
            throws IOException {
        if (prompt.isEmpty()) {
            throw new IOException("embedding models require input text. Usage: jollama run " + model
                    + " \"your text here\"");
        }
        List<float[]> vectors = client.embed(model, prompt, null, flags.dimensions(), flags.keepAlive());
        if (vectors.isEmpty()) {
            throw new IOException("no embeddings returned");
        }
        float[] v = vectors.getFirst();
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            json.append(i > 0 ? "," : "").append(JsonNumbers.goFloat32(v[i]));
        }
        out.println(json.append(']'));
        out.flush();
        return 0;
    }

    /** The model's MESSAGE history, shown as if it had been typed and answered. */
    private static void printHistory(List<ApiMessage> messages, PrintStream out) {
        for (ApiMessage m : messages) {
            switch (m.role()) {
                case "user" -> out.println(">>> " + m.content());
                case "assistant" -> {
                    out.print(m.content());
                    out.println();
                    out.println();
                }
                default -> { }
            }
        }
        out.flush();
    }

    private int chat(ChatBackend backend, RunOptions options, Object format, PrintStream out, PrintStream err)
            throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8));
        ChatSession session = new ChatSession(backend, options, format, reader, out, err);
        Interrupts interrupts = Interrupts.install(() -> {
            session.interrupt();
            return true;
        });
        try {
            session.run();
        } finally {
            interrupts.close();
        }
        return 0;
    }
}
