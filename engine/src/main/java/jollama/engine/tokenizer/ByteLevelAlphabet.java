package jollama.engine.tokenizer;

/**
 * GPT-2's reversible mapping of the 256 byte values onto printable characters, the alphabet in which
 * byte-level BPE vocabularies and merges are written (a space is {@code Ġ}, a newline {@code Ċ}).
 * Printable Latin-1 bytes stand for themselves; the others take the characters from U+0100 on, in order.
 */
final class ByteLevelAlphabet {

    private static final int NO_BYTE = -1;

    private final char[] charByByte = new char[256];
    private final int[] byteByChar;

    ByteLevelAlphabet() {
        int next = 256;
        for (int b = 0; b < 256; b++) {
            charByByte[b] = (char) (standsForItself(b) ? b : next++);
        }
        byteByChar = new int[next];
        java.util.Arrays.fill(byteByChar, NO_BYTE);
        for (int b = 0; b < 256; b++) {
            byteByChar[charByByte[b]] = b;
        }
    }

    private static boolean standsForItself(int b) {
        return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    }

    char charOf(int unsignedByte) {
        return charByByte[unsignedByte];
    }

    /** The byte a character of the alphabet stands for, or -1 for a character outside it. */
    int byteOf(char c) {
        return c < byteByChar.length ? byteByChar[c] : NO_BYTE;
    }

    /** The alphabet spelling of some bytes, i.e. the token text that would cover exactly them. */
    String encode(byte[] bytes) {
        char[] chars = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            chars[i] = charByByte[bytes[i] & 0xFF];
        }
        return new String(chars);
    }
}
