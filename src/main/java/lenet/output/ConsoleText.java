package lenet.output;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * The text lenet writes to stdout and stderr, in the charset the user's terminal takes: UTF-8 when the locale says
 * UTF-8, else the locale's own charset (plain ASCII under {@code C} and {@code POSIX}), where every character the
 * charset lacks is written as its ASCII spelling ({@code ×} as {@code x}, {@code →} as {@code ->}, {@code …} as
 * {@code ...}) instead of Java's {@code ?}.
 */
public final class ConsoleText {
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private ConsoleText() {}

    /**
     * The charset for output: UTF-8 when Java's view of the locale ({@code native.encoding}) or the locale variables
     * ({@code LC_ALL}, else {@code LC_CTYPE}, else {@code LANG}) name it, which covers a UTF-8 locale that is not
     * installed (Java then sees ASCII although the terminal takes UTF-8); else the locale's charset.
     */
    public static Charset charset(Map<String, String> env, String nativeEncoding) {
        Charset nativeCharset = forName(nativeEncoding);
        if (nativeCharset.equals(StandardCharsets.UTF_8) || namesUtf8(localeOf(env))) {
            return StandardCharsets.UTF_8;
        }
        return nativeCharset;
    }

    /** This process's output charset. */
    public static Charset charset() {
        return charset(
                System.getenv(),
                System.getProperty("native.encoding", Charset.defaultCharset().name()));
    }

    /** An auto-flushing writer onto {@code stream} in {@code charset}, spelling what it cannot encode in ASCII. */
    public static PrintWriter writer(OutputStream stream, Charset charset) {
        Writer encoded = new OutputStreamWriter(stream, charset);
        return new PrintWriter(charset.equals(StandardCharsets.UTF_8) ? encoded : new Fallback(encoded, charset), true);
    }

    /** The locale in effect for character types: the first of LC_ALL, LC_CTYPE and LANG that is set. */
    static String localeOf(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return "";
    }

    static boolean namesUtf8(String locale) {
        String lower = locale.toLowerCase(Locale.ROOT);
        return lower.endsWith(".utf-8")
                || lower.endsWith(".utf8")
                || lower.contains(".utf-8@")
                || lower.contains(".utf8@");
    }

    private static Charset forName(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) { // unknown or unsupported: ASCII is in every terminal
            return StandardCharsets.US_ASCII;
        }
    }

    /** The ASCII spelling of a character no charset of the terminal has. */
    static String ascii(char c) {
        switch (c) {
            case '×':
                return "x";
            case '→':
                return "->";
            case '←':
                return "<-";
            case '…':
                return "...";
            case '−': // minus sign
            case '–': // en dash
            case '‐':
                return "-";
            case '—':
                return "--";
            case '·':
                return "-";
            case '≥':
                return ">=";
            case '≤':
                return "<=";
            case '±':
                return "+/-";
            case 'ε':
                return "eps";
            case '‘':
            case '’':
                return "'";
            case '“':
            case '”':
                return "\"";
            case '\u00a0': // no-break space
                return " ";
            default:
                int power = SUPERSCRIPTS.indexOf(c);
                if (power >= 0) {
                    return "^" + power;
                }
                // é as e, ﬁ as fi: the compatibility decomposition without its combining marks
                String plain = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}", "");
                return !plain.isEmpty() && plain.chars().allMatch(ch -> ch < 0x80) ? plain : "?";
        }
    }

    /** Passes what the charset encodes and spells the rest in ASCII. */
    private static final class Fallback extends FilterWriter {
        private final CharsetEncoder encoder;

        Fallback(Writer out, Charset charset) {
            super(out);
            CharsetEncoder encoder;
            try {
                encoder = charset.newEncoder();
            } catch (UnsupportedOperationException | UnsupportedCharsetException e) {
                encoder = StandardCharsets.US_ASCII.newEncoder();
            }
            this.encoder = encoder;
        }

        @Override
        public void write(int c) throws IOException {
            write(new char[] {(char) c}, 0, 1);
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            int from = offset;
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                char c = buffer[i];
                if (c < 0x80 || (!Character.isSurrogate(c) && encoder.canEncode(c))) {
                    continue;
                }
                out.write(buffer, from, i - from);
                out.write(Character.isHighSurrogate(c) ? "?" : Character.isLowSurrogate(c) ? "" : ascii(c));
                from = i + 1;
            }
            out.write(buffer, from, end - from);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            write(text.toCharArray(), offset, length);
        }
    }
}
