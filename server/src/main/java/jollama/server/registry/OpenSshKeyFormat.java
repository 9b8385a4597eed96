package jollama.server.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The two files of an ed25519 key as OpenSSH (and Ollama, through Go's x/crypto/ssh) writes them:
 * the private key in the {@code openssh-key-v1} container (OpenSSH's PROTOCOL.key), unencrypted,
 * and the public key as an authorized_keys line {@code ssh-ed25519 <base64 blob>}.
 *
 * <p>Only what Ollama's key needs is supported: one unencrypted ed25519 key. Anything else is
 * refused with a message that says what the file is, so a user who points Ollama's home at an RSA
 * or passphrase-protected key learns why it is not used.
 */
final class OpenSshKeyFormat {

    static final String KEY_TYPE = "ssh-ed25519";

    private static final String BEGIN = "-----BEGIN OPENSSH PRIVATE KEY-----";
    private static final String END = "-----END OPENSSH PRIVATE KEY-----";
    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final String NONE = "none";
    /** The padding unit of the private section: the block size of cipher "none". */
    private static final int BLOCK = 8;
    /** ssh-keygen wraps the base64 at 70 columns. */
    private static final int LINE = 70;

    /** The raw ed25519 key: the 32-byte seed (RFC 8032's private key) and the 32-byte public key. */
    record KeyBytes(byte[] seed, byte[] publicKey) {
    }

    private OpenSshKeyFormat() {
    }

    /**
     * The private key file's text.
     *
     * @param checkint a random value; it is written twice, and a reader that decrypts a key
     *                 checks the two agree (the wrong passphrase gives two different values)
     */
    static String encodePrivateKey(KeyBytes key, int checkint) {
        byte[] secret = new byte[64]; // OpenSSH keeps the seed followed by the public key
        System.arraycopy(key.seed(), 0, secret, 0, 32);
        System.arraycopy(key.publicKey(), 0, secret, 32, 32);
        SshWire.Writer section = new SshWire.Writer()
                .uint32(checkint).uint32(checkint)
                .string(KEY_TYPE).string(key.publicKey()).string(secret)
                .string(""); // no comment, as Ollama writes it
        for (int pad = 1; section.size() % BLOCK != 0; pad++) {
            section.raw(new byte[] {(byte) pad});
        }
        Arrays.fill(secret, (byte) 0);
        byte[] container = new SshWire.Writer()
                .raw(MAGIC).string(NONE).string(NONE).string(new byte[0])
                .uint32(1).string(publicKeyBlob(key.publicKey())).string(section.toByteArray())
                .toByteArray();
        String base64 = Base64.getEncoder().encodeToString(container);
        StringBuilder text = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < base64.length(); i += LINE) {
            text.append(base64, i, Math.min(base64.length(), i + LINE)).append('\n');
        }
        return text.append(END).append('\n').toString();
    }

    /** Reads a private key file's text; anything but one unencrypted ed25519 key is an error. */
    static KeyBytes decodePrivateKey(String text) throws IOException {
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            String first = text.strip().lines().findFirst().orElse("");
            throw new IOException(first.startsWith("-----BEGIN ")
                    ? "not an OpenSSH private key (" + first + "); only OpenSSH's own format is supported"
                    : "not an OpenSSH private key");
        }
        byte[] container;
        try {
            container = Base64.getMimeDecoder().decode(text.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IOException("the private key is not valid base64", e);
        }
        SshWire.Reader in = new SshWire.Reader(container, "the private key");
        if (!Arrays.equals(in.raw(MAGIC.length), MAGIC)) {
            throw new IOException("not an openssh-key-v1 private key");
        }
        String cipher = in.text();
        String kdf = in.text();
        in.string(); // kdf options, empty when unencrypted
        if (!cipher.equals(NONE) || !kdf.equals(NONE)) {
            throw new IOException("the private key is protected by a passphrase (cipher " + cipher
                    + "); an unencrypted key is needed, as Ollama creates it");
        }
        int count = in.uint32();
        if (count != 1) {
            throw new IOException("the private key file holds " + count + " keys; one is expected");
        }
        byte[] publicKey = parsePublicKeyBlob(in.string());
        SshWire.Reader section = new SshWire.Reader(in.string(), "the private key");
        if (section.uint32() != section.uint32()) {
            throw new IOException("the private key is corrupt (its check values differ)");
        }
        String type = section.text();
        if (!type.equals(KEY_TYPE)) {
            throw new IOException("the private key is of type " + type + "; only " + KEY_TYPE + " keys are supported");
        }
        byte[] innerPublic = section.string();
        byte[] secret = section.string();
        section.string(); // comment
        checkPadding(section);
        if (secret.length != 64 || !Arrays.equals(innerPublic, publicKey)
                || !Arrays.equals(Arrays.copyOfRange(secret, 32, 64), publicKey)) {
            throw new IOException("the private key is corrupt (its public key parts disagree)");
        }
        byte[] seed = Arrays.copyOf(secret, 32);
        Arrays.fill(secret, (byte) 0);
        return new KeyBytes(seed, publicKey);
    }

    private static void checkPadding(SshWire.Reader section) throws IOException {
        byte[] padding = section.raw(section.remaining());
        for (int i = 0; i < padding.length; i++) {
            if (padding[i] != (byte) (i + 1)) {
                throw new IOException("the private key is corrupt (bad padding)");
            }
        }
    }

    /** The public key in SSH wire encoding: string "ssh-ed25519", string key (RFC 8709). */
    static byte[] publicKeyBlob(byte[] publicKey) {
        return new SshWire.Writer().string(KEY_TYPE).string(publicKey).toByteArray();
    }

    /** The 32-byte key in a wire-encoded public key blob. */
    static byte[] parsePublicKeyBlob(byte[] blob) throws IOException {
        SshWire.Reader in = new SshWire.Reader(blob, "the public key");
        String type = in.text();
        if (!type.equals(KEY_TYPE)) {
            throw new IOException("the key is of type " + type + "; only " + KEY_TYPE + " keys are supported");
        }
        byte[] key = in.string();
        if (key.length != 32 || in.remaining() != 0) {
            throw new IOException("the " + KEY_TYPE + " public key is malformed");
        }
        return key;
    }

    /** The {@code .pub} line without its newline: {@code ssh-ed25519 <base64 blob>}, no comment. */
    static String publicKeyLine(byte[] publicKey) {
        return KEY_TYPE + " " + Base64.getEncoder().encodeToString(publicKeyBlob(publicKey));
    }
}
