package jollama.server.http.manage;

import jollama.server.registry.RegistryClient;
import jollama.server.store.ModelStore;

import java.util.Objects;

/**
 * What the model management routes work on: the store the server serves, and the one registry
 * client of the server (tests give it a local registry's base URL through its options).
 */
public record Management(ModelStore store, RegistryClient registry) {

    public Management {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(registry, "registry");
    }
}
