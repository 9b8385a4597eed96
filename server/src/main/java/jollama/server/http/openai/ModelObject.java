package jollama.server.http.openai;

import java.util.List;

/**
 * A model as {@code /v1/models} lists it (ollama-api.md §3.4): {@code created} is the manifest's
 * modification time in Unix seconds; {@code owned_by} is the name's namespace ({@code library}
 * for official models).
 */
public record ModelObject(String id, String object, long created, String ownedBy) {

    /** {@code {"object":"list","data":[...]}}; an empty store gives {@code []} (Ollama writes null, which some clients reject). */
    public record ModelList(String object, List<ModelObject> data) {
    }
}
