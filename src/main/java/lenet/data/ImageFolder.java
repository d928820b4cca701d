package lenet.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import lenet.core.IoErrors;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.Classes.Framing;
import lenet.preprocessing.DigitReader;
import lenet.preprocessing.ImageInputs;

/**
 * A person's own labelled images, as torchvision's {@code ImageFolder} lays them out: {@code DIR/<class>/<image>},
 * one sub-folder per class, its name the class; or {@code DIR/train/<class>/…} and {@code DIR/test/<class>/…} when
 * both {@code train} and {@code test} exist (other folders beside them are then not read). Each image goes through
 * the same preprocessing as {@code lenet predict}; files that cannot be used are kept aside with predict's reason,
 * never fatal for the rest. The image files of a folder are the ones {@code predict DIR} reads (by name ending, not
 * in sub-folders); hidden folders ({@code .git}, {@code .ipynb_checkpoints}) are not classes.
 */
public final class ImageFolder {
    /** One file that could not be used, and why (predict's words). */
    public record Skipped(String file, String reason) {}

    /**
     * Images prepared as predict prepares them: {@code pixels[i]} is 784 bytes (grey 0..255, ink bright, row-major
     * 28×28; read one with {@code b & 0xFF}), {@code labels[i]} the class index.
     */
    public record Part(byte[][] pixels, int[] labels) {
        public int size() {
            return labels.length;
        }
    }

    /** {@code classes}: the sub-folder names in sorted order ({@link String#compareTo}), a label's index into it. */
    public record Contents(List<String> classes, Part train, Part test, List<Skipped> skipped, boolean splitGiven) {
        public Contents {
            classes = List.copyOf(classes);
            skipped = List.copyOf(skipped);
        }
    }

    private static final String EXPECTS = "--images expects one sub-folder of images per class, named for the class";

    private ImageFolder() {}

