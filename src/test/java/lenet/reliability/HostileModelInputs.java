package lenet.reliability;

import static lenet.reliability.HostileInputs.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lenet.checkpoint.Checkpoints;
import lenet.model.LeNet5;
import lenet.testing.HostileFiles;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Broken and hostile model files, each given to eval, predict, info and train --resume; and good models at odd paths. */
final class HostileModelInputs {
    private HostileModelInputs() {}

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
            "network has the wrong shape for LeNet-5 of 10 classes (2355 parameters"
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
        return cases;
    }
}
