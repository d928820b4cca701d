package lenet.api;

import java.util.List;
import java.util.Locale;
import lenet.prediction.Predictor;

/**
 * What a model read in one image: the most likely class, its probability, and the probability of every class (they
 * sum to 1). Immutable.
 */
public final class Recognition {
    private final Predictor.Prediction prediction;

    Recognition(Predictor.Prediction prediction) {
        this.prediction = prediction;
    }

    /** @return the most likely class's index in the model's outputs */
    public int index() {
        return prediction.index();
    }

    /** @return the most likely class's name: {@code "7"}, {@code "Sneaker"} */
    public String name() {
        return prediction.name();
    }

    /** @return the most likely class's probability, 0 to 1 */
    public double probability() {
        return prediction.probability();
    }

    /**
     * @param k how many classes
     * @return the {@code k} most likely classes, most likely first (every class when {@code k} is larger)
     * @throws IllegalArgumentException when {@code k} is below 1
     */
    public List<Score> top(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top(k): k must be at least 1, got " + k);
        }
        return prediction.top(k).stream()
                .map(s -> new Score(s.index(), s.name(), s.probability()))
                .toList();
    }

    /** @return the probability of each class, in the order of {@link Recognizer#classes()} (a copy) */
    public double[] probabilities() {
        return prediction.probabilities().clone();
    }

    /** @return the most likely class and its probability as {@code lenet predict} prints them: {@code 7 (99.2%)} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%.1f%%)", name(), probability() * 100);
    }
}
