package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import lenet.export.ExportRun;
import lenet.inference.Classifier;
import lenet.inference.Classifiers;
import lenet.inference.Normalize;
import lenet.testing.OnnxGraphs;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * serve's check of an ONNX model's scaling before it listens: a model that takes grey 0–255 (lenet's graph behind a
 * Div by 255), given grey/255, draws a warning; given grey 0–255 ({@code --input-range 255}) it does not, nor does
 * the model without the Div, nor a lenet model.
 */
class WarmUpScalingTest {
    @TempDir
    Path dir;

    @Test
    void aModelOfGrey0To255GivenGrey01IsWarnedOfAndGoodModelsAreNot() throws Exception {
        Path plain = ExportRun.run(TestModel.path(), dir.resolve("plain.onnx")).output();
        Path grey = OnnxGraphs.takingGrey0To255(plain, dir.resolve("grey.onnx"));
        try (Classifier unscaled = Classifiers.load(grey, null)) {
            assertThat(WarmUp.scalingWarning(grey, unscaled))
                    .startsWith(grey + ": ")
                    .contains("try --input-range 255");
        }
        try (Classifier scaled = Classifiers.load(grey, Normalize.GREY_0_255)) {
            assertThat(WarmUp.scalingWarning(grey, scaled)).isNull();
        }
        try (Classifier good = Classifiers.load(plain, null)) {
            assertThat(WarmUp.scalingWarning(plain, good)).isNull();
        }
        try (Classifier lenet = Classifiers.load(TestModel.path(), null)) {
            assertThat(WarmUp.scalingWarning(TestModel.path(), lenet)).isNull();
        }
    }
}
