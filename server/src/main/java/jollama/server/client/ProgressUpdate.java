package jollama.server.client;

/**
 * One line of {@code /api/pull} or {@code /api/create}: {@code {"status","digest"?,"total"?,"completed"?}}.
 *
 * @param digest    the blob the numbers are about, or null for a plain status
 * @param total     its size, 0 when absent
 * @param completed bytes done, 0 when absent
 */
public record ProgressUpdate(String status, String digest, long total, long completed) {

    public ProgressUpdate {
        status = status == null ? "" : status;
        digest = digest == null || digest.isEmpty() ? null : digest;
    }

    /** Whether the line is about one blob (a bar) rather than a plain status (a line of text). */
    public boolean hasDigest() {
        return digest != null;
    }
}
