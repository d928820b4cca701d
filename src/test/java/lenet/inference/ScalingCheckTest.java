package lenet.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import lenet.model.Classes;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The signs {@link ScalingCheck} reads in a model's first answers, on a stub ONNX model that reads a blank page as 1
 * with 60%: what warns, and what must not (a folder of sevens, a good model's confident ones).
 */
class ScalingCheckTest {
    static final Path MODEL = Path.of("zoo.onnx");
    static final float[] BLANK = {.04f, .6f, .04f, .04f, .04f, .08f, .04f, .04f, .04f, .04f};

    @Test
    void imagesReadAsABlankPageIsWarnOfEvenOne() {
        assertThat(warning(new int[] {1}, new double[] {0.62}, null))
                .isEqualTo("zoo.onnx: the image read as 1, as a blank page is (60%); the model may expect its pixels "
                        + "scaled otherwise: try --input-range 255 or --normalize MEAN,STD");
        assertThat(warning(new int[] {1, 1, 1}, new double[] {0.58, 0.6, 0.63}, null))
                .startsWith("zoo.onnx: all 3 images read as 1, as a blank page is (60%); ");
    }

    @Test
    void confidentOnesAndAFolderOfSevensAreNoSign() {
        assertThat(warning(new int[] {1, 1, 1}, new double[] {0.99, 0.97, 0.6}, null))
                .isNull();
        int[] sevens = new int[20];
        double[] sure = new double[20];
        java.util.Arrays.fill(sevens, 7);
        java.util.Arrays.fill(sure, 0.999);
        assertThat(warning(sevens, sure, null)).isNull();
    }

    @Test
    void oneClassForImagesTheLabelsSayDifferWarnsFromEightImages() {
        int[] fives = {5, 5, 5, 5, 5, 5, 5, 5};
        double[] sure = {.9, .9, .9, .9, .9, .9, .9, .9};
        assertThat(warning(fives, sure, new int[] {7, 2, 1, 0, 4, 1, 4, 9}))
                .startsWith("zoo.onnx: all of the first 8 images read as 5, though they are of 6 classes; ");
        assertThat(warning(fives, sure, new int[] {5, 5, 5, 5, 5, 5, 5, 5})).isNull();
        assertThat(warning(java.util.Arrays.copyOf(fives, 7), java.util.Arrays.copyOf(sure, 7), new int[] {
                    7, 2, 1, 0, 4, 1, 4
                }))
                .isNull();
    }

    @Test
    void nearUniformAnswersWarn() {
        assertThat(warning(new int[] {3, 8}, new double[] {0.15, 0.19}, null))
                .startsWith("zoo.onnx: its answers are near uniform (mean top probability 0.17 over 10 classes); ");
        assertThat(warning(new int[] {3, 8}, new double[] {0.15, 0.35}, null)).isNull();
    }

    @Test
    void aLenetModelIsNotChecked() {
        assertThat(ScalingCheck.warning(MODEL, stub("lenet-onednn"), new int[] {3, 8}, new double[] {0.1, 0.1}, null))
                .isNull();
    }

    private static String warning(int[] predicted, double[] top, int[] labels) {
        return ScalingCheck.warning(MODEL, stub(Classifiers.ONNX_RUNTIME), predicted, top, labels);
    }

    private static Classifier stub(String runtime) {
        return new Classifier() {
            @Override
            public INDArray probabilities(INDArray features) {
                assertThat(features.sumNumber().doubleValue())
                        .as("a blank page")
                        .isZero();
                return Nd4j.create(new float[][] {BLANK});
            }

            @Override
            public Classes classes() {
                return Classes.MNIST;
            }

            @Override
            public String runtime() {
                return runtime;
            }
        };
    }
}
