package lenet.api;

import java.util.Locale;

/**
 * One class of a model and its probability.
 *
 * @param index       the class's place in the model's outputs, 0 to {@code classes().size() - 1}
 * @param name        the class's name: {@code "7"} for a digit model, {@code "Sneaker"} for Fashion-MNIST's
 * @param probability the model's probability of it, 0 to 1
 */
public record Score(int index, String name, double probability) {
    /** @return the class and its probability as {@code lenet predict}'s top 3 shows them: {@code 7 99.2%} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.1f%%", name, probability * 100);
    }
}
