package jollama.server.http.catalog;

import java.io.IOException;
import java.util.List;

/**
 * The models the server can run, by name: what the HTTP layer needs from the model store. The
 * store adapter ({@link StoreCatalog}) serves Ollama's on-disk layout; {@link MapCatalog} serves
 * plain GGUF files (tests, or a folder of files).
 */
public interface ModelCatalog {

    /**
     * The model a request names ({@code llama3.2}, {@code user/m:tag}), matched as Ollama matches
     * names: default host, namespace and tag filled in, case ignored.
     */
    CatalogLookup find(String name) throws IOException;

    /** Every model, newest first (the order of {@code /api/tags}). */
    List<CatalogModel> list() throws IOException;
}
