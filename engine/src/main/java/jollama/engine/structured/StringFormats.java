package jollama.engine.structured;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * String bodies (between the quotes) for the {@code format} values jollama enforces: exactly the
 * valid values, so that a strict validator accepts them: {@code date} knows month lengths and leap
 * years, {@code time} and {@code date-time} follow RFC 3339 with offsets up to ±18:00 (what
 * {@link java.time.ZoneOffset} allows) and no leap second, {@code email} is the HTML form of an
 * address ({@code local@domain}, dot-separated atoms and labels). Other formats are annotations
 * in JSON Schema and are not enforced.
 */
final class StringFormats {

    static final Set<String> SUPPORTED = Set.of("date", "time", "date-time", "uuid", "email");

    private final JsonSyntax s;

    StringFormats(JsonSyntax syntax) {
        this.s = syntax;
    }

    Fragment body(String format) {
        return switch (format) {
            case "date" -> date();
            case "time" -> time();
            case "date-time" -> s.seq(date(), s.literal("T"), time());
            case "uuid" -> uuid();
            case "email" -> email();
            default -> throw new IllegalArgumentException("not an enforced format: " + format);
        };
    }

    private Fragment date() {
        return s.alt(List.of(
                s.seq(year(), s.literal("-"), months("01", "03", "05", "07", "08", "10", "12"), s.literal("-"), day(31)),
                s.seq(year(), s.literal("-"), months("04", "06", "09", "11"), s.literal("-"), day(30)),
                s.seq(year(), s.literal("-02-"), day(28)),
                s.seq(leapYear(), s.literal("-02-29"))));
    }

    private Fragment year() {
        return s.digits(4, 4);
    }

    private Fragment months(String... months) {
        List<Fragment> options = new ArrayList<>();
        for (String m : months) {
            options.add(s.literal(m));
        }
        return s.alt(options);
    }

    /** 01 to {@code last}. */
    private Fragment day(int last) {
        List<Fragment> options = new ArrayList<>(List.of(
                s.seq(s.literal("0"), s.bytes('1', '9')),
                s.seq(s.literal("1"), s.bytes('0', '9')),
                s.seq(s.literal("2"), s.bytes('0', '8'))));
        for (int d = 29; d <= last; d++) {
            options.add(s.literal(Integer.toString(d)));
        }
        return s.alt(options);
    }

    /** Years divisible by 4, except centuries not divisible by 400. */
    private Fragment leapYear() {
        return s.alt(List.of(
                s.seq(s.digits(2, 2), multipleOfFourNotZero()),
                s.seq(s.alt(List.of(s.literal("00"), multipleOfFourNotZero())), s.literal("00"))));
    }

    /** Two digits 04, 08, ..., 96. */
    private Fragment multipleOfFourNotZero() {
        return s.alt(List.of(
                s.seq(s.literal("0"), s.oneOf("48")),
                s.seq(s.oneOf("2468"), s.oneOf("048")),
                s.seq(s.oneOf("13579"), s.oneOf("26"))));
    }

    private Fragment time() {
        Fragment fraction = s.optional(s.seq(s.literal("."), s.digits(1, 9)));
        return s.seq(hour(), s.literal(":"), sixty(), s.literal(":"), sixty(), fraction, offset());
    }

    private Fragment hour() {
        return s.alt(List.of(s.seq(s.oneOf("01"), s.bytes('0', '9')), s.seq(s.literal("2"), s.bytes('0', '3'))));
    }

    private Fragment sixty() {
        return s.seq(s.bytes('0', '5'), s.bytes('0', '9'));
    }

    private Fragment offset() {
        Fragment below18 = s.seq(s.alt(List.of(s.seq(s.literal("0"), s.bytes('0', '9')),
                s.seq(s.literal("1"), s.bytes('0', '7')))), s.literal(":"), sixty());
        return s.alt(List.of(s.literal("Z"),
                s.seq(s.oneOf("+-"), s.alt(List.of(below18, s.literal("18:00"))))));
    }

    private Fragment uuid() {
        return s.seq(hex(8), s.literal("-"), hex(4), s.literal("-"), hex(4), s.literal("-"), hex(4),
                s.literal("-"), hex(12));
    }

    private Fragment hex(int n) {
        return s.repeat(this::hexDigit, s::empty, n, n);
    }

    private Fragment hexDigit() {
        Fragment f = s.bytes('0', '9');
        s.nfa().range(f.in(), 'a', 'f', f.out());
        s.nfa().range(f.in(), 'A', 'F', f.out());
        return f;
    }

    private Fragment email() {
        Fragment local = s.repeat(this::atom, () -> s.literal("."), 1, -1);
        Fragment domain = s.repeat(this::label, () -> s.literal("."), 2, -1);
        return s.seq(local, s.literal("@"), domain);
    }

    /** One or more of the characters an unquoted local part may hold. */
    private Fragment atom() {
        int in = s.nfa().newState();
        int loop = s.nfa().newState();
        for (int b = 0x21; b < 0x7F; b++) {
            if (Character.isLetterOrDigit(b) || "!#$%&'*+/=?^_`{|}~-".indexOf(b) >= 0) {
                s.nfa().range(in, b, b, loop);
                s.nfa().range(loop, b, b, loop);
            }
        }
        int out = s.nfa().newState();
        s.nfa().epsilon(loop, out);
        return new Fragment(in, out);
    }

    /** A domain label: letters and digits, hyphens only inside. */
    private Fragment label() {
        int in = s.nfa().newState();
        int alnum = s.nfa().newState();
        int hyphen = s.nfa().newState();
        int out = s.nfa().newState();
        alphanumeric(in, alnum);
        alphanumeric(alnum, alnum);
        alphanumeric(hyphen, alnum);
        s.nfa().range(alnum, '-', '-', hyphen);
        s.nfa().range(hyphen, '-', '-', hyphen);
        s.nfa().epsilon(alnum, out);
        return new Fragment(in, out);
    }

    private void alphanumeric(int from, int to) {
        s.nfa().range(from, '0', '9', to);
        s.nfa().range(from, 'a', 'z', to);
        s.nfa().range(from, 'A', 'Z', to);
    }
}
