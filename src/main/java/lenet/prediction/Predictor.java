package lenet.prediction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lenet.inference.Classifier;
import lenet.model.Classes;
import lenet.model.InputScaling;
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

        /** The {@code k} most likely classes, most likely first (all of them when {@code k} is larger). */
        public List<Scored> top(int k) {
            return ranked(probabilities, classes, k);
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
        return predictInputs(
                classifier, digits.stream().map(DigitPreprocessor.Digit::input).toList());
    }

    /**
     * @param inputs network inputs of 784 values each, in lenet's scaling (grey/255, ink = 1; {@link
     *               lenet.model.InputScaling})
     */
    public static List<Prediction> predictInputs(Classifier classifier, List<float[]> inputs) {
        List<Prediction> predictions = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += LeNet5.INFERENCE_BATCH) {
            List<float[]> chunk = inputs.subList(from, Math.min(inputs.size(), from + LeNet5.INFERENCE_BATCH));
            float[] flat = new float[chunk.size() * InputScaling.PIXELS];
            for (int i = 0; i < chunk.size(); i++) {
                System.arraycopy(chunk.get(i), 0, flat, i * InputScaling.PIXELS, InputScaling.PIXELS);
            }
            // one array in and one out (rowMajor): no ND4J array per image
            INDArray output =
                    classifier.probabilities(Nd4j.create(flat, new long[] {chunk.size(), InputScaling.PIXELS}, 'c'));
            int classes = classifier.classes().size();
            float[] all = rowMajor(output, chunk.size() * classes);
            for (int i = 0; i < chunk.size(); i++) {
                double[] row = new double[classes];
                for (int c = 0; c < classes; c++) {
                    row[c] = all[i * classes + c];
                }
                predictions.add(rank(row, classifier.classes()));
            }
        }
        return predictions;
    }

    /**
     * The values of {@code output}, row after row, read in one call: no ND4J array per row, each of which would hold
     * native memory (a JavaCPP pointer) that the collector has to carry until it is freed.
     */
    private static float[] rowMajor(INDArray output, long length) {
        INDArray plain =
                output.isView() || output.ordering() != 'c' || output.data().length() != length
                        ? output.dup('c')
                        : output;
        return plain.data().asFloat();
    }

    static Prediction rank(double[] probabilities, Classes classes) {
        List<Scored> top = ranked(probabilities, classes, 3);
        return new Prediction(top.get(0), top, probabilities.clone(), classes);
    }

    private static List<Scored> ranked(double[] probabilities, Classes classes, int k) {
        Integer[] order = new Integer[probabilities.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(
                order,
                Comparator.comparingDouble((Integer i) -> probabilities[i]).reversed());
        List<Scored> top = new ArrayList<>(Math.min(k, order.length));
        for (int i = 0; i < Math.min(k, order.length); i++) {
            top.add(new Scored(order[i], classes.name(order[i]), probabilities[order[i]]));
        }
        return List.copyOf(top);
    }
}
