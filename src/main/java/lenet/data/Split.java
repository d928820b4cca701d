package lenet.data;

import java.util.Arrays;
import java.util.Random;

/**
 * The validation hold-out: {@code validationSize} images drawn at random (by {@code seed}) from the training
 * file, the rest kept for training. Both index lists are in file order, so "the first N training images"
 * ({@code --limit}) means the same images for the same seed.
 */
public record Split(int[] train, int[] validation) {

    public static Split of(int total, int validationSize, long seed) {
        if (validationSize < 0 || validationSize >= total) {
            throw new IllegalArgumentException("validation size must be in [0, " + total + "), was " + validationSize);
        }
        int[] order = new int[total];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = total - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] validation = Arrays.copyOfRange(order, 0, validationSize);
        int[] train = Arrays.copyOfRange(order, validationSize, total);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new Split(train, validation);
    }

    /** This split with only the first {@code limit} training images ({@code limit <= 0}: all of them). */
    public Split limitTrain(int limit) {
        if (limit <= 0 || limit >= train.length) {
            return this;
        }
        return new Split(Arrays.copyOf(train, limit), validation);
    }
}
