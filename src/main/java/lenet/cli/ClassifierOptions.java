package lenet.cli;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.inference.Normalize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --model} for eval, predict and serve, which also run ONNX models, and {@code --normalize} and
 * {@code --input-range} for those.
 */
final class ClassifierOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = {"-m", "--model"},
            paramLabel = "MODEL",
            defaultValue = "lenet.zip",
            description = "Model file: a lenet model (.zip) or an ONNX model (.onnx): any classifier from N×1×28×28 "
                    + "float (or N×28×28×1 as Keras writes it, or N×784) to one score per class (10 for digits), probabilities or logits (softmax is applied to logits), such as a LeNet-5 "
                    + "exported from PyTorch with torch.onnx.export, run on ONNX Runtime. A path, or the name of a "
                    + "file in the models folder; a file of that name in the current folder comes first (default: "
                    + "${DEFAULT-VALUE}: ./lenet.zip if it exists, else models/lenet.zip).")
    String model;

    @Option(
            names = "--normalize",
            paramLabel = "MEAN,STD",
            converter = NormalizeConverter.class,
            description = "For an ONNX model trained on transforms.Normalize((MEAN,), (STD,)) inputs, such as "
                    + "0.1307,0.3081: it gets (x − MEAN) / STD, where x is each pixel's grey/255 with ink = 1 and "
                    + "background = 0 (MNIST's polarity, what transforms.ToTensor() gives) (default: the scaling "
                    + "recorded in a file lenet exported, else 0,1: x as it is).")
    Normalize normalize;

    @Option(
            names = "--input-range",
            paramLabel = "MAX",
            defaultValue = "1",
            converter = InputRangeConverter.class,
            description = "For an ONNX model: the pixel value it takes for full ink, 1 or 255, background 0 (MNIST's "
                    + "polarity). 255 is for a model that takes grey 0–255, as the ONNX model zoo's MNIST models "
                    + "(mnist-8, mnist-12) do; it is --normalize 0,0.00392156862745098, so the two are not given "
                    + "together (for a model that takes (grey − MEAN) / STD of 0–255 pixels: --normalize "
                    + "MEAN/255,STD/255) (default: ${DEFAULT-VALUE}). When an ONNX model's first answers look "
                    + "degenerate (read as a blank page is, one class for images of several, or near-uniform "
                    + "probabilities), lenet warns on stderr in one line that it may expect other scaling.")
    int inputRange;

    Path path() {
        return Checkpoints.resolve(model);
    }

    /** {@code --normalize}, or {@code --input-range 255} as a normalisation, or null when neither is given. */
    Normalize normalize() {
        if (inputRange == 1) {
            return normalize;
        }
        if (normalize != null) {
            throw new ParameterException(
                    command.commandLine(),
                    "--input-range 255 and --normalize both say how pixels are scaled: give one (--input-range 255 is --normalize 0,0.00392156862745098)");
        }
        return Normalize.GREY_0_255;
    }

    static final class InputRangeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return switch (value.strip()) {
                case "1" -> 1;
                case "255" -> 255;
                default ->
                    throw new TypeConversionException("'" + value + "' is not 1 or 255 (the pixel value of "
                            + "full ink the model takes: 1 for grey/255, 255 for grey 0–255)");
            };
        }
    }

    static final class NormalizeConverter implements ITypeConverter<Normalize> {
        @Override
        public Normalize convert(String value) {
            Normalize parsed = Normalize.parse(value);
            if (parsed == null) {
                throw new TypeConversionException(
                        "'" + value + "' is not MEAN,STD (two numbers, STD above 0, such as 0.1307,0.3081)");
            }
            return parsed;
        }
    }
}
