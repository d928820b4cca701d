package lenet.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Output in the charset the terminal takes, with ASCII spellings where it lacks a character. */
class ConsoleTextTest {
    private static final Charset ASCII = StandardCharsets.US_ASCII;
    private static final Charset LATIN_1 = StandardCharsets.ISO_8859_1;

    @Test
    void theCAndPosixLocalesGetAscii() {
        assertThat(ConsoleText.charset(Map.of("LANG", "C"), "ANSI_X3.4-1968")).isEqualTo(ASCII);
        assertThat(ConsoleText.charset(Map.of("LC_ALL", "POSIX"), "ANSI_X3.4-1968"))
                .isEqualTo(ASCII);
        assertThat(ConsoleText.charset(Map.of(), "ANSI_X3.4-1968"))
                .as("no locale at all")
                .isEqualTo(ASCII);
    }

    @Test
    void aUtf8LocaleGetsUtf8EvenWhenItIsNotInstalledAndJavaSeesAscii() {
        assertThat(ConsoleText.charset(Map.of("LANG", "C.UTF-8"), "UTF-8")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ConsoleText.charset(Map.of("LANG", "en_US.UTF-8"), "ANSI_X3.4-1968"))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(ConsoleText.charset(Map.of("LC_CTYPE", "de_DE.utf8"), "ANSI_X3.4-1968"))
                .isEqualTo(StandardCharsets.UTF_8);
        assertThat(ConsoleText.charset(Map.of("LANG", "sr_RS.UTF-8@latin"), "ANSI_X3.4-1968"))
                .isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void lcAllWinsOverLcCtypeWhichWinsOverLang() {
        assertThat(ConsoleText.charset(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8"), "ANSI_X3.4-1968"))
                .isEqualTo(ASCII);
        assertThat(ConsoleText.charset(Map.of("LC_ALL", "", "LC_CTYPE", "C", "LANG", "en_US.UTF-8"), "ANSI_X3.4-1968"))
                .as("an empty LC_ALL is unset")
                .isEqualTo(ASCII);
        assertThat(ConsoleText.charset(Map.of("LANG", "de_DE.ISO-8859-1"), "ISO-8859-1"))
                .isEqualTo(LATIN_1);
    }

    @Test
    void anUnknownNativeEncodingFallsBackToAscii() {
        assertThat(ConsoleText.charset(Map.of(), "no-such-charset")).isEqualTo(ASCII);
    }

    @Test
    void asciiSpellsWhatItLacks() {
        assertThat(write("28×28 → 5×5 … ≥ 99% − ε, café, 10²", ASCII))
                .isEqualTo("28x28 -> 5x5 ... >= 99% - eps, cafe, 10^2".getBytes(ASCII));
    }

    @Test
    void aCharacterNothingSpellsBecomesOneQuestionMarkEvenOutsideTheBasicPlane() {
        assertThat(write("digit 七 😀 done", ASCII)).isEqualTo("digit ? ? done".getBytes(ASCII));
    }

    @Test
    void latin1KeepsWhatItHasAndSpellsTheRest() {
        assertThat(write("28×28 → café", LATIN_1)).isEqualTo("28×28 -> café".getBytes(LATIN_1));
    }

    @Test
    void utf8PassesEverything() {
        String text = "28×28 → … 七 😀";
        assertThat(write(text, StandardCharsets.UTF_8)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] write(String text, Charset charset) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter writer = ConsoleText.writer(bytes, charset);
        writer.print(text.substring(0, 3)); // in pieces, as PrintWriter hands them on
        writer.print(text.substring(3));
        writer.flush();
        return bytes.toByteArray();
    }
}
