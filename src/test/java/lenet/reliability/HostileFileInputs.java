package lenet.reliability;

import static lenet.reliability.HostileInputs.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lenet.testing.HostileFiles;
import lenet.testing.MnistImages;

/** Broken images for predict, broken MNIST folders for train and eval, places train cannot write, unreadable files. */
final class HostileFileInputs {
    private HostileFileInputs() {}

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // images for predict
        cases.add(new Case(
                "predict IMAGE", "missing file", d -> d.resolve("none.png"), PREDICT_IMAGE, 2, "no such file"));
        cases.add(new Case(
                "predict IMAGE",
                "a folder without images",
                d -> Files.createDirectory(d.resolve("empty")),
                PREDICT_IMAGE,
                2,
                "no images"));
        cases.add(new Case(
                "predict IMAGE",
                "empty file",
                d -> Files.createFile(d.resolve("empty.png")),
                PREDICT_IMAGE,
                2,
                "empty file"));
        cases.add(new Case(
                "predict IMAGE",
                "PNG truncated to half",
                d -> HostileFiles.truncated(goodImage, d.resolve("half.png"), 0.5),
                PREDICT_IMAGE,
                2,
                "half.png: damaged or truncated image ("));
        cases.add(new Case(
                "predict IMAGE",
                "PNG with one byte flipped",
                d -> HostileFiles.flipped(goodImage, d.resolve("flipped.png"), 0.5),
                PREDICT_IMAGE,
                2,
                "flipped.png: damaged or truncated image ("));
        cases.add(new Case(
                "predict IMAGE",
                "JPEG truncated to a third",
                d -> {
                    Path jpeg = d.resolve("photo-full.jpg");
                    MnistImages.write(MnistImages.blackOnWhite(1, 300, 400, 400, 50, 50), "jpg", jpeg);
                    Path cut = HostileFiles.truncated(jpeg, d.resolve("photo.jpg"), 0.33);
                    Files.delete(jpeg);
                    return cut;
                },
                PREDICT_IMAGE,
                2,
                "photo.jpg: damaged or truncated image ("));
        cases.add(new Case(
                "predict IMAGE",
                "text named .png",
                d -> Files.writeString(d.resolve("notes.png"), "not an image"),
                PREDICT_IMAGE,
                2,
                "not an image lenet can read"));
        cases.add(new Case(
                "predict IMAGE",
                "a zip named .jpg",
                d -> Files.copy(goodModel, d.resolve("model.jpg")),
                PREDICT_IMAGE,
                2,
                "not an image lenet can read"));
        cases.add(new Case(
                "predict IMAGE",
                "PNG declaring 100,000 × 100,000 pixels",
                d -> HostileFiles.pngDeclaring(d.resolve("huge.png"), 100_000, 100_000),
                PREDICT_IMAGE,
                2,
                "image too large"));
        cases.add(new Case(
                "predict IMAGE",
                "PNG declaring 2³¹−1 × 1 pixels",
                d -> HostileFiles.pngDeclaring(d.resolve("wide.png"), Integer.MAX_VALUE, 1),
                PREDICT_IMAGE,
                2,
                "wide.png: image too large (2147483647×1 = 2147.5 megapixels; the limit is 50)"));
        cases.add(new Case(
                "predict IMAGE",
                "good image, path with spaces and non-ASCII",
                d -> Files.copy(
                        goodImage,
                        Files.createDirectories(d.resolve("mes chiffres")).resolve("sept é 7.png")),
                PREDICT_IMAGE,
                0,
                null));

