package jollama.server.http.manage;

import com.fasterxml.jackson.annotation.JsonInclude;
import jollama.server.registry.PullProgress;
import jollama.server.store.Digest;

import java.util.Objects;

/**
 * One progress line of {@code /api/pull} and {@code /api/create} (Ollama's
 * {@code ProgressResponse}): {@code {"status","digest"?,"total"?,"completed"?}}, zero and empty
 * fields left out as Go's omitempty does.
 *
 * @param status    what is happening: {@code pulling manifest}, {@code using existing layer sha256:…}, …
 * @param digest    the blob the numbers are about, or null
 * @param total     its size, 0 for plain statuses
 * @param completed bytes done, 0 for plain statuses (and at the start of a transfer)
 */
public record Progress(String status,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) String digest,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) long total,
                       @JsonInclude(JsonInclude.Include.NON_DEFAULT) long completed) {

    public Progress {
        Objects.requireNonNull(status, "status");
    }

    public static Progress status(String status) {
        return new Progress(status, null, 0, 0);
    }

    /** A registry client's line, unchanged. */
    public static Progress of(PullProgress p) {
        return new Progress(p.status(), p.digest(), p.total(), p.completed());
    }

    /** {@code using existing layer sha256:…} or {@code creating new layer sha256:…}. */
    static Progress layer(Digest digest, boolean created) {
        return status((created ? "creating new layer " : "using existing layer ") + digest);
    }
}
