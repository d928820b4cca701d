package lenet.model;

import java.util.List;
import java.util.stream.IntStream;

/**
 * What a model tells apart: the dataset it learnt from, the names of its classes (output {@code i} is the probability
 * of {@code names.get(i)}), and how a picture is framed to look like that dataset's images. Stored in the model file
 * and in an exported ONNX model's metadata; a model written before datasets existed is {@link #MNIST}.
 *
 * @param dataset the dataset's name ({@code mnist}, {@code fashion-mnist}, …) or, for a person's own images,
 *                {@code images:} and the folder's name
 * @param names   one name per class, in output order
 * @param framing how {@code predict} frames a picture
 */
public record Classes(String dataset, List<String> names, Framing framing) {
    /** The ten digits of MNIST, the classes of every model written before other datasets existed. */
    public static final Classes MNIST = new Classes("mnist", numbered(10), Framing.DIGIT);

    public Classes {
        if (names == null || names.size() < 2) {
            throw new IllegalArgumentException("a model needs at least 2 classes, got " + names);
        }
        names = List.copyOf(names);
        framing = framing == null ? Framing.DIGIT : framing;
    }

    /** {@code "0"} to {@code "N-1"}: the names of classes known only by their number. */
    public static List<String> numbered(int count) {
        return IntStream.range(0, count).mapToObj(Integer::toString).toList();
    }

    public int size() {
        return names.size();
    }

    public String name(int index) {
        return names.get(index);
    }

    /** Whether the classes are the ten digits in order, so that output {@code i} is digit {@code i}. */
    public boolean digits() {
        return names.equals(numbered(10));
    }

    /**
     * How a picture is made to look like a dataset's own 28×28 images before the network sees it. Every framing
     * leaves an image of the dataset's own kind (28×28, light on black) as it is.
     */
    public enum Framing {
        /** MNIST's: the ink's box scaled into 20×20, centred by its centre of mass in 28×28. */
        DIGIT,
        /** EMNIST's: the ink's box scaled into 24×24 (2 pixels of border), centred by the box. */
        CHARACTER,
        /** Fashion-MNIST's and KMNIST's: the object scaled to fill 28×28 along its longer side, centred by the box. */
        FILL
    }
}
