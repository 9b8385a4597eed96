package jollama.server.http.api;

import java.util.Map;

/** {@code POST /api/show} (§1.8): {@code name} is the deprecated spelling of {@code model}. */
public record ShowRequest(String model, String name, Boolean verbose, String system, String template,
                          Map<String, Object> options) {
}
