package lenet.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lenet.model.Classes;
import lenet.model.Classes.Framing;
import lenet.model.HyperParameters;

/**
 * The 28×28 dataset families lenet trains on, each with its files, their published checksums, its format, its
 * classes and its training recipe: the one place a dataset is described (as torchvision has one class per family).
 */
public enum Dataset {
    MNIST(
            "mnist",
            "MNIST",
            "https://ossci-datasets.s3.amazonaws.com/mnist/",
            null,
            Classes.MNIST.names(),
            Framing.DIGIT,
            mnistFiles(
                    "",
                    new String[] {
                        "f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                        "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"
                    },
                    new String[] {
                        "6bbc9ace898e44ae57da46a324031adb", "a25bea736e30d166cdddb491f175f624",
                        "2646ac647ad5339dbf082846283269ea", "27ae3e4e09519cfbb04c329615203637"
                    },
                    60_000,
                    10_000)),
    FASHION_MNIST(
            "fashion-mnist",
            "Fashion-MNIST",
            "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
            Path.of("/usr/share/datasets/fashion-mnist"),
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot"),
            Framing.FILL,
            mnistFiles(
                    "",
                    new String[] {
                        "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                        "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"
                    },
                    new String[] {
                        "f4a8712d7a061bf5bd6d2ca38dc4d50a", "9018921c3c673c538a1fc5bad174d6f9",
                        "8181f5470baa50b63fa0f6fddb340f0a", "15d484375f8d13e6eb1aabb0c3f46965"
                    },
                    60_000,
                    10_000)),
    KMNIST(
            "kmnist",
            "Kuzushiji-MNIST",
            "http://codh.rois.ac.jp/kmnist/dataset/kmnist/",
            null,
            List.of("o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"),
            Framing.FILL,
            mnistFiles(
                    "",
                    new String[] {
                        "bdb82020997e1d708af4cf47b453dcf7", "e144d726b3acfaa3e44228e80efcd344",
                        "5c965bf0a639b31b8f53240b1b52f4d7", "7320c461ea6c1c855c0b718fb2a4b134"
                    },
                    new String[4],
                    60_000,
                    10_000)),
    EMNIST_DIGITS(
            "emnist-digits",
            "EMNIST Digits",
            Emnist.ADDRESS,
            null,
            Classes.MNIST.names(),
            Framing.CHARACTER,
            Emnist.files("digits", 240_000, 40_000)),
    EMNIST_LETTERS(
            "emnist-letters",
            "EMNIST Letters",
            Emnist.ADDRESS,
            null,
            letters('A', 'Z'),
            Framing.CHARACTER,
            Emnist.files("letters", 124_800, 20_800)),
    EMNIST_BALANCED(
            "emnist-balanced",
            "EMNIST Balanced",
            Emnist.ADDRESS,
            null,
            Emnist.balancedClasses(),
            Framing.CHARACTER,
            Emnist.files("balanced", 112_800, 18_800)),
    QMNIST(
            "qmnist",
            "QMNIST",
            "https://raw.githubusercontent.com/facebookresearch/qmnist/master/",
            null,
            Classes.MNIST.names(),
            Framing.DIGIT,
            qmnistFiles(
                    "ed72d4157d28c017586c42bc6afe6370",
                    "0058f8dd561b90ffdd0f734c6a30e5e4",
                    "1394631089c404de565df7b7aeaf9412",
                    "5b5b05890a5e13444e108efe57b788aa"));

    /** The dataset {@code lenet train} uses without {@code --dataset}. */
    public static final Dataset DEFAULT = MNIST;

    /**
     * One file of a dataset as published.
     *
     * @param name   the raw file's name; the published archive is {@code name.gz}
     * @param kind   what it holds
     * @param count  how many images or labels
     * @param gzMd5  the MD5 of the published {@code .gz}, as the dataset's authors (or torchvision) give it
     * @param rawMd5 the MD5 of the unpacked file, measured by lenet's authors on the real files; null where no copy
     *               was at hand (a raw file is then checked for its structure only)
     */
    public record DataFile(String name, IdxFile.Kind kind, int count, String gzMd5, String rawMd5) {
        public String gzName() {
            return name + ".gz";
        }
    }

    public final String id;
    public final String title;
    /** Where the files are published: a folder address (each file as {@code NAME.gz}) or, for EMNIST, one zip. */
    public final String address;
    /** A copy a system package installs, read in place (Debian's {@code dataset-fashion-mnist}), or null. */
    public final Path systemCopy;

    public final Classes classes;
    /** Training images, training labels, test images, test labels. */
    public final List<DataFile> files;

    Dataset(
            String id,
            String title,
            String address,
            Path systemCopy,
            List<String> classes,
            Framing framing,
            List<DataFile> files) {
        this.id = id;
        this.title = title;
        this.address = address;
        this.systemCopy = systemCopy;
        this.classes = new Classes(id, classes, framing);
        this.files = files;
    }

