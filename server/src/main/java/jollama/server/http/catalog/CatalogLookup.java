package jollama.server.http.catalog;

/** The outcome of looking a name up: each handler turns the two failures into its own error text. */
public sealed interface CatalogLookup {

    record Found(CatalogModel model) implements CatalogLookup {
    }

    /** @param shortName the parsed name in its short display form ({@code foo:latest}), for {@code /api/show}'s message */
    record NotFound(String shortName) implements CatalogLookup {
    }

    /** The text does not follow the model name grammar. */
    record InvalidName(String reason) implements CatalogLookup {
    }
}
