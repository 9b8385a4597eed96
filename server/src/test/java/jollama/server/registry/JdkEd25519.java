package jollama.server.registry;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The verifier's side of a signed token request, written apart from the code under test so that
 * a shared mistake cannot pass: SSH public key blobs decoded by hand, Ed25519 checked by the JDK.
 */
final class JdkEd25519 {

    /** SubjectPublicKeyInfo header of an Ed25519 key (RFC 8410 §4). */
    private static final byte[] SPKI = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private JdkEd25519() {
    }

    /** The 32-byte key of the base64 field of a {@code .pub} line or an Authorization header. */
    static byte[] keyOfBlob(String base64Blob) {
        ByteBuffer in = ByteBuffer.wrap(Base64.getDecoder().decode(base64Blob));
        byte[] type = new byte[in.getInt()];
        in.get(type);
        if (!new String(type, StandardCharsets.US_ASCII).equals("ssh-ed25519")) {
            throw new IllegalArgumentException("not ssh-ed25519: " + new String(type, StandardCharsets.US_ASCII));
        }
        byte[] key = new byte[in.getInt()];
        in.get(key);
        if (key.length != 32 || in.hasRemaining()) {
            throw new IllegalArgumentException("malformed ed25519 blob");
        }
        return key;
    }

    /** The key of a {@code .pub} line: {@code ssh-ed25519 <base64> [comment]}. */
    static byte[] keyOfPubLine(String line) {
        String[] fields = line.strip().split(" ");
        if (!fields[0].equals("ssh-ed25519")) {
            throw new IllegalArgumentException("not an ed25519 line: " + line);
        }
        return keyOfBlob(fields[1]);
    }

    static boolean verify(byte[] rawKey, byte[] data, byte[] signature) {
        try {
            byte[] spki = Arrays.copyOf(SPKI, SPKI.length + 32);
            System.arraycopy(rawKey, 0, spki, SPKI.length, 32);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
