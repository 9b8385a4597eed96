package jollama.server.http.manage;

/**
 * The body of {@code POST /api/pull} (§1.10); {@code username} and {@code password} are ignored
 * as Ollama ignores them.
 *
 * @param name     deprecated spelling of {@code model}
 * @param insecure talk plain http to the registry
 * @param stream   null means true
 */
public record PullRequest(String model, String name, Boolean insecure, Boolean stream) {
}
