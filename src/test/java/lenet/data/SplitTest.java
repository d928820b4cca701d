package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void sizesAndNoOverlap() {
        Split split = Split.of(60_000, 5_000, 42);

        assertThat(split.validation()).hasSize(5_000);
        assertThat(split.train()).hasSize(55_000);
        int[] all = IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.validation()))
                .sorted()
                .toArray();
        assertThat(all).isEqualTo(IntStream.range(0, 60_000).toArray());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Split a = Split.of(60_000, 5_000, 42);
        Split b = Split.of(60_000, 5_000, 42);
        Split c = Split.of(60_000, 5_000, 43);

        assertThat(b.validation()).isEqualTo(a.validation());
        assertThat(b.train()).isEqualTo(a.train());
        assertThat(c.validation()).isNotEqualTo(a.validation());
    }

    @Test
    void validationIsSpreadOverTheFileNotItsHead() {
        int[] validation = Split.of(60_000, 5_000, 42).validation();

        assertThat(validation[0]).isLessThan(100);
        assertThat(validation[validation.length - 1]).isGreaterThan(59_900);
    }

    @Test
    void limitKeepsTheFirstTrainingImagesAndTheSameValidation() {
        Split full = Split.of(60_000, 5_000, 7);
        Split limited = full.limitTrain(1_000);

        assertThat(limited.train()).isEqualTo(Arrays.copyOf(full.train(), 1_000));
        assertThat(limited.validation()).isEqualTo(full.validation());
        assertThat(full.limitTrain(0)).isSameAs(full);
        assertThat(full.limitTrain(100_000)).isSameAs(full);
    }

    @Test
    void zeroValidationKeepsEverythingForTraining() {
        Split split = Split.of(100, 0, 1);

        assertThat(split.validation()).isEmpty();
        assertThat(split.train()).isEqualTo(IntStream.range(0, 100).toArray());
    }

    @Test
    void validationMustLeaveTrainingImages() {
        assertThatThrownBy(() -> Split.of(100, 100, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Split.of(100, -1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