    /** The dataset called {@code id}, as {@code --dataset} and a model file name it. */
    public static Optional<Dataset> named(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    /** Every dataset's name, for help and messages: {@code mnist, fashion-mnist, …}. */
    public static String names() {
        return Arrays.stream(values()).map(d -> d.id).collect(Collectors.joining(", "));
    }

    public DataFile trainImages() {
        return files.get(0);
    }

    public DataFile trainLabels() {
        return files.get(1);
    }

    public DataFile testImages() {
        return files.get(2);
    }

    public DataFile testLabels() {
        return files.get(3);
    }

    /** EMNIST stores its images transposed and numbers its letters from 1. */
    boolean transposed() {
        return this == EMNIST_DIGITS || this == EMNIST_LETTERS || this == EMNIST_BALANCED;
    }

    int labelOffset() {
        return this == EMNIST_LETTERS ? 1 : 0;
    }

    /** Whether the files come as one archive (EMNIST's zip) rather than one download each. */
    boolean zipped() {
        return transposed();
    }

    /**
     * {@code lenet train}'s defaults for this dataset. Digits get flagged 1s; garments are mirrored (a shoe pointing
     * left is still a shoe, a mirrored digit or letter is not one) and are not bent the way strokes are.
     */
    public HyperParameters recipe() {
        HyperParameters digits = HyperParameters.defaults();
        if (classes.digits()) {
            return digits;
        }
        HyperParameters noFlags = digits.withFlaggedOnes(0);
        return this == FASHION_MNIST ? garments(noFlags) : noFlags;
    }

    /**
     * Fashion-MNIST's recipe, measured in accuracy.md: LeNet-5 underfits garments, so no shifts or bends (each cost
     * accuracy), smaller batches; half the garments mirrored (the same accuracy on the test set, whose shoes all point
     * left, and a model that reads a shoe pointing right).
     */
    private static HyperParameters garments(HyperParameters hp) {
        return hp.withBatchSize(64)
                .withShift(0)
                .withRotation(0)
                .withScale(0)
                .withShear(0)
                .withElastic(0)
                .withMirror(0.5);
    }

    /** The recipe for a person's own images: no flagged 1s (the classes may not be digits), no mirror images. */
    public static HyperParameters ownImagesRecipe() {
        return HyperParameters.defaults().withFlaggedOnes(0);
    }

    private static List<DataFile> mnistFiles(String prefix, String[] gzMd5, String[] rawMd5, int train, int test) {
        return List.of(
                new DataFile(prefix + "train-images-idx3-ubyte", IdxFile.Kind.IMAGES, train, gzMd5[0], rawMd5[0]),
                new DataFile(prefix + "train-labels-idx1-ubyte", IdxFile.Kind.LABELS, train, gzMd5[1], rawMd5[1]),
                new DataFile(prefix + "t10k-images-idx3-ubyte", IdxFile.Kind.IMAGES, test, gzMd5[2], rawMd5[2]),
                new DataFile(prefix + "t10k-labels-idx1-ubyte", IdxFile.Kind.LABELS, test, gzMd5[3], rawMd5[3]));
    }

    /** QMNIST's four files: 60,000 training and 60,000 test images, labels as rows of 8 ints. */
    private static List<DataFile> qmnistFiles(String... gzMd5) {
        IdxFile.Kind images = IdxFile.Kind.IMAGES;
        IdxFile.Kind labels = IdxFile.Kind.QMNIST_LABELS;
        return List.of(
                new DataFile("qmnist-train-images-idx3-ubyte", images, 60_000, gzMd5[0], null),
                new DataFile("qmnist-train-labels-idx2-int", labels, 60_000, gzMd5[1], null),
                new DataFile("qmnist-test-images-idx3-ubyte", images, 60_000, gzMd5[2], null),
                new DataFile("qmnist-test-labels-idx2-int", labels, 60_000, gzMd5[3], null));
    }

    private static List<String> letters(char from, char to) {
        return Stream.iterate(from, c -> c <= to, c -> (char) (c + 1))
                .map(String::valueOf)
                .toList();
    }

    /** EMNIST's published archive and the names inside it. */
    static final class Emnist {
        static final String ADDRESS = "https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip";
        static final String ZIP_MD5 = "58c8d27c78d21e728a6bc7b3cc06412e";
        static final String ZIP_NAME = "gzip.zip";
        /** The folder inside the zip holding each split's {@code .gz} files. */
        static final String ZIP_FOLDER = "gzip/";

        private Emnist() {}

        static List<DataFile> files(String split, int train, int test) {
            String p = "emnist-" + split + "-";
            return List.of(
                    new DataFile(p + "train-images-idx3-ubyte", IdxFile.Kind.IMAGES, train, null, null),
                    new DataFile(p + "train-labels-idx1-ubyte", IdxFile.Kind.LABELS, train, null, null),
                    new DataFile(p + "test-images-idx3-ubyte", IdxFile.Kind.IMAGES, test, null, null),
                    new DataFile(p + "test-labels-idx1-ubyte", IdxFile.Kind.LABELS, test, null, null));
        }

        /** The 47 classes of the balanced split: digits, capitals, and the 11 small letters unlike their capital. */
        static List<String> balancedClasses() {
            return Stream.of(
                            letters('0', '9'),
                            letters('A', 'Z'),
                            List.of("a", "b", "d", "e", "f", "g", "h", "n", "q", "r", "t"))
                    .flatMap(List::stream)
                    .toList();
        }
    }
}