    /**
     * Reads {@code dir}. Unless {@code DIR/train} and {@code DIR/test} both exist, {@code testFraction} of each class
     * is held out for testing: rounded, at least 1 when the class has 2 or more usable images and never all of them
     * (a class of one image is all training; a fraction of 0 holds nothing out). Which images is decided by a
     * {@link Random} shuffle per class, seeded by {@code seed} and the class's name, so a class's split depends only
     * on its own files. Both parts list the classes in order and each class's images in file-name order.
     *
     * @throws LenetException (exit 2, one line) when {@code dir} is not a folder of at least 2 class folders each
     *     holding a usable image, or when train and test hold different classes
     */
    public static Contents read(Path dir, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), was " + testFraction);
        }
        requireDirectory(dir);
        List<Skipped> skipped = new ArrayList<>();
        if (hasSplit(dir)) {
            Path trainDir = dir.resolve("train");
            Path testDir = dir.resolve("test");
            List<String> classes = requireTwo(trainDir, classFolders(trainDir));
            List<String> testClasses = classFolders(testDir);
            if (!classes.equals(testClasses)) {
                throw LenetException.badInput(LenetHome.display(dir) + ": train and test hold different classes ("
                        + difference(classes, testClasses) + ")");
            }
            List<List<byte[]>> train = readClasses(trainDir, classes, skipped);
            List<List<byte[]>> test = readClasses(testDir, classes, skipped);
            return new Contents(classes, part(train, null, false), part(test, null, false), skipped, true);
        }
        List<String> classes = requireTwo(dir, classFolders(dir));
        List<List<byte[]>> images = readClasses(dir, classes, skipped);
        List<boolean[]> heldOut = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            heldOut.add(heldOut(images.get(c).size(), testFraction, classSeed(seed, classes.get(c))));
        }
        return new Contents(classes, part(images, heldOut, false), part(images, heldOut, true), skipped, false);
    }

    /**
     * For evaluation: reads {@code dir} (or {@code DIR/test} when {@code dir} has {@code train} and {@code test})
     * with the class names a model already has, a folder's label its name's index in {@code classes}. A class of the
     * model may have no folder, and a folder may have no usable image, as long as some image is usable. Images are
     * framed as the model's dataset framed its own. Files that cannot be used are added to {@code skippedOut}.
     *
     * @throws LenetException (exit 2, one line) naming the folder and the model's classes when a folder's name is
     *     not one of {@code classes}; when there are no class folders or no usable image at all
     */
    public static Part readLabelled(Path dir, List<String> classes, Framing framing, List<Skipped> skippedOut) {
        requireDirectory(dir);
        Path from = hasSplit(dir) ? dir.resolve("test") : dir;
        List<String> found = classFolders(from);
        if (found.isEmpty()) {
            throw LenetException.badInput(LenetHome.display(from) + ": no class folders (expected sub-folders named "
                    + "for the model's classes: " + names(classes) + ")");
        }
        List<String> folders = classes.stream().map(ImageFolder::folderName).toList();
        for (String name : found) {
            if (!folders.contains(name)) {
                throw LenetException.badInput(LenetHome.display(from.resolve(name))
                        + ": not one of the model's classes (" + names(folders) + ")");
            }
        }
        int before = skippedOut.size();
        List<List<byte[]>> images = new ArrayList<>();
        for (String name : folders) {
            images.add(found.contains(name) ? readImages(from.resolve(name), framing, skippedOut) : List.of());
        }
        Part part = part(images, null, false);
        if (part.size() == 0) {
            int count = skippedOut.size() - before;
            throw LenetException.badInput(LenetHome.display(from) + ": no usable images in the class folders ("
                    + (count == 0 ? "they hold no image files" : count + " skipped") + ")");
        }
        return part;
    }

    /** The folder that holds a class: its name, with {@code /} (which no folder name can hold) as {@code -}. */
    public static String folderName(String className) {
        return className.replace('/', '-');
    }

    private static void requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw LenetException.badInput(LenetHome.display(dir) + ": "
                    + (Files.exists(dir) ? "not a directory" : "no such directory") + " (" + EXPECTS + ")");
        }
    }

    private static boolean hasSplit(Path dir) {
        return Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"));
    }

    /** The names of the folders directly inside {@code dir}, hidden ones left out, sorted. */
    private static List<String> classFolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(dir) + ": cannot list folder (" + IoErrors.describe(e) + ")", e);
        }
    }

    private static List<String> requireTwo(Path dir, List<String> classes) {
        if (classes.isEmpty()) {
            throw LenetException.badInput(LenetHome.display(dir) + ": no class folders (" + EXPECTS + ")");
        }
        if (classes.size() == 1) {
            throw LenetException.badInput(
                    LenetHome.display(dir) + ": found 1 class folder, " + classes.get(0) + "; need at least 2");
        }
        return classes;
    }

    private static String difference(List<String> train, List<String> test) {
        TreeSet<String> onlyTrain = new TreeSet<>(train);
        onlyTrain.removeAll(test);
        TreeSet<String> onlyTest = new TreeSet<>(test);
        onlyTest.removeAll(train);
        List<String> parts = new ArrayList<>();
        if (!onlyTrain.isEmpty()) {
            parts.add("only in train: " + names(List.copyOf(onlyTrain)));
        }
        if (!onlyTest.isEmpty()) {
            parts.add("only in test: " + names(List.copyOf(onlyTest)));
        }
        return String.join("; ", parts);
    }

    /** Class names for a one-line message: all of them, or the first ten and how many more. */
    /** Up to ten names, then how many more: {@code cat, dog and 3 more}. */
    public static String names(List<String> classes) {
        int shown = Math.min(classes.size(), 10);
        String listed = String.join(", ", classes.subList(0, shown));
        return shown == classes.size() ? listed : listed + " and " + (classes.size() - shown) + " more";
    }

    /** Each class folder's usable images; one with none is fatal. */
    private static List<List<byte[]>> readClasses(Path dir, List<String> classes, List<Skipped> skipped) {
        List<List<byte[]>> images = new ArrayList<>();
        for (String name : classes) {
            Path classDir = dir.resolve(name);
            int before = skipped.size();
            List<byte[]> usable = readImages(classDir, Framing.DIGIT, skipped);
            if (usable.isEmpty()) {
                int count = skipped.size() - before;
                throw LenetException.badInput(LenetHome.display(classDir) + ": no usable images ("
                        + (count == 0 ? "the folder holds no image files" : count + " skipped") + ")");
            }
            images.add(usable);
        }
        return images;
    }

    private static List<byte[]> readImages(Path classDir, Framing framing, List<Skipped> skipped) {
        List<byte[]> usable = new ArrayList<>();
        for (Path file : imageFiles(classDir)) {
            DigitReader.Reading reading = DigitReader.read(file, framing);
            if (reading.ok()) {
                usable.add(bytes(reading.digit().grey()));
            } else {
                skipped.add(new Skipped(LenetHome.display(file), reading.error()));
            }
        }
        return usable;
    }

    private static List<Path> imageFiles(Path classDir) {
        try {
            return ImageInputs.imagesIn(classDir);
        } catch (IOException e) {
            throw LenetException.badInput(
                    LenetHome.display(classDir) + ": cannot list folder (" + IoErrors.describe(e) + ")", e);
        }
    }

    private static byte[] bytes(int[] grey) {
        byte[] out = new byte[grey.length];
        for (int i = 0; i < grey.length; i++) {
            out[i] = (byte) grey[i];
        }
        return out;
    }

    /** A seed for one class's shuffle: {@code seed} mixed with the name (String.hashCode is fixed by the JLS). */
    static long classSeed(long seed, String className) {
        return seed ^ (0x9E3779B97F4A7C15L * (className.hashCode() + 1L));
    }

    /** Which of a class's {@code n} images (in file order) are held out. */
    static boolean[] heldOut(int n, double fraction, long seed) {
        boolean[] held = new boolean[n];
        if (fraction == 0 || n < 2) {
            return held;
        }
        int count = (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        for (int i = 0; i < count; i++) {
            held[order[i]] = true;
        }
        return held;
    }

    /** The images of every class, in class order, that are ({@code wanted}) or are not held out; all when null. */
    private static Part part(List<List<byte[]>> images, List<boolean[]> heldOut, boolean wanted) {
        List<byte[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < images.size(); c++) {
            List<byte[]> ofClass = images.get(c);
            for (int i = 0; i < ofClass.size(); i++) {
                if (heldOut == null || heldOut.get(c)[i] == wanted) {
                    pixels.add(ofClass.get(i));
                    labels.add(c);
                }
            }
        }
        return new Part(
                pixels.toArray(new byte[0][]),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
