package jollama.server.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the registry client; {@link #defaults()} are the values of §5. Tests shrink the
 * part sizes and delays.
 *
 * @param baseUrl            registry base URL used instead of the one derived from the model name
 *                           ({@code scheme://host}), or null
 * @param userAgent          the User-Agent header
 * @param connectTimeout     TCP/TLS connect timeout
 * @param minPartSize        smallest part (100 MB)
 * @param maxPartSize        largest part (1000 MB)
 * @param partCount          a blob is split into this many parts, within the size bounds (16)
 * @param maxParallelParts   parts downloaded at once (16)
 * @param maxRetries         attempts per part before the pull fails (6)
 * @param retryBaseDelay     wait after failed attempt k is {@code retryBaseDelay * 2^k} (1 s)
 * @param stallTimeout       a part that receives nothing for this long is restarted (30 s); also the
 *                           wait for response headers
 * @param directUrlTimeout   how long to keep retrying the blob URL resolution (30 s)
 * @param progressInterval   at most one progress line per layer per interval (100 ms)
 * @param checkpointInterval how often part progress is saved for resuming (1 s)
 */
public record RegistryOptions(URI baseUrl, String userAgent, Duration connectTimeout,
                              long minPartSize, long maxPartSize, int partCount, int maxParallelParts,
                              int maxRetries, Duration retryBaseDelay, Duration stallTimeout,
                              Duration directUrlTimeout, Duration progressInterval, Duration checkpointInterval) {

    /**
     * The Ollama version this client introduces itself as. The public registry answers some
     * manifests only to clients it considers recent enough, so the User-Agent keeps Ollama's
     * {@code ollama/<version>} prefix.
     */
    public static final String COMPATIBLE_OLLAMA_VERSION = "0.33.0";

    public RegistryOptions {
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(retryBaseDelay, "retryBaseDelay");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(directUrlTimeout, "directUrlTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (minPartSize < 1 || maxPartSize < minPartSize) {
            throw new IllegalArgumentException("part sizes must satisfy 1 <= min <= max");
        }
        if (partCount < 1 || maxParallelParts < 1 || maxRetries < 1) {
            throw new IllegalArgumentException("part count, parallel parts and retries must be positive");
        }
        if (baseUrl != null && (baseUrl.getScheme() == null || baseUrl.getHost() == null)) {
            throw new IllegalArgumentException("base URL needs a scheme and a host: " + baseUrl);
        }
    }

    public static RegistryOptions defaults() {
        return new RegistryOptions(null, defaultUserAgent(), Duration.ofSeconds(30),
                100_000_000L, 1_000_000_000L, 16, 16,
                6, Duration.ofSeconds(1), Duration.ofSeconds(30),
                Duration.ofSeconds(30), Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    /** {@code ollama/<version> (<arch> <os>) Java/<version>}, in Go's architecture and OS names. */
    public static String defaultUserAgent() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        arch = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        os = os.startsWith("mac") ? "darwin" : os.startsWith("windows") ? "windows" : os;
        return "ollama/" + COMPATIBLE_OLLAMA_VERSION + " (" + arch + " " + os + ") Java/" + Runtime.version().feature();
    }

    public RegistryOptions withBaseUrl(URI url) {
        return new RegistryOptions(url, userAgent, connectTimeout, minPartSize, maxPartSize, partCount,
                maxParallelParts, maxRetries, retryBaseDelay, stallTimeout, directUrlTimeout, progressInterval,
                checkpointInterval);
    }

    public RegistryOptions withPartSizes(long min, long max) {
        return new RegistryOptions(baseUrl, userAgent, connectTimeout, min, max, partCount,
                maxParallelParts, maxRetries, retryBaseDelay, stallTimeout, directUrlTimeout, progressInterval,
                checkpointInterval);
    }

    public RegistryOptions withRetries(int retries, Duration baseDelay) {
        return new RegistryOptions(baseUrl, userAgent, connectTimeout, minPartSize, maxPartSize, partCount,
                maxParallelParts, retries, baseDelay, stallTimeout, directUrlTimeout, progressInterval,
                checkpointInterval);
    }

    public RegistryOptions withStallTimeout(Duration stall) {
        return new RegistryOptions(baseUrl, userAgent, connectTimeout, minPartSize, maxPartSize, partCount,
                maxParallelParts, maxRetries, retryBaseDelay, stall, directUrlTimeout, progressInterval,
                checkpointInterval);
    }

    public RegistryOptions withProgressInterval(Duration interval) {
        return new RegistryOptions(baseUrl, userAgent, connectTimeout, minPartSize, maxPartSize, partCount,
                maxParallelParts, maxRetries, retryBaseDelay, stallTimeout, directUrlTimeout, interval,
                checkpointInterval);
    }

    public RegistryOptions withCheckpointInterval(Duration interval) {
        return new RegistryOptions(baseUrl, userAgent, connectTimeout, minPartSize, maxPartSize, partCount,
                maxParallelParts, maxRetries, retryBaseDelay, stallTimeout, directUrlTimeout, progressInterval,
                interval);
    }

    /** The part size for a blob of {@code total} bytes: total/partCount clamped to [min, max]. */
    long partSize(long total) {
        return Math.clamp(total / partCount, minPartSize, maxPartSize);
    }
}
