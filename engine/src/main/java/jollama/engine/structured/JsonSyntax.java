package jollama.engine.structured;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds the pieces of JSON syntax as {@link Fragment}s of one {@link Nfa}: literals,
 * whitespace, string bodies, numbers, and the combinators (sequence, choice, repetition) that
 * schema compilation joins them with.
 *
 * <p>Whitespace policy: where JSON allows whitespace between tokens, the constraint allows
 * nothing, one space, or a newline followed by at most {@value #MAX_INDENT} spaces or tabs (as
 * llama.cpp's schema grammars do). That covers compact and pretty-printed output while keeping
 * every stretch of whitespace short, so a model cannot pad forever instead of finishing. No
 * whitespace is allowed before or after the top-level value: the value ends the generation.
 *
 * <p>Numbers: at most {@value #MAX_INTEGER_DIGITS} integer digits (they stay exact in a double),
 * at most {@value #MAX_FRACTION_DIGITS} fraction digits and at most 3 exponent digits.
 */
final class JsonSyntax {

    static final int MAX_INDENT = 20;
    static final int MAX_INTEGER_DIGITS = 16;
    static final int MAX_FRACTION_DIGITS = 16;
    static final int MAX_EXPONENT_DIGITS = 3;

    private final Nfa nfa;

    JsonSyntax(Nfa nfa) {
        this.nfa = nfa;
    }

    Nfa nfa() {
        return nfa;
    }

    Fragment empty() {
        int s = nfa.newState();
        return new Fragment(s, s);
    }

    Fragment bytes(int lo, int hi) {
        int in = nfa.newState();
        int out = nfa.newState();
        nfa.range(in, lo, hi, out);
        return new Fragment(in, out);
    }

    Fragment literal(String text) {
        return literal(text.getBytes(StandardCharsets.UTF_8));
    }

    Fragment literal(byte[] bytes) {
        int in = nfa.newState();
        int at = in;
        for (byte b : bytes) {
            int next = nfa.newState();
            nfa.range(at, b & 0xFF, b & 0xFF, next);
            at = next;
        }
        return new Fragment(in, at);
    }

    Fragment call(int rule) {
        int in = nfa.newState();
        int out = nfa.newState();
        nfa.call(in, rule, out);
        return new Fragment(in, out);
    }

    Fragment seq(Fragment... parts) {
        for (int i = 0; i + 1 < parts.length; i++) {
            nfa.epsilon(parts[i].out(), parts[i + 1].in());
        }
        return new Fragment(parts[0].in(), parts[parts.length - 1].out());
    }

    Fragment alt(List<Fragment> options) {
        if (options.size() == 1) {
            return options.getFirst();
        }
        int in = nfa.newState();
        int out = nfa.newState();
        for (Fragment f : options) {
            nfa.epsilon(in, f.in());
            nfa.epsilon(f.out(), out);
        }
        return new Fragment(in, out);
    }

    Fragment optional(Fragment f) {
        nfa.epsilon(f.in(), f.out());
        return f;
    }

    /**
     * {@code min} to {@code max} copies of {@code item} (max -1: no limit), {@code separator}
     * between them; the suppliers are called once per copy built.
     */
    Fragment repeat(Supplier<Fragment> item, Supplier<Fragment> separator, int min, int max) {
        int in = nfa.newState();
        int out = nfa.newState();
        if (max == 0) {
            nfa.epsilon(in, out);
            return new Fragment(in, out);
        }
        int at = in;
        int copies = Math.max(min, 1);
        for (int i = 0; i < copies; i++) {
            if (i > 0) {
                at = then(at, separator.get());
            }
            at = then(at, item.get());
        }
        if (min == 0) {
            nfa.epsilon(in, out);
        }
        nfa.epsilon(at, out);
        if (max < 0) {
            // One more separator + item that loops back: no further copies needed.
            Fragment sep = separator.get();
            Fragment again = item.get();
            nfa.epsilon(at, sep.in());
            nfa.epsilon(sep.out(), again.in());
            nfa.epsilon(again.out(), at);
        } else {
            for (int i = copies; i < max; i++) {
                at = then(at, separator.get());
                at = then(at, item.get());
                nfa.epsilon(at, out);
            }
        }
        return new Fragment(in, out);
    }

    private int then(int at, Fragment f) {
        nfa.epsilon(at, f.in());
        return f.out();
    }

    /** Nothing, one space, or a newline and up to {@value #MAX_INDENT} spaces or tabs. */
    Fragment ws() {
        int in = nfa.newState();
        int out = nfa.newState();
        nfa.epsilon(in, out);
        nfa.range(in, ' ', ' ', out);
        int at = nfa.newState();
        nfa.range(in, '\n', '\n', at);
        nfa.epsilon(at, out);
        for (int i = 0; i < MAX_INDENT; i++) {
            int next = nfa.newState();
            nfa.range(at, ' ', ' ', next);
            nfa.range(at, '\t', '\t', next);
            nfa.epsilon(next, out);
            at = next;
        }
        return new Fragment(in, out);
    }

    /** {@code "} then any number of characters then {@code "}. */
    Fragment string() {
        Fragment open = literal("\"");
        int body = nfa.newState();
        nfa.epsilon(open.out(), body);
        Fragment c = character(true);
        nfa.epsilon(body, c.in());
        nfa.epsilon(c.out(), body);
        Fragment close = literal("\"");
        nfa.epsilon(body, close.in());
        return new Fragment(open.in(), close.out());
    }

    /** A string of {@code min} to {@code max} (-1: any) characters, counted as code points. */
    Fragment string(int min, int max) {
        if (min == 0 && max < 0) {
            return string();
        }
        return seq(literal("\""), repeat(() -> character(true), this::empty, min, max), literal("\""));
    }

    /**
     * One character of a string body: a well-formed UTF-8 sequence other than {@code "},
     * {@code \} and the controls, or (when {@code escapes}) an escape. {@code \}{@code u} escapes
     * of surrogates are left out, so that every character is one code point and a lone
     * surrogate cannot appear.
     */
    Fragment character(boolean escapes) {
        int in = nfa.newState();
        int out = nfa.newState();
        int[] pending = new int[Utf8.STATES];
        pending[Utf8.COMPLETE] = out;
        for (int s = 1; s < Utf8.STATES; s++) {
            pending[s] = nfa.newState();
        }
        utf8Edges(in, pending);
        for (int s = 1; s < Utf8.STATES; s++) {
            for (int b = 0x80; b <= 0xBF; b++) {
                int t = Utf8.step(s, b);
                if (t >= 0) {
                    nfa.range(pending[s], b, b, pending[t]);
                }
            }
        }
        if (escapes) {
            escape(in, out);
        }
        return new Fragment(in, out);
    }

    /** Edges from {@code from} for the first byte of a plain character (no quote, backslash or control). */
    private void utf8Edges(int from, int[] pending) {
        nfa.range(from, 0x20, 0x21, pending[Utf8.COMPLETE]);
        nfa.range(from, 0x23, 0x5B, pending[Utf8.COMPLETE]);
        nfa.range(from, 0x5D, 0x7F, pending[Utf8.COMPLETE]);
        for (int b = 0xC2; b <= 0xF4; b++) {
            nfa.range(from, b, b, pending[Utf8.step(Utf8.COMPLETE, b)]);
        }
    }

    private void escape(int in, int out) {
        int esc = nfa.newState();
        nfa.range(in, '\\', '\\', esc);
        for (char c : new char[] {'"', '\\', '/', 'b', 'f', 'n', 'r', 't'}) {
            nfa.range(esc, c, c, out);
        }
        int u = nfa.newState();
        nfa.range(esc, 'u', 'u', u);
        int second = nfa.newState();
        int secondLow = nfa.newState();
        int third = nfa.newState();
        int fourth = nfa.newState();
        hex(u, second, "0123456789abcABCefEF");
        hex(u, secondLow, "dD");
        hex(second, third, "0123456789abcdefABCDEF");
        hex(secondLow, third, "01234567");
        hex(third, fourth, "0123456789abcdefABCDEF");
        hex(fourth, out, "0123456789abcdefABCDEF");
    }

    private void hex(int from, int to, String digits) {
        for (char c : digits.toCharArray()) {
            nfa.range(from, c, c, to);
        }
    }

    /** {@code -?(0|[1-9][0-9]{0,15})}. */
    Fragment integer() {
        return seq(optional(literal("-")), unsignedInteger());
    }

    Fragment unsignedInteger() {
        Fragment zero = literal("0");
        Fragment nonZero = seq(bytes('1', '9'), digits(0, MAX_INTEGER_DIGITS - 1));
        return alt(List.of(zero, nonZero));
    }

    /** An integer, an optional fraction and an optional exponent. */
    Fragment number() {
        Fragment fraction = optional(seq(literal("."), digits(1, MAX_FRACTION_DIGITS)));
        Fragment exponent = optional(seq(oneOf("eE"), optional(oneOf("+-")), digits(1, MAX_EXPONENT_DIGITS)));
        return seq(integer(), fraction, exponent);
    }

    /** One of the given ASCII characters. */
    Fragment oneOf(String chars) {
        int in = nfa.newState();
        int out = nfa.newState();
        for (char c : chars.toCharArray()) {
            nfa.range(in, c, c, out);
        }
        return new Fragment(in, out);
    }

    Fragment digits(int min, int max) {
        return repeat(() -> bytes('0', '9'), this::empty, min, max);
    }
}
