package jollama.server.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A blob digest, {@code sha256:<64 lowercase hex>}. Only this form is accepted, so a digest read
 * from a manifest or a request can never name a file outside the blobs folder.
 *
 * @param hex the 64 lowercase hex digits
 */
public record Digest(String hex) {

    public static final String PREFIX = "sha256:";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    /** What {@code /api/blobs/:digest} accepts (manifest/paths.go): either separator, either case. */
    private static final Pattern LENIENT = Pattern.compile("sha256[:-]([0-9a-fA-F]{64})");

    public Digest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new InvalidDigestException(hex);
        }
    }

    /**
     * Parses {@code sha256:<64 lowercase hex>}.
     *
     * @throws InvalidDigestException for anything else
     */
    public static Digest parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            throw new InvalidDigestException(text);
        }
        return new Digest(text.substring(PREFIX.length()));
    }

    /**
     * Parses the form {@code /api/blobs/:digest} accepts, {@code ^sha256[:-][0-9a-fA-F]{64}$},
     * and normalises it to lowercase.
     *
     * @throws InvalidDigestException for anything else (the API answers {@code invalid digest format})
     */
    public static Digest parseLenient(String text) {
        var m = text == null ? null : LENIENT.matcher(text);
        if (m == null || !m.matches()) {
            throw new InvalidDigestException(text);
        }
        return new Digest(m.group(1).toLowerCase(Locale.ROOT));
    }

    /** The digest a blob file name {@code sha256-<hex>} stands for, if it is one. */
    public static Optional<Digest> fromFileName(String fileName) {
        if (fileName.length() == 7 + 64 && fileName.startsWith("sha256-")) {
            String hex = fileName.substring(7);
            if (HEX.matcher(hex).matches()) {
                return Optional.of(new Digest(hex));
            }
        }
        return Optional.empty();
    }

    /** sha256 of {@code bytes}. */
    public static Digest of(byte[] bytes) {
        MessageDigest md = newSha256();
        return ofRaw(md.digest(bytes));
    }

    /** The digest whose raw 32 bytes are {@code sha256}. */
    public static Digest ofRaw(byte[] sha256) {
        return new Digest(HexFormat.of().formatHex(sha256));
    }

    /** A fresh SHA-256 hasher. */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The blob's file name in {@code blobs/}: {@code sha256-<hex>}. */
    public String fileName() {
        return "sha256-" + hex;
    }

    /** The first 12 hex digits, as in {@code pulling 6a0746a1ec1a} and the CLI's ID column. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    /** {@code sha256:<hex>}. */
    @Override
    public String toString() {
        return PREFIX + hex;
    }
}
