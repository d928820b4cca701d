package lenet.export;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lenet.checkpoint.CheckpointMetadata;
import lenet.checkpoint.Checkpoints;
import lenet.core.AtomicFiles;
import lenet.core.FileNames;
import lenet.core.Json;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.Versions;
import lenet.model.InputScaling;

/** {@code lenet export}: a lenet checkpoint written as an ONNX model, atomically. */
public final class ExportRun {
    /** The {@code metadata_props} keys lenet writes, and reads back when such a file is its {@code --model}. */
    public static final String KEY_INPUT_SCALING = "lenet.input_scaling";
    /** {@code MEAN,STD}: the input is (grey/255 − MEAN) / STD with ink = 1; lenet's own models use {@code 0,1}. */
    public static final String KEY_NORMALIZE = "lenet.normalize";

    public static final String KEY_POLARITY = "lenet.polarity";
    public static final String KEY_VERSION = "lenet.version";
    public static final String KEY_TRAINING = "lenet.training_options";
    public static final String KEY_TEST_ACCURACY = "lenet.test_accuracy";
    public static final String KEY_EPOCHS = "lenet.epochs";
    /** The dataset's name ({@code mnist}, {@code fashion-mnist}, {@code images:NAME}). */
    public static final String KEY_DATASET = "lenet.dataset";
    /** The class names in output order, as a JSON array of strings. */
    public static final String KEY_CLASSES = "lenet.classes";
    /** How a picture is framed for the model: {@code DIGIT}, {@code CHARACTER} or {@code FILL}. */
    public static final String KEY_FRAMING = "lenet.framing";

    /** The file written, its size, and the test accuracy it records (null when the checkpoint has none). */
    public record Result(Path output, long bytes, Double testAccuracy) {}

    private ExportRun() {}

    /** Where a model goes without {@code --output}: beside it, {@code NAME.onnx} for {@code NAME.zip}. */
    public static Path defaultOutput(Path model) {
        return FileNames.beside(model, FileNames.ONNX);
    }

    public static Result run(Path model, Path output) {
        Checkpoints.Loaded loaded = Checkpoints.load(model, false);
        Path target = output != null ? output : defaultOutput(model);
        if (target.toAbsolutePath().normalize().equals(model.toAbsolutePath().normalize())) {
            throw LenetException.badInput(LenetHome.display(target) + ": --output would overwrite the model itself");
        }
        byte[] bytes = OnnxGraph.of(
                        loaded.network(), loaded.metadata().classes(), Versions.lenet(), metadata(loaded.metadata()))
                .toByteArray();
        AtomicFiles.writeOrFail(target, "ONNX model", out -> out.write(bytes));
        return new Result(target, bytes.length, loaded.metadata().testAccuracy());
    }

    static Map<String, String> metadata(CheckpointMetadata m) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(KEY_INPUT_SCALING, InputScaling.DESCRIPTION);
        props.put(KEY_NORMALIZE, "0,1");
        props.put(KEY_POLARITY, "ink=1 background=0");
        props.put(KEY_VERSION, Versions.lenet());
        props.put(KEY_EPOCHS, Integer.toString(m.epochs()));
        props.put(KEY_DATASET, m.classes().dataset());
        props.put(KEY_FRAMING, m.classes().framing().name());
        try {
            props.put(KEY_CLASSES, Json.MAPPER.writeValueAsString(m.classes().names()));
            props.put(KEY_TRAINING, Json.MAPPER.writeValueAsString(m.hyperParameters()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (m.testAccuracy() != null) {
            props.put(KEY_TEST_ACCURACY, String.format(Locale.ROOT, "%.4f", m.testAccuracy()));
        }
        return props;
    }
}
