package lenet.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import lenet.checkpoint.Checkpoints;
import lenet.cli.CliRun;
import lenet.data.MnistFiles;
import lenet.model.LeNet5;
import lenet.testing.HostileFiles;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Every command against broken and hostile inputs, one table row per case: the exit code is the documented one,
 * a failure is one line on stderr naming the input and the problem with nothing on stdout, and no file that
 * existed before the run is changed. The rows, with what lenet printed, are written to
 * {@code target/reliability-cases.md} for {@code src/site/markdown/reliability.md}.
 */
class HostileInputTest {
    @TempDir
    static Path shared;

    static Path goodModel;
    static Path goodImage;
    private static final Map<String, String> RESULTS = new TreeMap<>();

    @TempDir
    Path dir;

    /** Makes the input of one case in its own folder. */
    @FunctionalInterface
    interface Fixture {
        Path make(Path dir) throws Exception;
    }

    /** The command line of one case, given its input and folder. */
    @FunctionalInterface
    interface Command {
        String[] args(Path input, Path dir);
    }

    record Case(String command, String input, Fixture fixture, Command args, int exit, String fragment) {
        @Override
        public String toString() {
            return command + " | " + input;
        }
    }

    @BeforeAll
    static void goodFiles() throws IOException {
        MnistFiles.prepare(MnistImages.SHIPPED_DATA); // unpacks the shipped archives in a fresh clone
        goodModel = TestModel.untrained(shared.resolve("good.zip"));
        goodImage = shared.resolve("seven.png");
        MnistImages.write(MnistImages.blackOnWhite(0, 120, 200, 200, 40, 40), "png", goodImage);
    }

    // ---- the commands an input is given to ----

    static final Command EVAL_MODEL = (in, dir) -> new String[] {"eval", "--model", in.toString()};
    static final Command PREDICT_MODEL =
            (in, dir) -> new String[] {"predict", "--model", in.toString(), goodImage.toString()};
    static final Command INFO_MODEL = (in, dir) -> new String[] {"info", "--model", in.toString()};
    static final Command RESUME = (in, dir) -> new String[] {"train", "--resume", in.toString(), "--epochs", "2"};
    static final Command PREDICT_IMAGE =
            (in, dir) -> new String[] {"predict", "--model", goodModel.toString(), in.toString()};
    static final Command TRAIN_DATA = (in, dir) -> new String[] {
        "train",
        "--data-dir",
        in.toString(),
        "--limit",
        "300",
        "--val-size",
        "100",
        "--epochs",
        "1",
        "--output",
        dir.resolve("out.zip").toString()
    };
    static final Command EVAL_DATA =
            (in, dir) -> new String[] {"eval", "--model", goodModel.toString(), "--data-dir", in.toString()};
    static final Command TRAIN_OUTPUT = (in, dir) ->
            new String[] {"train", "--limit", "300", "--val-size", "100", "--epochs", "1", "--output", in.toString()};

    static final Map<String, Command> MODEL_COMMANDS = new LinkedHashMap<>();

    static {
        MODEL_COMMANDS.put("eval --model FILE", EVAL_MODEL);
        MODEL_COMMANDS.put("predict --model FILE digit.png", PREDICT_MODEL);
        MODEL_COMMANDS.put("info --model FILE", INFO_MODEL);
        MODEL_COMMANDS.put("train --resume FILE --epochs 2", RESUME);
    }

    // ---- the inputs ----

    static Path copyOfGood(Path dir, String name) throws IOException {
        return Files.copy(goodModel, dir.resolve(name));
    }

    static Path metadataChanged(Path dir, String name, java.util.function.UnaryOperator<String> change)
            throws IOException {
        byte[] json = HostileFiles.entries(goodModel).get(Checkpoints.METADATA_ENTRY);
        String changed = change.apply(new String(json, StandardCharsets.UTF_8));
        return HostileFiles.withEntry(
                goodModel, dir.resolve(name), Checkpoints.METADATA_ENTRY, changed.getBytes(StandardCharsets.UTF_8));
    }

