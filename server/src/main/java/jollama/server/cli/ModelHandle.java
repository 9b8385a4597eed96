package jollama.server.cli;

import jollama.engine.Model;
import jollama.engine.ModelSettings;
import jollama.engine.sampling.GenerationOptions;

import java.io.IOException;

/**
 * The model a run talks to. Loads it again when a load-time option changes
 * ({@code /set parameter num_ctx 8192}), as Ollama reloads its runner, and remembers how long
 * the last load took until an answer reports it.
 */
final class ModelHandle implements AutoCloseable {

    private final ModelLoader loader;
    private Model model;
    private ModelSettings settings;
    private long unreportedLoadNanos;

    private ModelHandle(ModelLoader loader) {
        this.loader = loader;
    }

    static ModelHandle open(ModelLoader loader, GenerationOptions options) throws IOException {
        ModelHandle handle = new ModelHandle(loader);
        handle.ensureLoaded(options);
        return handle;
    }

    Model model() {
        return model;
    }

    /** Loads the model unless it is loaded already with the settings {@code options} ask for. */
    void ensureLoaded(GenerationOptions options) throws IOException {
        ModelSettings wanted = settingsFor(options);
        if (model != null && wanted.equals(settings)) {
            return;
        }
        long start = System.nanoTime();
        Model loaded = loader.load(wanted); // the old model stays usable if this fails
        unreportedLoadNanos = System.nanoTime() - start;
        close();
        model = loaded;
        settings = wanted;
    }

    /** The time of the last load if no answer has reported it yet, else 0. */
    long takeLoadNanos() {
        long nanos = unreportedLoadNanos;
        unreportedLoadNanos = 0;
        return nanos;
    }

    /** One conversation at a time: a CLI session has a single sequence, its KV cache reused turn to turn. */
    static ModelSettings settingsFor(GenerationOptions options) {
        return ModelSettings.defaults().withContextLength(options.numCtx()).withThreads(Math.max(0, options.numThread()));
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
