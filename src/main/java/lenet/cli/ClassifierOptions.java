package lenet.cli;

import java.nio.file.Path;
import lenet.checkpoint.Checkpoints;
import lenet.inference.Normalize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --model} for eval, predict and serve, which also run ONNX models, and {@code --normalize} for those. */
final class ClassifierOptions {
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

    Path path() {
        return Checkpoints.resolve(model);
    }

    Normalize normalize() {
        return normalize;
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
