package lenet.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import lenet.inference.Classifier;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.ViewIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Accuracy, per-class metrics (DL4J {@link Evaluation}) and mean cross-entropy of a network on labelled data. */
public final class Evaluator {
    private static final double MIN_PROBABILITY = 1e-7;

    /**
     * The evaluation, the mean negative log-likelihood of the true class, and for every image in order the predicted
     * digit and the probability the network gave it.
     */
    public record Result(Evaluation evaluation, double loss, int[] predicted, float[] confidence) {
        public double accuracy() {
            return evaluation.accuracy();
        }
    }

    private Evaluator() {}

    public static Result evaluate(MultiLayerNetwork network, DataSet data) {
        return evaluate(Classifier.of(network), data);
    }

    public static Result evaluate(Classifier classifier, DataSet data) {
        return evaluate(classifier, new ViewIterator(data, LeNet5.INFERENCE_BATCH));
    }

    public static Result evaluate(MultiLayerNetwork network, DataSetIterator batches) {
        return evaluate(Classifier.of(network), batches);
    }

    public static Result evaluate(Classifier classifier, DataSetIterator batches) {
        Evaluation evaluation = new Evaluation(classifier.classes().size());
        double lossSum = 0;
        int count = 0;
        IntStream.Builder predicted = IntStream.builder();
        List<float[]> confidence = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray probabilities = classifier.probabilities(batch.getFeatures());
            INDArray labels = batch.getLabels();
            evaluation.eval(labels, probabilities);
            INDArray trueClass = probabilities.mul(labels).sum(1);
            lossSum -= Transforms.log(Transforms.max(trueClass, MIN_PROBABILITY, false), false)
                    .sumNumber()
                    .doubleValue();
            count += labels.rows();
            for (int p : probabilities.argMax(1).toIntVector()) {
                predicted.add(p);
            }
            confidence.add(probabilities.max(1).toFloatVector());
        }
        float[] confidences = new float[count];
        int at = 0;
        for (float[] part : confidence) {
            System.arraycopy(part, 0, confidences, at, part.length);
            at += part.length;
        }
        return new Result(
                evaluation,
                count == 0 ? Double.NaN : lossSum / count,
                predicted.build().toArray(),
                confidences);
    }
}
