package lenet.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lenet.inference.Classifier;
import lenet.model.InputScaling;
import lenet.model.LeNet5;
import lenet.preprocessing.DigitPreprocessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs preprocessed digits through the network and ranks the ten classes. */
public final class Predictor {

    /** One class and its probability. */
    public record Scored(int digit, double probability) {}

    /** The most likely digit, its probability, the best three, and the probability of every digit. */
    public record Prediction(int digit, double probability, List<Scored> top, double[] probabilities) {
        /** {@code predict --json}'s object without the file: {@code {"digit","probability","top"}}. */
        public Map<String, Object> toJson() {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("digit", digit);
            answer.put("probability", round(probability));
            List<Map<String, Object>> best = new ArrayList<>(top.size());
            for (Scored s : top) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("digit", s.digit());
                m.put("probability", round(s.probability()));
                best.add(m);
            }
            answer.put("top", best);
            return answer;
        }
    }

    /** A probability to six decimals, as every JSON output gives it. */
    public static double round(double p) {
        return Math.round(p * 1e6) / 1e6;
    }

    private Predictor() {}

    public static List<Prediction> predict(MultiLayerNetwork network, List<DigitPreprocessor.Digit> digits) {
        return predict(Classifier.of(network), digits);
    }

    public static List<Prediction> predict(Classifier classifier, List<DigitPreprocessor.Digit> digits) {
        List<Prediction> predictions = new ArrayList<>(digits.size());
        for (int from = 0; from < digits.size(); from += LeNet5.INFERENCE_BATCH) {
            List<DigitPreprocessor.Digit> chunk =
                    digits.subList(from, Math.min(digits.size(), from + LeNet5.INFERENCE_BATCH));
            float[][] inputs = new float[chunk.size()][];
            for (int i = 0; i < chunk.size(); i++) {
                inputs[i] = chunk.get(i).input();
            }
            INDArray output = classifier.probabilities(Nd4j.create(inputs));
            for (int i = 0; i < chunk.size(); i++) {
                predictions.add(rank(output.getRow(i).toDoubleVector()));
            }
        }
        return predictions;
    }

    static Prediction rank(double[] probabilities) {
        Integer[] order = new Integer[InputScaling.CLASSES];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        List<Scored> top = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            top.add(new Scored(order[i], probabilities[order[i]]));
        }
        return new Prediction(order[0], probabilities[order[0]], List.copyOf(top), probabilities.clone());
    }
}
