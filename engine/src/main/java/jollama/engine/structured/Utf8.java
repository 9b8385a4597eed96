package jollama.engine.structured;

/**
 * Well-formed UTF-8 (RFC 3629, Unicode table 3-7) as a byte automaton, so that a string body
 * never holds an overlong form, a surrogate or a code point past U+10FFFF: a strict parser would
 * reject the whole document for one such byte, and byte-level BPE tokens can split characters.
 */
final class Utf8 {

    /** Between characters. */
    static final int COMPLETE = 0;
    /** One continuation byte (80..BF) to go. */
    static final int NEED1 = 1;
    /** Two continuation bytes to go. */
    static final int NEED2 = 2;
    /** Three continuation bytes to go. */
    static final int NEED3 = 3;
    /** After E0: A0..BF (no overlong three-byte forms), then one more. */
    static final int AFTER_E0 = 4;
    /** After ED: 80..9F (no surrogates), then one more. */
    static final int AFTER_ED = 5;
    /** After F0: 90..BF (no overlong four-byte forms), then two more. */
    static final int AFTER_F0 = 6;
    /** After F4: 80..8F (nothing past U+10FFFF), then two more. */
    static final int AFTER_F4 = 7;
    static final int STATES = 8;

    private Utf8() {
    }

    /**
     * The state after {@code b} (0..255), or -1 if {@code b} cannot come here. From
     * {@link #COMPLETE} every ASCII byte is allowed; callers exclude what their context forbids.
     */
    static int step(int state, int b) {
        return switch (state) {
            case COMPLETE -> lead(b);
            case NEED1 -> continuation(b, 0x80, 0xBF, COMPLETE);
            case NEED2 -> continuation(b, 0x80, 0xBF, NEED1);
            case NEED3 -> continuation(b, 0x80, 0xBF, NEED2);
            case AFTER_E0 -> continuation(b, 0xA0, 0xBF, NEED1);
            case AFTER_ED -> continuation(b, 0x80, 0x9F, NEED1);
            case AFTER_F0 -> continuation(b, 0x90, 0xBF, NEED2);
            case AFTER_F4 -> continuation(b, 0x80, 0x8F, NEED2);
            default -> throw new IllegalArgumentException("no UTF-8 state " + state);
        };
    }

    private static int lead(int b) {
        if (b < 0x80) {
            return COMPLETE;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            return NEED1;
        }
        if (b == 0xE0) {
            return AFTER_E0;
        }
        if (b == 0xED) {
            return AFTER_ED;
        }
        if (b >= 0xE1 && b <= 0xEF) {
            return NEED2;
        }
        if (b == 0xF0) {
            return AFTER_F0;
        }
        if (b >= 0xF1 && b <= 0xF3) {
            return NEED3;
        }
        if (b == 0xF4) {
            return AFTER_F4;
        }
        return -1;
    }

    private static int continuation(int b, int lo, int hi, int next) {
        return b >= lo && b <= hi ? next : -1;
    }
}