        // MNIST folders for train and eval
        for (Map.Entry<String, Command> command : Map.of(
                        "train --data-dir DIR", TRAIN_DATA, "eval --data-dir DIR", EVAL_DATA)
                .entrySet()) {
            cases.add(new Case(
                    command.getKey(),
                    "missing folder",
                    d -> d.resolve("nodata"),
                    command.getValue(),
                    2,
                    "MNIST data folder does not exist"));
            cases.add(new Case(
                    command.getKey(),
                    "a file, not a folder",
                    d -> Files.writeString(d.resolve("data"), "x"),
                    command.getValue(),
                    2,
                    "MNIST data folder is not a directory"));
            cases.add(new Case(
                    command.getKey(),
                    "empty folder",
                    d -> Files.createDirectory(d.resolve("data")),
                    command.getValue(),
                    2,
                    "MNIST file missing"));
            cases.add(new Case(
                    command.getKey(),
                    "test images truncated to 1 MB",
                    d -> mnist(
                            d,
                            "t10k-images-idx3-ubyte",
                            f -> HostileFiles.truncated(MnistImages.rawData().resolve(f.getFileName()), f, 1.0 / 7)),
                    command.getValue(),
                    2,
                    "t10k-images-idx3-ubyte: truncated (1,120,002 of its 7,840,016 bytes)"));
            cases.add(new Case(
                    command.getKey(),
                    "one test label changed",
                    d -> mnist(
                            d,
                            "t10k-labels-idx1-ubyte",
                            f -> HostileFiles.flipped(MnistImages.rawData().resolve(f.getFileName()), f, 0.5)),
                    command.getValue(),
                    2,
                    "t10k-labels-idx1-ubyte: MNIST file altered (MD5 "));
            cases.add(new Case(
                    command.getKey(),
                    "gzip bomb: test images .gz unpacks to 1 GB",
                    d -> mnist(d, "t10k-images-idx3-ubyte", f -> {
                        Files.delete(f);
                        HostileFiles.gzipBomb(f.resolveSibling(f.getFileName() + ".gz"), 1L << 30);
                    }),
                    command.getValue(),
                    2,
                    "MNIST archive unpacks to more than the 7840016 bytes of the original"));
            cases.add(new Case(
                    command.getKey(),
                    "a .gz that is not gzip",
                    d -> mnist(d, "t10k-labels-idx1-ubyte", f -> {
                        Files.delete(f);
                        Files.writeString(f.resolveSibling(f.getFileName() + ".gz"), "plain text");
                    }),
                    command.getValue(),
                    2,
                    "not a valid gzip archive"));
            cases.add(new Case(
                    command.getKey(),
                    "good data, path with spaces and non-ASCII",
                    d -> mnist(Files.createDirectories(d.resolve("données mnist")), "none", f -> {}),
                    command.getValue(),
                    0,
                    null));
        }

        // where train writes
        cases.add(new Case(
                "train --output FILE",
                "a folder",
                d -> Files.createDirectory(d.resolve("out.zip")),
                TRAIN_OUTPUT,
                2,
                "is a folder; --output must name a file"));
        cases.add(new Case(
                "train --output FILE",
                "inside a file, not a folder",
                d -> Files.writeString(d.resolve("file"), "x").resolve("out.zip"),
                TRAIN_OUTPUT,
                2,
                "cannot write checkpoints to folder"));

        // permissions: a process that may read any file (root with CAP_DAC_OVERRIDE) skips these; .ci/run runs
        // them again as root without that capability
        for (Map.Entry<String, Command> command : Map.of(
                        "info --model FILE", INFO_MODEL, "train --resume FILE --epochs 2", RESUME)
                .entrySet()) {
            cases.add(new Case(
                    command.getKey(),
                    "unreadable file (chmod 000)",
                    d -> unreadable(copyOfGood(d, "locked.zip")),
                    command.getValue(),
                    2,
                    "model file is not readable (permission denied)"));
        }
        cases.add(new Case(
                "eval --data-dir DIR",
                "test images unreadable (chmod 000)",
                d -> mnist(d, "t10k-images-idx3-ubyte", f -> {
                    Files.copy(
                            MnistImages.rawData().resolve("t10k-images-idx3-ubyte"),
                            f,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    unreadable(f);
                }),
                EVAL_DATA,
                2,
                "t10k-images-idx3-ubyte: cannot read MNIST file (permission denied)"));
        cases.add(new Case(
                "eval --model FILE",
                "unreadable file (chmod 000)",
                d -> unreadable(copyOfGood(d, "locked.zip")),
                EVAL_MODEL,
                2,
                "model file is not readable (permission denied)"));
        cases.add(new Case(
                "predict IMAGE",
                "unreadable file (chmod 000)",
                d -> unreadable(Files.copy(goodImage, d.resolve("locked.png"))),
                PREDICT_IMAGE,
                2,
                "locked.png: cannot read (permission denied)"));
        cases.add(new Case(
                "train --output FILE",
                "in a read-only folder (chmod 555)",
                d -> {
                    Path folder = Files.createDirectory(d.resolve("readonly"));
                    Files.setPosixFilePermissions(
                            folder, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
                    return folder.resolve("out.zip");
                },
                TRAIN_OUTPUT,
                2,
                "cannot write checkpoints to folder"));
        return cases;
    }
}
