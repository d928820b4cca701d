package lenet.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import lenet.model.EpochMetrics;
import org.junit.jupiter.api.Test;

class TimeToAccuracyTest {
    static EpochMetrics epoch(int n, Double valAccuracy, double seconds) {
        return new EpochMetrics(n, 0.1, 0.9, 0.1, valAccuracy, 1000, seconds, false);
    }

    @Test
    void theFirstEpochAtOrAboveTheTargetAndTheTimeUpToItsEnd() {
        List<EpochMetrics> run =
                List.of(epoch(1, 0.97, 10.5), epoch(2, 0.989, 8.0), epoch(3, 0.99, 7.5), epoch(4, 0.995, 7.0));

        TimeToAccuracy to99 = TimeToAccuracy.of(run, 0.99);

        assertThat(to99.reached()).isTrue();
        assertThat(to99.epoch()).isEqualTo(3);
        assertThat(to99.seconds()).isEqualTo(26.0);
    }

    @Test
    void neverReachedOrNoValidationSet() {
        assertThat(TimeToAccuracy.of(List.of(epoch(1, 0.98, 5), epoch(2, 0.985, 5)), 0.99)
                        .reached())
                .isFalse();
        assertThat(TimeToAccuracy.of(List.of(epoch(1, null, 5)), 0.99).epoch()).isZero();
        assertThat(TimeToAccuracy.of(List.of(), 0.99).seconds()).isNaN();
    }
}
