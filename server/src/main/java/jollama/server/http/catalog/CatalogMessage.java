package jollama.server.http.catalog;

/** One Modelfile MESSAGE: history put before the request's messages. Roles are case-insensitive: kept lower-case. */
public record CatalogMessage(String role, String content) {

    public CatalogMessage {
        role = role == null ? "" : role.toLowerCase(java.util.Locale.ROOT);
        content = content == null ? "" : content;
    }
}
