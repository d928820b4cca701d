package lenet.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * Label smoothing (Szegedy et al. 2016): the one-hot targets of a training batch become 1 − ε + ε/K for the true
 * class and ε/K for each other one (K classes, 10 for digits), so the network is not pushed toward certainty on every
 * training image. The batch gets a new label array.
 */
public final class LabelSmoothing implements DataSetPreProcessor {
    private final double epsilon;

    public LabelSmoothing(double epsilon) {
        if (!(epsilon >= 0 && epsilon < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), was " + epsilon);
        }
        this.epsilon = epsilon;
    }

    @Override
    public void preProcess(DataSet batch) {
        if (epsilon > 0) {
            INDArray labels = batch.getLabels();
            int n = (int) labels.size(0);
            int classes = (int) labels.size(1);
            // in float, as ND4J's scalar ops (mul, then addi) computed it before: the same bits
            float keep = (float) (1 - epsilon);
            float share = (float) (epsilon / classes);
            float[] values = BatchValues.read(labels);
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * keep + share;
            }
            batch.setLabels(BatchValues.rows(values, n, classes));
        }
    }
}