    static Map<String, Object[]> checkpointInputs() {
        Map<String, Object[]> inputs = new LinkedHashMap<>();
        inputs.put("missing file", new Object[] {(Fixture) d -> d.resolve("none.zip"), 2, "model file not found"});
        inputs.put("a folder", new Object[] {
            (Fixture) d -> Files.createDirectory(d.resolve("folder.zip")), 2, "model is not a regular file"
        });
        inputs.put("empty file", new Object[] {
            (Fixture) d -> Files.createFile(d.resolve("empty.zip")), 2, "not a lenet checkpoint (not a zip file)"
        });
        inputs.put("truncated to half", new Object[] {
            (Fixture) d -> HostileFiles.truncated(goodModel, d.resolve("half.zip"), 0.5),
            2,
            "lenet checkpoint is damaged or truncated"
        });
        inputs.put("one byte flipped in the weights", new Object[] {
            (Fixture) d -> HostileFiles.flipped(goodModel, d.resolve("flipped.zip"), 0.3),
            2,
            "lenet checkpoint is damaged"
        });
        inputs.put("a zip of other files", new Object[] {
            (Fixture) d -> HostileFiles.zip(
                    d.resolve("photos.zip"), Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8))),
            2,
            "not a lenet checkpoint (a zip without a model in it)"
        });
        inputs.put("a DL4J model without lenet metadata", new Object[] {
            (Fixture) d -> {
                Path file = d.resolve("dl4j.zip");
                MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(1, 0.001, 0.7));
                network.init();
                ModelSerializer.writeModel(network, file.toFile(), true);
                return file;
            },
            2,
            "not a lenet checkpoint (a DL4J model without lenet metadata)"
        });
        inputs.put("another network under LeNet-5 metadata", new Object[] {
            (Fixture) d -> {
                MultiLayerNetwork other = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                        .list()
                        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(784)
                                .nOut(3)
                                .activation(Activation.SOFTMAX)
                                .build())
                        .build());
                other.init();
                Path file = d.resolve("other.zip");
                Checkpoints.save(other, Checkpoints.readMetadata(goodModel), file);
                return file;
            },
            2,
            "network has the wrong shape for LeNet-5 (2355 parameters"
        });
        inputs.put("metadata of another architecture", new Object[] {
            (Fixture) d -> metadataChanged(d, "resnet.zip", json -> json.replace("\"LeNet-5\"", "\"ResNet-18\"")),
            2,
            "checkpoint is for ResNet-18"
        });
        inputs.put("metadata that is not JSON", new Object[] {
            (Fixture) d -> metadataChanged(d, "garbled.zip", json -> json.substring(0, json.length() / 2)),
            2,
            "not a lenet checkpoint (unreadable lenet.json)"
        });
        // nesting that a recursive JSON reader would follow until its stack overflows
        inputs.put("lenet.json nested 200,000 deep", new Object[] {
            (Fixture) d -> HostileFiles.withEntry(
                    goodModel,
                    d.resolve("deep.zip"),
                    Checkpoints.METADATA_ENTRY,
                    ("{\"format\":" + "[".repeat(200_000)).getBytes(StandardCharsets.UTF_8)),
            2,
            "not a lenet checkpoint (unreadable lenet.json)"
        });
        inputs.put("configuration.json opening 200,000 arrays", new Object[] {
            (Fixture) d -> HostileFiles.withEntry(
                    goodModel,
                    d.resolve("deep.zip"),
                    "configuration.json",
                    ("{\"confs\":" + "[".repeat(200_000)).getBytes(StandardCharsets.UTF_8)),
            2,
            "lenet checkpoint is damaged, the network cannot be restored"
        });
        inputs.put("configuration.json nested 100,000 objects deep", new Object[] {
            (Fixture) d -> HostileFiles.withEntry(
                    goodModel,
                    d.resolve("deep.zip"),
                    "configuration.json",
                    ("{\"confs\":[{\"layer\":" + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "}]}")
                            .getBytes(StandardCharsets.UTF_8)),
            2,
            "lenet checkpoint is damaged, the network cannot be restored"
        });
        inputs.put("a newer checkpoint format", new Object[] {
            (Fixture) d -> metadataChanged(
                    d, "future.zip", json -> json.replaceFirst("\"format_version\" : \\d+", "\"format_version\" : 99")),
            2,
            "checkpoint format 99 is newer than this lenet reads"
        });
        inputs.put("zip bomb: configuration.json unpacks to 1 GB", new Object[] {
            (Fixture) d -> HostileFiles.zipBomb(goodModel, d.resolve("bomb.zip"), "configuration.json", 1L << 30),
            2,
            "unpacks to more than the 64 MB a checkpoint may hold"
        });
        inputs.put("zip of 10,000 entries", new Object[] {
            (Fixture) d -> HostileFiles.manyEntries(d.resolve("many.zip"), 10_000),
            2,
            "not a lenet checkpoint (10000 entries"
        });
        inputs.put("a checkpoint nested 20 zips deep", new Object[] {
            (Fixture) d -> HostileFiles.nested(goodModel, d.resolve("nested.zip"), 20),
            2,
            "not a lenet checkpoint (a zip without a model in it)"
        });
        // zips with correct checksums whose weights lie about their own layout (one crashed the JVM in ND4J)
        inputs.put("weights declaring a 2⁶²-value shape buffer", new Object[] {
            (Fixture) d -> HostileFiles.withLong(
                    goodModel,
                    d.resolve("shape-buffer.zip"),
                    "coefficients.bin",
                    HostileFiles.ArrayOffsets.SHAPE_LENGTH,
                    1L << 62),
            2,
            "lenet checkpoint is damaged (entry 'coefficients.bin': shape buffer declares"
        });
        inputs.put("weights whose shape says 2⁴⁰ values", new Object[] {
            (Fixture) d -> HostileFiles.withLong(
                    goodModel,
                    d.resolve("shape.zip"),
                    "coefficients.bin",
                    HostileFiles.ArrayOffsets.SHAPE_VALUES + 8,
                    1L << 40),
            2,
            "(entry 'coefficients.bin': shape holds 1099511627776 values, data 61706)"
        });
        inputs.put("weights with a stride past their end", new Object[] {
            (Fixture) d -> HostileFiles.withLong(
                    goodModel,
                    d.resolve("stride.zip"),
                    "coefficients.bin",
                    HostileFiles.ArrayOffsets.SHAPE_VALUES + 16,
                    1L << 40),
            2,
            "(entry 'coefficients.bin': stride 1099511627776 where a packed array has 1)"
        });
        inputs.put("weights declaring 2⁴⁰ values of data", new Object[] {
            (Fixture) d -> {
                byte[] weights = HostileFiles.entries(goodModel).get("coefficients.bin");
                return HostileFiles.withLong(
                        goodModel,
                        d.resolve("data.zip"),
                        "coefficients.bin",
                        HostileFiles.ArrayOffsets.dataLength(weights),
                        1L << 40);
            },
            2,
            "(entry 'coefficients.bin': data buffer declares 1099511627776 values of FLOAT"
        });
        inputs.put("optimizer state cut short", new Object[] {
            (Fixture) d -> {
                byte[] state = HostileFiles.entries(goodModel).get("updaterState.bin");
                return HostileFiles.withEntry(
                        goodModel,
                        d.resolve("state.zip"),
                        "updaterState.bin",
                        java.util.Arrays.copyOf(state, state.length / 2));
            },
            2,
            "(entry 'updaterState.bin': data buffer declares"
        });
        inputs.put("network configuration that is not DL4J's", new Object[] {
            (Fixture) d -> HostileFiles.withEntry(
                    goodModel,
                    d.resolve("config.zip"),
                    "configuration.json",
                    "{\"confs\": [ {\"layer\": 1".getBytes(StandardCharsets.UTF_8)),
            2,
            "lenet checkpoint is damaged, the network cannot be restored"
        });
        inputs.put("a PNG named .zip", new Object[] {
            (Fixture) d -> Files.copy(goodImage, d.resolve("image.zip")), 2, "not a lenet checkpoint (not a zip file)"
        });
        return inputs;
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        checkpointInputs()
                .forEach((input, spec) -> MODEL_COMMANDS.forEach((command, args) ->
                        cases.add(new Case(command, input, (Fixture) spec[0], args, (int) spec[1], (String) spec[2]))));
        // paths with spaces and non-ASCII names work; a checkpoint without training state cannot be resumed
        Fixture spaced = d -> copyOfGood(Files.createDirectories(d.resolve("my models")), "modèle ü 7.zip");
        cases.add(new Case(
                "eval --model FILE", "good model, path with spaces and non-ASCII", spaced, EVAL_MODEL, 0, null));
        cases.add(new Case(
                "predict --model FILE digit.png",
                "good model, path with spaces and non-ASCII",
                spaced,
                PREDICT_MODEL,
                0,
                null));
        cases.add(new Case(
                "info --model FILE", "good model, path with spaces and non-ASCII", spaced, INFO_MODEL, 0, null));
        cases.add(new Case(
                "train --resume FILE --epochs 2",
                "a checkpoint without training state (older lenet)",
                spaced,
                RESUME,
                2,
                "cannot resume: the checkpoint has no training state"));
        cases.add(new Case(
                "eval --model FILE",
                "missing file, path with spaces and non-ASCII",
                d -> d.resolve("mes modèles").resolve("numéro 7.zip"),
                EVAL_MODEL,
                2,
                "model file not found"));

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
                            f -> HostileFiles.truncated(MnistImages.SHIPPED_DATA.resolve(f.getFileName()), f, 1.0 / 7)),
                    command.getValue(),
                    2,
                    "t10k-images-idx3-ubyte: MNIST file truncated"));
            cases.add(new Case(
                    command.getKey(),
                    "one test label changed",
                    d -> mnist(
                            d,
                            "t10k-labels-idx1-ubyte",
                            f -> HostileFiles.flipped(MnistImages.SHIPPED_DATA.resolve(f.getFileName()), f, 0.5)),
                    command.getValue(),
                    2,
                    "t10k-labels-idx1-ubyte: MNIST file altered"));
            cases.add(new Case(
                    command.getKey(),
                    "gzip bomb: test images .gz unpacks to 1 GB",
                    d -> mnist(d, "t10k-images-idx3-ubyte", f -> {
                        Files.delete(f);
                        HostileFiles.gzipBomb(f.resolveSibling(f.getFileName() + ".gz"), 1L << 30);
                    }),
                    command.getValue(),
                    2,
                    "MNIST archive unpacks to more than the 7840016 bytes"));
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
                            MnistImages.SHIPPED_DATA.resolve("t10k-images-idx3-ubyte"),
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

    /** A copy of the shipped MNIST folder (links to the raw files) in which {@code name} is changed. */
    interface Change {
        void apply(Path file) throws Exception;
    }

    static Path mnist(Path dir, String name, Change change) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (MnistFiles.File file : MnistFiles.File.values()) {
            Path link = data.resolve(file.fileName);
            Files.createSymbolicLink(
                    link, MnistImages.SHIPPED_DATA.resolve(file.fileName).toAbsolutePath());
            if (file.fileName.equals(name)) {
                Files.delete(link);
                Files.createFile(link);
                change.apply(link);
            }
        }
        return data;
    }

    static Path unreadable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("---------"));
        return file;
    }

    /**
     * Whether file permissions hold for this process: false for root with CAP_DAC_OVERRIDE, which reads and writes
     * anything. Found by trying, not by the user's name.
     */
    static boolean permissionsApply() throws IOException {
        Path probe = Files.createTempFile("lenet-permissions", ".probe");
        try {
            unreadable(probe);
            try (var in = Files.newInputStream(probe)) {
                return false;
            } catch (java.nio.file.AccessDeniedException e) {
                return true;
            }
        } finally {
            Files.delete(probe);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyBadInputGetsOneLineTheDocumentedExitCodeAndChangesNothing(Case c) throws Exception {
        Assumptions.assumeTrue(
                !c.input().contains("chmod") || permissionsApply(),
                "this process may read and write any file (root with CAP_DAC_OVERRIDE); .ci/run runs the permission "
                        + "cases again without it");
        Path input = c.fixture().make(dir);
        Map<String, String> before = snapshot(dir);

        CliRun run = CliRun.of(c.args().args(input, dir));

        RESULTS.put(
                c.command() + " | " + c.input(),
                c.command() + " | " + c.input() + " | " + run.exitCode() + " | "
                        + (run.exitCode() == 0
                                ? "works"
                                : "`" + run.err().strip().replace(dir + "/", "") + "`"));
        assertThat(run.exitCode()).as(run.err()).isEqualTo(c.exit());
        if (c.exit() != 0) {
            assertThat(run.errLines())
                    .as("stderr")
                    .singleElement()
                    .asString()
                    .startsWith("lenet")
                    .contains(input.getFileName().toString())
                    .contains(c.fragment());
            assertThat(run.out()).as("stdout").isEmpty();
            assertThat(snapshot(dir)).as("files after the run").isEqualTo(before);
        } else {
            Map<String, String> after = snapshot(dir);
            before.forEach((file, hash) -> assertThat(after).containsEntry(file, hash));
        }
    }

    /** Every file below {@code dir} (links not followed) with a hash of its content. */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    files.put(key, "link to " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    files.put(key + "/", "folder");
                } else if (Files.isReadable(p)) {
                    files.put(
                            key,
                            HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } else {
                    files.put(key, "unreadable, " + Files.size(p) + " bytes");
                }
            }
        }
        return files;
    }

    @AfterAll
    static void writeTable() throws IOException {
        Path table = Path.of("target", "reliability-cases.md");
        Files.createDirectories(table.getParent());
        List<String> lines =
                new ArrayList<>(List.of("| command | input | exit | what lenet says |", "| --- | --- | ---: | --- |"));
        RESULTS.values().forEach(row -> lines.add("| " + row + " |"));
        Files.write(table, lines);
    }
}
