package lenet.prediction;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.model.Classes;
import lenet.pictures.FeatureMapPicture;
import lenet.pictures.Png;
import lenet.preprocessing.DigitReader;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code lenet inspect}: what the two convolution layers make of one image, as a PNG of their feature maps. */
public final class Inspection {
    /** Layer indices in {@link lenet.model.LeNet5}: conv1 is layer 0, conv2 layer 2. */
    static final int CONV1 = 0;

    static final int CONV2 = 2;

    /** The prediction, the maps drawn, and where the picture went. */
    public record Result(
            Predictor.Prediction prediction,
            FeatureMapPicture.Layer conv1,
            FeatureMapPicture.Layer conv2,
            Path picture,
            int width,
            int height) {}

    private Inspection() {}

    public static Result run(Path model, Path image, Path output) {
        Checkpoints.Loaded loaded = Checkpoints.load(model, false);
        MultiLayerNetwork network = loaded.network();
        Classes classes = loaded.metadata().classes();
        DigitReader.Reading reading = DigitReader.read(image, classes.framing());
        if (!reading.ok()) {
            throw LenetException.badInput(LenetHome.display(image) + ": " + reading.error());
        }
        float[] input = reading.digit().input();
        // activations: [0] the input, [i + 1] the output of layer i
        List<INDArray> activations = network.feedForward(Nd4j.create(new float[][] {input}), false);
        Predictor.Prediction prediction =
                Predictor.rank(activations.get(activations.size() - 1).getRow(0).toDoubleVector(), classes);
        FeatureMapPicture.Layer conv1 = layer(
                activations.get(CONV1 + 1),
                "conv1: 6 feature maps of 28×28 (5×5 " + "filters on the input, after ReLU)");
        FeatureMapPicture.Layer conv2 = layer(
                activations.get(CONV2 + 1),
                "conv2: 16 feature maps of 10×10 (5×5 " + "filters on conv1's pooled maps, after ReLU)");
        String title = String.format(
                Locale.ROOT,
                "%s: predicted %s (%.1f%%)",
                image.getFileName(),
                prediction.name(),
                prediction.probability() * 100);
        BufferedImage picture = FeatureMapPicture.draw(title, input, conv1, conv2);
        Png.write(picture, output);
        return new Result(prediction, conv1, conv2, output, picture.getWidth(), picture.getHeight());
    }

    /** A convolution layer's activations [1, channels, h, w] as one array per channel. */
    private static FeatureMapPicture.Layer layer(INDArray activation, String heading) {
        long[] shape = activation.shape();
        int channels = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[][] maps = new float[channels][];
        for (int c = 0; c < channels; c++) {
            maps[c] = activation
                    .get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(c))
                    .dup('c')
                    .data()
                    .asFloat();
        }
        if (h * w != maps[0].length) {
            throw new IllegalStateException("unexpected activation shape " + java.util.Arrays.toString(shape));
        }
        return new FeatureMapPicture.Layer(heading, maps, h, w);
    }
}
