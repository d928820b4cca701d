package lenet.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lenet.inference.Classifier;
import lenet.model.Classes;
import lenet.model.LeNet5;
import lenet.preprocessing.DigitPreprocessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Runs preprocessed images through the network and ranks its classes. */
public final class Predictor {

    /** One class (its output index and name) and its probability. */
    public record Scored(int index, String name, double probability) {
        Map<String, Object> toJson(boolean digits) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (digits) {
                m.put("digit", index); // as before class names existed
            }
            m.put("class", name);
            m.put("index", index);
            m.put("probability", round(probability));
            return m;
        }
    }

    /** The most likely class, its probability, the best three, the probability of every class, and the classes. */
    public record Prediction(Scored best, List<Scored> top, double[] probabilities, Classes classes) {
        public int index() {
            return best.index();
        }

        public String name() {
            return best.name();
        }

        public double probability() {
            return best.probability();
        }

        /**
         * {@code predict --json}'s object without the file: {@code {"class","index","probability","top"}}, and for a
         * digit model {@code "digit"} first, as before other datasets existed.
         */
        public Map<String, Object> toJson() {
            Map<String, Object> answer = best.toJson(classes.digits());
            List<Map<String, Object>> best3 = new ArrayList<>(top.size());
            for (Scored s : top) {
                best3.add(s.toJson(classes.digits()));
            }
            answer.put("top", best3);
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
                predictions.add(rank(output.getRow(i).toDoubleVector(), classifier.classes()));
            }
        }
        return predictions;
    }

    static Prediction rank(double[] probabilities, Classes classes) {
        Integer[] order = new Integer[probabilities.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        List<Scored> top = new ArrayList<>(3);
        for (int i = 0; i < Math.min(3, order.length); i++) {
            top.add(new Scored(order[i], classes.name(order[i]), probabilities[order[i]]));
        }
        return new Prediction(top.get(0), List.copyOf(top), probabilities.clone(), classes);
    }
}
