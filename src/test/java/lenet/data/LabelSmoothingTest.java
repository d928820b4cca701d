package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class LabelSmoothingTest {

    @Test
    void trueDigitGetsOneMinusEpsilonPlusATenthOfItAndTheOthersATenth() {
        DataSet batch = new DataSet(Nd4j.zeros(DataType.FLOAT, 2, 784), Nd4j.createFromArray(new float[][] {
            {0, 0, 0, 1, 0, 0, 0, 0, 0, 0}, {1, 0, 0, 0, 0, 0, 0, 0, 0, 0}
        }));

        new LabelSmoothing(0.1).preProcess(batch);

        float[][] labels = batch.getLabels().toFloatMatrix();
        assertThat(labels[0][3]).isCloseTo(0.91f, within(1e-6f));
        assertThat(labels[0][4]).isCloseTo(0.01f, within(1e-6f));
        assertThat(labels[1][0]).isCloseTo(0.91f, within(1e-6f));
        assertThat(labels[1][9]).isCloseTo(0.01f, within(1e-6f));
        assertThat(batch.getLabels().sum(1).toFloatVector()).containsExactly(new float[] {1f, 1f}, within(1e-6f));
    }

    @Test
    void zeroLeavesLabelsAndOneOrMoreIsRefused() {
        DataSet batch = new DataSet(
                Nd4j.zeros(DataType.FLOAT, 1, 784), Nd4j.eye(10).getRow(2, true).castTo(DataType.FLOAT));
        new LabelSmoothing(0).preProcess(batch);
        assertThat(batch.getLabels().toFloatVector()).containsExactly(0, 0, 1, 0, 0, 0, 0, 0, 0, 0);
        assertThatThrownBy(() -> new LabelSmoothing(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
