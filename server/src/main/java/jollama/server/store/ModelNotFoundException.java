package jollama.server.store;

import java.io.IOException;

/** No manifest in the store for a name. Handlers word the 404 themselves (§2 differs per endpoint). */
public final class ModelNotFoundException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient ModelName name;

    public ModelNotFoundException(ModelName name) {
        super("model '" + name.displayShortest() + "' not found");
        this.name = name;
    }

    public ModelName name() {
        return name;
    }
}
