package jollama.server.http.openai;

import com.fasterxml.jackson.databind.JsonNode;
import jollama.server.http.ApiError;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI sampling fields as Ollama runtime options (ollama-api.md §3.1, §3.2). Temperature and
 * top_p are always sent, 1.0 when left out (OpenAI's defaults), so they override the model's own
 * PARAMETERs: that is what OpenAI clients expect, and what Ollama does.
 */
final class SamplingOptions {

    private SamplingOptions() {
    }

    /**
     * For chat. {@code max_completion_tokens} (what newer OpenAI clients send instead of the
     * deprecated {@code max_tokens}) wins over {@code max_tokens}; non-string stop entries are dropped.
     */
    static Map<String, Object> chat(ChatCompletionRequest r) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("temperature", r.temperature() != null ? r.temperature() : 1.0);
        options.put("top_p", r.topP() != null ? r.topP() : 1.0);
        Integer maxTokens = r.maxCompletionTokens() != null ? r.maxCompletionTokens() : r.maxTokens();
        if (maxTokens != null) {
            options.put("num_predict", maxTokens);
        }
        if (r.seed() != null) {
            options.put("seed", r.seed());
        }
        List<String> stop = stop(r.stop(), false);
        if (stop != null) {
            options.put("stop", stop);
        }
        if (r.frequencyPenalty() != null) {
            options.put("frequency_penalty", r.frequencyPenalty());
        }
        if (r.presencePenalty() != null) {
            options.put("presence_penalty", r.presencePenalty());
        }
        return options;
    }

    /** For completions: top_p 0 counts as unset, both penalties always sent (0 by default), a non-string stop entry is a 400. */
    static Map<String, Object> completion(CompletionRequest r) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("temperature", r.temperature() != null ? r.temperature() : 1.0);
        options.put("top_p", r.topP() != null && r.topP() != 0 ? r.topP() : 1.0);
        if (r.maxTokens() != null) {
            options.put("num_predict", r.maxTokens());
        }
        if (r.seed() != null) {
            options.put("seed", r.seed());
        }
        List<String> stop = stop(r.stop(), true);
        if (stop != null) {
            options.put("stop", stop);
        }
        options.put("frequency_penalty", r.frequencyPenalty() != null ? r.frequencyPenalty() : 0.0);
        options.put("presence_penalty", r.presencePenalty() != null ? r.presencePenalty() : 0.0);
        return options;
    }

    /**
     * {@code stop}: a string or an array of strings; null when absent.
     *
     * @param strict whether a non-string array element is a 400 (completions) rather than dropped (chat)
     */
    static List<String> stop(JsonNode stop, boolean strict) {
        if (stop == null || stop.isNull() || stop.isMissingNode()) {
            return null;
        }
        if (stop.isTextual()) {
            return List.of(stop.asText());
        }
        if (stop.isArray()) {
            List<String> out = new ArrayList<>();
            for (JsonNode e : stop) {
                if (e.isTextual()) {
                    out.add(e.asText());
                } else if (strict) {
                    throw ApiError.badRequest("invalid type for 'stop' field: " + GoTypes.of(e));
                }
            }
            return out;
        }
        throw ApiError.badRequest("invalid type for 'stop' field: " + GoTypes.of(stop));
    }
}
