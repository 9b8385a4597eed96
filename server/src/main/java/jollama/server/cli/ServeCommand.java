package jollama.server.cli;

import jollama.server.http.JollamaServer;
import jollama.server.http.ServerConfig;
import jollama.server.http.catalog.StoreCatalog;
import jollama.server.http.manage.Management;
import jollama.server.registry.RegistryClient;
import jollama.server.registry.RegistryKey;
import jollama.server.registry.RegistryKeyFiles;
import jollama.server.registry.RegistryOptions;
import jollama.server.store.ModelStore;
import jollama.server.store.StoreSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code jollama serve}: Ollama's HTTP API on OLLAMA_HOST (default 127.0.0.1:11434) over the
 * Ollama model store, until SIGINT or SIGTERM; then the models are unloaded and it exits.
 */
final class ServeCommand implements Command {

    private final Map<String, String> env;
    private final Path home;

    ServeCommand() {
        this(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    ServeCommand(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "Start the Ollama-compatible server";
    }

    @Override
    public String usage() {
        return "\n"
                + "  Serves Ollama's API until interrupted. Environment: OLLAMA_HOST (127.0.0.1:11434), OLLAMA_MODELS,\n"
                + "  OLLAMA_KEEP_ALIVE (5m), OLLAMA_CONTEXT_LENGTH (4096), OLLAMA_NUM_PARALLEL (1),\n"
                + "  OLLAMA_MAX_LOADED_MODELS (3), OLLAMA_MAX_QUEUE (512), OLLAMA_ORIGINS, OLLAMA_NOPRUNE, OLLAMA_DEBUG.";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (!args.positionals().isEmpty()) {
            throw new UsageException("serve takes no arguments");
        }
        RegistryKeyFiles keys = RegistryKeyFiles.inUserHome(home);
        initializeKeypair(keys, out, err);
        ServerConfig config = ServerConfig.fromEnvironment(env);
        ModelStore store = new ModelStore(StoreSettings.fromEnvironment(env, home));
        try {
            store.pruneOnStartup();
        } catch (IOException e) {
            err.println("warning: pruning unused blobs failed: " + e.getMessage());
        }
        JollamaServer server;
        try {
            // one registry client for the server's lifetime: concurrent pulls share its downloads
            server = JollamaServer.start(config, new StoreCatalog(store), Version.get(),
                    new Management(store, new RegistryClient(RegistryOptions.defaults(), keys)));
        } catch (RuntimeException e) {
            throw new IOException("listen tcp " + config.bind().display(config.bind().port()) + ": "
                    + (e.getMessage() != null ? e.getMessage() : e), e);
        }
        // SIGINT and SIGTERM run the shutdown hooks: stop serving and unload the models cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "jollama-serve-shutdown"));
        out.println("Listening on " + server.address() + " (version " + Version.get() + ")");
        out.flush();
        server.awaitStop();
        return 0;
    }

    /**
     * Creates the registry key pair when there is none, in Ollama's words (its
     * {@code initializeKeypair}). Ollama stops when it cannot; this only warns, because local
     * models need no key and token requests then go unsigned.
     */
    static void initializeKeypair(RegistryKeyFiles keys, PrintStream out, PrintStream err) {
        if (keys.exists()) {
            return;
        }
        out.print("Couldn't find '" + keys.privateKeyPath() + "'. Generating new private key.\n");
        try {
            RegistryKey key = keys.create();
            out.print("Your new public key is: \n\n" + key.publicKeyLine() + "\n\n");
        } catch (IOException e) {
            err.println("warning: could not create the registry key: " + e.getMessage());
        }
        out.flush();
    }
}
