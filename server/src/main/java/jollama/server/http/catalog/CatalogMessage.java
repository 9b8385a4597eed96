package jollama.server.http.catalog;

/** One Modelfile MESSAGE: history put before the request's messages. */
public record CatalogMessage(String role, String content) {

    public CatalogMessage {
        role = role == null ? "" : role;
        content = content == null ? "" : content;
    }
}
