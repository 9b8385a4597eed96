package jollama.server.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The ed25519 key pair that signs registry token requests, as Ollama keeps it in
 * {@code ~/.ollama/id_ed25519}. Signing uses the JDK's own Ed25519; the files are
 * {@link OpenSshKeyFormat}'s job and where they live is {@link RegistryKeyFiles}'.
 */
public final class RegistryKey {

    private static final String ALGORITHM = "Ed25519";
    /**
     * The DER header of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the JDK's encoded public
     * key is this followed by the 32 raw bytes, which is the simplest way between the two forms.
     */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey privateKey;
    private final byte[] seed;
    private final byte[] publicKey;

    private RegistryKey(PrivateKey privateKey, byte[] seed, byte[] publicKey) {
        this.privateKey = privateKey;
        this.seed = seed;
        this.publicKey = publicKey;
    }

    /** A new random key pair. */
    static RegistryKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, RANDOM);
            KeyPair pair = generator.generateKeyPair();
            byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                    .orElseThrow(() -> new IllegalStateException("the JDK did not reveal the Ed25519 seed"));
            return new RegistryKey(pair.getPrivate(), seed, rawPublicKey(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
        }
    }

    /**
     * The key of a private key file's text ({@code openssh-key-v1}, unencrypted ed25519).
     *
     * @throws IOException when the text is not such a key, or its halves do not belong together
     */
    static RegistryKey parse(String privateKeyText) throws IOException {
        OpenSshKeyFormat.KeyBytes bytes = OpenSshKeyFormat.decodePrivateKey(privateKeyText);
        RegistryKey key;
        try {
            PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, bytes.seed()));
            key = new RegistryKey(privateKey, bytes.seed(), bytes.publicKey());
        } catch (GeneralSecurityException e) {
            throw new IOException("the private key is not a usable Ed25519 key: " + e.getMessage(), e);
        }
        // the file stores the public key beside the seed; a signature made with one that the
        // registry checks against the other would fail far from the cause, so check here
        byte[] probe = "jollama key check".getBytes(StandardCharsets.US_ASCII);
        if (!verify(key.publicKey, probe, key.sign(probe))) {
            throw new IOException("the private key is corrupt (its public key does not match it)");
        }
        return key;
    }

    /** The private key file's text, as {@code ssh-keygen -t ed25519 -N ''} would write it. */
    String privateKeyText() {
        return OpenSshKeyFormat.encodePrivateKey(new OpenSshKeyFormat.KeyBytes(seed, publicKey), RANDOM.nextInt());
    }

    /** The {@code .pub} line without its newline: {@code ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI…}. */
    public String publicKeyLine() {
        return OpenSshKeyFormat.publicKeyLine(publicKey);
    }

    /** The raw 32-byte public key. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The raw 64-byte Ed25519 signature of {@code data}. */
    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot sign with Ed25519", e);
        }
    }

    /**
     * The {@code Authorization} value of a token request (Ollama's {@code auth.Sign}):
     * {@code <base64 public key blob>:<base64 signature>}, the blob being the one of the .pub line.
     */
    public String authorization(byte[] data) {
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(OpenSshKeyFormat.publicKeyBlob(publicKey)) + ":" + base64.encodeToString(sign(data));
    }

    /** Whether {@code signature} is a valid Ed25519 signature of {@code data} by the raw {@code publicKey}. */
    static boolean verify(byte[] publicKey, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509(publicKey))));
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] x509(byte[] rawPublicKey) {
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + rawPublicKey.length);
        System.arraycopy(rawPublicKey, 0, encoded, X509_PREFIX.length, rawPublicKey.length);
        return encoded;
    }

    private static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded.length != X509_PREFIX.length + 32
                || !Arrays.equals(encoded, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            throw new IllegalStateException("unexpected Ed25519 public key encoding from the JDK");
        }
        return Arrays.copyOfRange(encoded, X509_PREFIX.length, encoded.length);
    }

    @Override
    public String toString() {
        return "RegistryKey[" + publicKeyLine() + "]"; // never the private half
    }
}
