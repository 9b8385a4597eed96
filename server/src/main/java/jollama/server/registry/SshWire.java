package jollama.server.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * SSH's wire encoding (RFC 4251 §5): {@code uint32} big-endian, and {@code string} as a uint32
 * length followed by that many bytes. Both the key file and the public key blob are built from it.
 */
final class SshWire {

    private SshWire() {
    }

    /** Appends values in wire encoding. */
    static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer uint32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Writer string(byte[] value) {
            uint32(value.length);
            out.writeBytes(value);
            return this;
        }

        Writer string(String value) {
            return string(value.getBytes(StandardCharsets.UTF_8));
        }

        /** Bytes without a length prefix (the magic, the padding). */
        Writer raw(byte[] value) {
            out.writeBytes(value);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    /** Reads values in wire encoding; running past the end is a {@link IOException}, not a crash. */
    static final class Reader {

        private final ByteBuffer in;
        private final String what;

        /** @param what names the data in error messages */
        Reader(byte[] data, String what) {
            this.in = ByteBuffer.wrap(data);
            this.what = what;
        }

        int uint32() throws IOException {
            try {
                return in.getInt();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        byte[] string() throws IOException {
            int length = uint32();
            if (length < 0 || length > in.remaining()) {
                throw truncated();
            }
            byte[] value = new byte[length];
            in.get(value);
            return value;
        }

        String text() throws IOException {
            return new String(string(), StandardCharsets.UTF_8);
        }

        byte[] raw(int length) throws IOException {
            if (length > in.remaining()) {
                throw truncated();
            }
            byte[] value = new byte[length];
            in.get(value);
            return value;
        }

        int remaining() {
            return in.remaining();
        }

        private IOException truncated() {
            return new IOException(what + " is truncated");
        }
    }
}
