package jollama.engine.tokenizer;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one generation's tokens as they arrive into text that is safe to show: a token may end in
 * the middle of a UTF-8 character (an emoji often spans two or three tokens), so the bytes of an
 * unfinished character are held back until the token that completes it. Bytes that can no longer
 * become a valid character are emitted as U+FFFD at once; an unfinished character still held at the
 * end becomes U+FFFD in {@link #flush()}. Not thread-safe: one per generation.
 */
public final class StreamingTokenDecoder {

    private final Tokenizer tokenizer;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    /** The start of a character whose remaining bytes have not arrived yet (at most 3 bytes). */
    private byte[] pending = new byte[0];

    StreamingTokenDecoder(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Takes the next token; returns the text it completes, possibly empty. */
    public String accept(int tokenId) {
        return decode(tokenizer.tokenBytes(tokenId), false);
    }

    /** Ends the generation: returns what is still held, an unfinished character as U+FFFD. */
    public String flush() {
        String rest = decode(new byte[0], true);
        utf8.reset();
        return rest;
    }

    private String decode(byte[] bytes, boolean endOfInput) {
        ByteBuffer in = ByteBuffer.allocate(pending.length + bytes.length).put(pending).put(bytes).flip();
        // UTF-8 never gives more UTF-16 chars than bytes, nor does a replacement.
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        utf8.decode(in, out, endOfInput);
        if (endOfInput) {
            utf8.flush(out);
        }
        pending = new byte[in.remaining()];
        in.get(pending);
        return out.flip().toString();
    }
}
