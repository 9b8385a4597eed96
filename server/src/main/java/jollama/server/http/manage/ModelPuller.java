package jollama.server.http.manage;

import jollama.server.registry.CancelSignal;
import jollama.server.registry.PullException;
import jollama.server.registry.PullOptions;
import jollama.server.registry.RegistryClient;
import jollama.server.store.ModelName;
import jollama.server.store.ModelStore;

import java.util.Objects;

/**
 * Pulls models into the store for {@code /api/pull}, and for {@code /api/create} when its
 * {@code from} model is not there yet (Ollama pulls it automatically).
 */
public final class ModelPuller {

    private final RegistryClient registry;
    private final ModelStore store;

    public ModelPuller(RegistryClient registry, ModelStore store) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Pulls {@code name}, reporting the statuses of §1.10 as they come.
     *
     * @throws jollama.server.registry.PullCancelledException when {@code cancel} is set; partial
     *                                                        downloads stay for a resume
     * @throws PullException                                  with Ollama's message otherwise
     */
    public void pull(ModelName name, boolean insecure, ProgressSink sink, CancelSignal cancel) throws PullException {
        registry.pull(name, store, new PullOptions(insecure, cancel), p -> sink.send(Progress.of(p)));
    }
}
