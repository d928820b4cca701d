package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

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

    /** ND4J's scalar ops, as smoothing ran on them before, are the oracle: the same floats, for any ε and classes. */
    @Test
    void valuesAreNd4jsScalarOpsBitForBit() {
        for (double epsilon : new double[] {0.1, 0.05, 0.17, 0.3}) {
            for (int classes : new int[] {10, 26, 47}) {
                INDArray all = Nd4j.rand(DataType.FLOAT, 9, classes);
                INDArray rows = all.get(NDArrayIndex.interval(3, 8), NDArrayIndex.all()); // a batch cut from a set
                INDArray expected = rows.mul(1 - epsilon).addi(epsilon / classes);
                DataSet batch = new DataSet(Nd4j.zeros(DataType.FLOAT, 5, 784), rows);

                new LabelSmoothing(epsilon).preProcess(batch);

                assertThat(batch.getLabels().data().asFloat())
                        .as("ε %s, %d classes", epsilon, classes)
                        .isEqualTo(expected.data().asFloat());
                assertThat(batch.getLabels().shape()).containsExactly(5, classes);
            }
        }
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
