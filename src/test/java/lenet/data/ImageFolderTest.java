package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.Classes.Framing;
import lenet.preprocessing.DigitReader;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    static final int BOX = 0;
    static final int RING = 1;
    static final int BAR = 2;

    @TempDir
    Path dir;

    @Test
    void classesAreTheFolderNamesSortedAndEachImageIsLabelledByItsFolder() throws IOException {
        Map<String, List<Path>> files = new TreeMap<>();
        files.put("ring", images(dir.resolve("ring"), RING, 3));
        files.put("Box", images(dir.resolve("Box"), BOX, 4));
        files.put("bar", images(dir.resolve("bar"), BAR, 2));
        files.put("ñandú", images(dir.resolve("ñandú"), RING, 5));
        images(dir.resolve(".ipynb_checkpoints"), BOX, 1); // hidden: not a class
        Files.writeString(dir.resolve("ring").resolve("notes.txt"), "not an image file");
        Files.writeString(dir.resolve("ring").resolve(".DS_Store"), "not an image file");
        Files.writeString(dir.resolve("README.txt"), "beside the classes");

        ImageFolder.Contents contents = ImageFolder.read(dir, 0, 1);

        assertThat(contents.classes()).containsExactly("Box", "bar", "ring", "ñandú");
        assertThat(contents.splitGiven()).isFalse();
        assertThat(contents.skipped()).isEmpty();
        assertThat(contents.test().size()).isZero();
        assertThat(contents.train().labels()).isSorted();
        assertThat(countPerLabel(contents.train(), 4)).containsExactly(4, 2, 3, 5);
        for (int c = 0; c < 4; c++) {
            assertThat(ofLabel(contents.train(), c))
                    .as(contents.classes().get(c))
                    .containsExactlyElementsOf(
                            predicted(files.get(contents.classes().get(c))));
        }
    }

    @Test
    void holdsOutTheRoundedFractionOfEveryClassAndKeepsTheRestForTraining() throws IOException {
        List<List<Path>> files = List.of(
                images(dir.resolve("a"), BOX, 10),
                images(dir.resolve("b"), RING, 10),
                images(dir.resolve("c"), BAR, 10));

        ImageFolder.Contents contents = ImageFolder.read(dir, 0.2, 42);

        assertThat(countPerLabel(contents.test(), 3)).containsExactly(2, 2, 2);
        assertThat(countPerLabel(contents.train(), 3)).containsExactly(8, 8, 8);
        for (int c = 0; c < 3; c++) {
            List<String> test = ofLabel(contents.test(), c);
            List<String> train = ofLabel(contents.train(), c);
            assertThat(new HashSet<>(test)).doesNotContainAnyElementsOf(train);
            List<String> both = new ArrayList<>(test);
            both.addAll(train);
            assertThat(both).containsExactlyInAnyOrderElementsOf(predicted(files.get(c)));
        }
    }

    @Test
    void everyClassOfTwoOrMoreImagesIsInBothPartsAndNoneIsWhollyHeldOut() throws IOException {
        images(dir.resolve("a"), BOX, 1);
        images(dir.resolve("b"), RING, 2);
        images(dir.resolve("c"), BAR, 5);

        ImageFolder.Contents half = ImageFolder.read(dir, 0.5, 3);
        ImageFolder.Contents small = ImageFolder.read(dir, 0.01, 3);
        ImageFolder.Contents large = ImageFolder.read(dir, 0.9, 3);

        assertThat(countPerLabel(half.test(), 3)).containsExactly(0, 1, 3); // 0.5 × 5 = 2.5 rounds to 3
        assertThat(countPerLabel(half.train(), 3)).containsExactly(1, 1, 2);
        assertThat(countPerLabel(small.test(), 3)).containsExactly(0, 1, 1);
        assertThat(countPerLabel(large.test(), 3)).containsExactly(0, 1, 4);
        assertThat(countPerLabel(large.train(), 3)).containsExactly(1, 1, 1);
    }

    @Test
    void theSameSeedGivesTheSameSplitAndOrderAnotherSeedAnotherSplit() throws IOException {
        images(dir.resolve("a"), BOX, 10);
        images(dir.resolve("b"), RING, 10);

        ImageFolder.Contents first = ImageFolder.read(dir, 0.3, 7);
        ImageFolder.Contents again = ImageFolder.read(dir, 0.3, 7);
        ImageFolder.Contents other = ImageFolder.read(dir, 0.3, 8);

        assertThat(keys(again.test())).isEqualTo(keys(first.test()));
        assertThat(keys(again.train())).isEqualTo(keys(first.train()));
        assertThat(again.test().labels()).isEqualTo(first.test().labels());
        assertThat(again.train().labels()).isEqualTo(first.train().labels());
        assertThat(new HashSet<>(keys(other.test()))).isNotEqualTo(new HashSet<>(keys(first.test())));
        assertThat(countPerLabel(other.test(), 2)).containsExactly(3, 3);
    }

    @Test
    void trainAndTestFoldersAreUsedAsTheyAre() throws IOException {
        images(dir.resolve("train/cat"), BOX, 3);
        images(dir.resolve("train/dog"), RING, 4);
        List<Path> testCats = images(dir.resolve("test/cat"), BAR, 1);
        List<Path> testDogs = images(dir.resolve("test/dog"), BOX, 2);

        ImageFolder.Contents contents = ImageFolder.read(dir, 0.5, 1);

        assertThat(contents.splitGiven()).isTrue();
        assertThat(contents.classes()).containsExactly("cat", "dog");
        assertThat(countPerLabel(contents.train(), 2)).containsExactly(3, 4);
        assertThat(countPerLabel(contents.test(), 2)).containsExactly(1, 2);
        assertThat(ofLabel(contents.test(), 0)).containsExactlyElementsOf(predicted(testCats));
        assertThat(ofLabel(contents.test(), 1)).containsExactlyElementsOf(predicted(testDogs));
    }

    @Test
    void unusableFilesAreSkippedWithPredictsReasonAndTheRestAreRead() throws IOException {
        images(dir.resolve("a"), BOX, 2);
        images(dir.resolve("b"), RING, 2);
        Path blank = blank(dir.resolve("a/blank.png"));
        Path text = Files.writeString(dir.resolve("a/x.png"), "this is text, not a PNG");

        ImageFolder.Contents contents = ImageFolder.read(dir, 0, 1);

        assertThat(contents.skipped())
                .containsExactly(
                        new ImageFolder.Skipped(
                                LenetHome.display(blank), "no ink found (the image is blank or uniform)"),
                        new ImageFolder.Skipped(
                                LenetHome.display(text), "not an image lenet can read (PNG, JPEG, BMP, GIF, TIFF)"));
        assertThat(countPerLabel(contents.train(), 2)).containsExactly(2, 2);
    }

    @Test
    void thePixelsArePredictsPreparedDigitInkBright() throws IOException {
        BufferedImage seven = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY); // MNIST-style: white on black
        Graphics2D g = seven.createGraphics();
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(3));
        g.drawLine(8, 6, 20, 6);
        g.drawLine(20, 6, 12, 22);
        g.dispose();
        Files.createDirectories(dir.resolve("seven"));
        Path file = dir.resolve("seven/7.png");
        ImageIO.write(seven, "png", file.toFile());
        images(dir.resolve("box"), BOX, 1); // black on white

        ImageFolder.Part part = ImageFolder.read(dir, 0, 1).train();

        assertThat(Arrays.stream(part.pixels()).mapToInt(p -> p.length)).containsExactly(784, 784);
        assertThat(unsigned(part.pixels()[1]))
                .isEqualTo(DigitReader.read(file).digit().grey());
        int[] box = unsigned(part.pixels()[0]);
        assertThat(Arrays.stream(box).max().getAsInt()).isEqualTo(255);
        assertThat(box[0]).isZero(); // the paper is black, the ink bright, as in MNIST
    }

    @Test
    void aMissingFolderOrAFileIsOneLine() throws IOException {
        Path missing = dir.resolve("nothing");
        Path file = Files.writeString(dir.resolve("file.txt"), "x");

        assertThat(error(() -> ImageFolder.read(missing, 0.2, 1)))
                .isEqualTo(LenetHome.display(missing) + ": no such directory (--images expects one sub-folder of "
                        + "images per class, named for the class)");
        assertThat(error(() -> ImageFolder.readLabelled(file, List.of("a", "b"), Framing.DIGIT, new ArrayList<>())))
                .isEqualTo(LenetHome.display(file) + ": not a directory (--images expects one sub-folder of images "
                        + "per class, named for the class)");
    }

    @Test
    void fewerThanTwoClassFoldersIsOneLine() throws IOException {
        Files.createDirectories(dir.resolve(".hidden"));
        assertThat(error(() -> ImageFolder.read(dir, 0.2, 1)))
                .isEqualTo(
                        LenetHome.display(dir)
                                + ": no class folders (--images expects one sub-folder of images per class, named for the class)");

        images(dir.resolve("cat"), BOX, 2);
        assertThat(error(() -> ImageFolder.read(dir, 0.2, 1)))
                .isEqualTo(LenetHome.display(dir) + ": found 1 class folder, cat; need at least 2");
    }

    @Test
    void aClassFolderWithNoUsableImageIsOneLine() throws IOException {
        images(dir.resolve("cat"), BOX, 2);
        for (int i = 0; i < 3; i++) {
            blank(dir.resolve("dog/blank" + i + ".png"));
        }
        Files.createDirectories(dir.resolve("emu"));
        Files.writeString(dir.resolve("emu/notes.txt"), "no images here");

        assertThat(error(() -> ImageFolder.read(dir, 0.2, 1)))
                .isEqualTo(LenetHome.display(dir.resolve("dog")) + ": no usable images (3 skipped)");

        images(dir.resolve("dog"), RING, 1);
        assertThat(error(() -> ImageFolder.read(dir, 0.2, 1)))
                .isEqualTo(
                        LenetHome.display(dir.resolve("emu")) + ": no usable images (the folder holds no image files)");
    }

    @Test
    void trainAndTestWithDifferentClassesIsOneLine() throws IOException {
        images(dir.resolve("train/cat"), BOX, 1);
        images(dir.resolve("train/dog"), RING, 1);
        images(dir.resolve("test/cat"), BOX, 1);
        images(dir.resolve("test/fox"), BAR, 1);

        assertThat(error(() -> ImageFolder.read(dir, 0.2, 1)))
                .isEqualTo(LenetHome.display(dir)
                        + ": train and test hold different classes (only in train: dog; only in test: fox)");
    }

    @Test
    void readLabelledUsesTheModelsClassIndexesAndOnlyTheTestFolder() throws IOException {
        List<String> model = List.of("cat", "dog", "fox");
        List<Path> dogs = images(dir.resolve("plain/dog"), RING, 2);
        List<Path> foxes = images(dir.resolve("plain/fox"), BAR, 1);
        Path blank = blank(dir.resolve("plain/dog/blank.png"));
        images(dir.resolve("split/train/cat"), BOX, 4);
        images(dir.resolve("split/train/dog"), RING, 4);
        images(dir.resolve("split/test/dog"), RING, 3);
        List<ImageFolder.Skipped> skipped = new ArrayList<>();

        ImageFolder.Part plain = ImageFolder.readLabelled(dir.resolve("plain"), model, Framing.DIGIT, skipped);
        ImageFolder.Part split =
                ImageFolder.readLabelled(dir.resolve("split"), model, Framing.DIGIT, new ArrayList<>());

        assertThat(plain.labels()).containsExactly(1, 1, 2);
        assertThat(ofLabel(plain, 1)).containsExactlyElementsOf(predicted(dogs));
        assertThat(ofLabel(plain, 2)).containsExactlyElementsOf(predicted(foxes));
        assertThat(skipped).extracting(ImageFolder.Skipped::file).containsExactly(LenetHome.display(blank));
        assertThat(split.labels()).containsExactly(1, 1, 1);
    }

    @Test
    void aClassNamedWithASlashIsTheFolderNamedWithADash() throws IOException {
        // Fashion-MNIST's first class is "T-shirt/top"; no folder name can hold a slash
        List<Path> shirts = images(dir.resolve("T-shirt-top"), BOX, 2);
        images(dir.resolve("Trouser"), BAR, 1);

        ImageFolder.Part part =
                ImageFolder.readLabelled(dir, List.of("T-shirt/top", "Trouser"), Framing.DIGIT, new ArrayList<>());

        assertThat(ImageFolder.folderName("T-shirt/top")).isEqualTo("T-shirt-top");
        assertThat(part.labels()).containsExactly(0, 0, 1);
        assertThat(ofLabel(part, 0)).containsExactlyElementsOf(predicted(shirts));
    }

    @Test
    void readLabelledNamesAFolderTheModelHasNoClassFor() throws IOException {
        images(dir.resolve("cat"), BOX, 1);
        images(dir.resolve("zebra"), BAR, 1);
        Files.createDirectories(dir.resolve("empty"));

        assertThat(error(() -> ImageFolder.readLabelled(
                        dir, List.of("cat", "dog", "zebra"), Framing.DIGIT, new ArrayList<>())))
                .isEqualTo(
                        LenetHome.display(dir.resolve("empty")) + ": not one of the model's classes (cat, dog, zebra)");
        Files.delete(dir.resolve("empty"));
        blank(dir.resolve("dog/blank.png"));
        Files.delete(dir.resolve("cat/img-00.png"));
        Files.delete(dir.resolve("zebra/img-00.png"));
        assertThat(error(() -> ImageFolder.readLabelled(
                        dir, List.of("cat", "dog", "zebra"), Framing.DIGIT, new ArrayList<>())))
                .isEqualTo(LenetHome.display(dir) + ": no usable images in the class folders (1 skipped)");
    }

    /** The message of the one-line, exit-2 failure {@code call} ends in. */
    private static String error(ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(LenetException.class);
        assertThat(((LenetException) thrown).exitCode()).isEqualTo(LenetException.BAD_INPUT);
        assertThat(thrown.getMessage()).doesNotContain("\n");
        return thrown.getMessage();
    }

    /** {@code count} images of one shape, each drawn a little differently, black on white: img-00.png, …. */
    static List<Path> images(Path classDir, int shape, int count) throws IOException {
        Files.createDirectories(classDir);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 64, 64);
            g.setColor(Color.BLACK);
            switch (shape) {
                case BOX -> g.fillRect(12, 8, 8 + 4 * i, 48 - i);
                case RING -> {
                    int t = 3 + 2 * i;
                    g.fillOval(8, 8, 48, 48);
                    g.setColor(Color.WHITE);
                    g.fillOval(8 + t, 8 + t, 48 - 2 * t, 48 - 2 * t);
                }
                default -> {
                    g.setStroke(new BasicStroke(6));
                    g.drawLine(12, 54, 12 + 4 * i, 10);
                }
            }
            g.dispose();
            Path file = classDir.resolve(String.format("img-%02d.png", i));
            ImageIO.write(image, "png", file.toFile());
            files.add(file);
        }
        assertThat(new HashSet<>(predicted(files))).as("distinct images").hasSize(count);
        return files;
    }

    static Path blank(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    /** What predict prepares from each file, as comparable text. */
    static List<String> predicted(List<Path> files) {
        return files.stream()
                .map(f -> Arrays.toString(DigitReader.read(f).digit().grey()))
                .toList();
    }

    static int[] unsigned(byte[] pixels) {
        int[] grey = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            grey[i] = pixels[i] & 0xFF;
        }
        return grey;
    }

    static List<String> keys(ImageFolder.Part part) {
        return Arrays.stream(part.pixels())
                .map(p -> Arrays.toString(unsigned(p)))
                .toList();
    }

    static List<String> ofLabel(ImageFolder.Part part, int label) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < part.size(); i++) {
            if (part.labels()[i] == label) {
                out.add(Arrays.toString(unsigned(part.pixels()[i])));
            }
        }
        return out;
    }

    static List<Integer> countPerLabel(ImageFolder.Part part, int classes) {
        List<Integer> counts = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            int label = c;
            counts.add(
                    (int) Arrays.stream(part.labels()).filter(l -> l == label).count());
        }
        return counts;
    }
}
