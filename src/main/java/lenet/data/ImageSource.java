package lenet.data;

import java.nio.file.Path;
import java.util.function.Consumer;
import lenet.core.LenetHome;
import lenet.core.ShellWords;
import lenet.model.Classes;

/**
 * Where a training run's labelled images come from: one of the {@link Dataset}s, or a person's own folder of
 * images ({@link ImageFolder}). Files are found (and downloaded) on first use, not when the source is made.
 */
public interface ImageSource {
    /** What a model of a person's own images records as its dataset: {@code images:} and the folder's name. */
    String FOLDER_PREFIX = "images:";

    /** The classes the images are labelled with. */
    Classes classes();

    /** The images trained on (and held out for validation). */
    DatasetImages train();

    /** The images the finished model is tested on. */
    DatasetImages test();

    /** The images' name in messages: {@code MNIST}, {@code Fashion-MNIST}, or the folder's. */
    String title();

    /** What {@code lenet train --resume} must be told again to find these images: {@code  --data-dir DIR}, or "". */
    String resumeArguments();

    /**
     * A dataset read from {@code dir} (null: from {@code data/NAME}, a system copy, or a download), telling
     * {@code progress} how a download goes.
     */
    static ImageSource of(Dataset dataset, Path dir, Download.Listener progress) {
        return new ImageSource() {
            private Path located;

            private Path dir() {
                if (located == null) {
                    located = DatasetFiles.locate(dataset, dir, progress);
                }
                return located;
            }

            @Override
            public Classes classes() {
                return dataset.classes;
            }

            @Override
            public DatasetImages train() {
                return DatasetFiles.read(dataset, dir(), true);
            }

            @Override
            public DatasetImages test() {
                return DatasetFiles.read(dataset, dir(), false);
            }

            @Override
            public String title() {
                return dataset.title;
            }

            @Override
            public String resumeArguments() {
                return dir == null ? "" : " --data-dir " + ShellWords.quote(LenetHome.display(dir));
            }
        };
    }

    /** The name a folder of images goes by: its own, as models/NAME.zip and messages give it. */
    static String folderName(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "images" : name.toString();
    }

    /**
     * A person's own images, {@code DIR/CLASS/…}: {@code DIR/train} and {@code DIR/test} when both exist, else a
     * seeded, stratified hold-out of {@code testFraction} of each class; {@code skipped} hears of each unusable file.
     */
    static ImageSource folder(Path dir, double testFraction, long seed, Consumer<ImageFolder.Skipped> skipped) {
        String name = folderName(dir);
        return new ImageSource() {
            private ImageFolder.Contents contents;

            private ImageFolder.Contents contents() {
                if (contents == null) {
                    contents = ImageFolder.read(dir, testFraction, seed);
                    contents.skipped().forEach(skipped);
                }
                return contents;
            }

            @Override
            public Classes classes() {
                return new Classes(FOLDER_PREFIX + name, contents().classes(), Classes.Framing.DIGIT);
            }

            @Override
            public DatasetImages train() {
                return images(contents().train());
            }

            @Override
            public DatasetImages test() {
                return images(contents().test());
            }

            private DatasetImages images(ImageFolder.Part part) {
                return DatasetImages.of(part, contents().classes().size());
            }

            @Override
            public String title() {
                return name;
            }

            @Override
            public String resumeArguments() {
                return " --images " + ShellWords.quote(LenetHome.display(dir));
            }
        };
    }
}
