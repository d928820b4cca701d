package lenet.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WrapTest {
    private static final String HEADER = "Training LeNet-5 for 10 epochs (batch 128, 1 worker) on 55,000 MNIST "
            + "images, 5,000 held out for validation";

    @Test
    void breaksAtTheLastSpaceThatFits() {
        assertThat(Wrap.lines(HEADER, 80, ""))
                .containsExactly(
                        "Training LeNet-5 for 10 epochs (batch 128, 1 worker) on 55,000 MNIST images,",
                        "5,000 held out for validation");
    }

    @Test
    void continuationLinesBeginWithTheIndentAndEveryWordSurvives() {
        List<String> lines = Wrap.lines(HEADER, 30, "    ");

        assertThat(lines)
                .hasSizeGreaterThan(3)
                .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(30));
        assertThat(lines.subList(1, lines.size()))
                .allSatisfy(line -> assertThat(line).startsWith("    "));
        assertThat(String.join(" ", lines.stream().map(String::strip).toList())).isEqualTo(HEADER);
    }

    @Test
    void aWordLongerThanTheLineStaysWhole() {
        String path = "/a/very/long/path/to/a/model/file/that/does/not/fit.zip";

        assertThat(Wrap.lines("saved " + path + " here", 20, "")).containsExactly("saved", path, "here");
    }

    @Test
    void noLimitOrAShortTextLeavesItAlone() {
        assertThat(Wrap.lines(HEADER, 0, "")).containsExactly(HEADER);
        assertThat(Wrap.lines("short", 80, "  ")).containsExactly("short");
    }
}
