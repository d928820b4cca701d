package lenet.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import lenet.inference.Classifier;
import lenet.model.Classes;
import lenet.preprocessing.DigitPreprocessor;
import lenet.preprocessing.ImageLoader;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A server has run a drawing through the whole answer before it listens, so a person's first drawing waits no more. */
class WarmUpTest {
    @Test
    void theClassifierHasAnsweredBeforeTheServerListens() throws Exception {
        AtomicInteger images = new AtomicInteger();
        Classifier counting = new Classifier() {
            @Override
            public INDArray probabilities(INDArray features) {
                images.addAndGet((int) features.size(0));
                return Nd4j.ones(features.size(0), 10).divi(10);
            }

            @Override
            public String runtime() {
                return "counting";
            }

            @Override
            public Classes classes() {
                return Classes.MNIST;
            }
        };

        try (DigitServer server =
                DigitServer.start(counting, Map.of("status", "ok"), ServeSettings.defaults("127.0.0.1", 0))) {
            assertThat(server.address()).isNotNull();
            assertThat(images).as("drawings classified before any request").hasValue(WarmUp.DRAWINGS);
        }
    }

    @Test
    void theWarmUpDrawingIsAOneOnThePadsWhitePaper() throws Exception {
        int[] grey =
                DigitPreprocessor.preprocess(ImageLoader.read(WarmUp.pad())).grey();

        // a vertical stroke, centred: ink in the middle column, none in the outer columns
        assertThat(grey[14 * 28 + 14]).isGreaterThan(200);
        for (int y = 0; y < 28; y++) {
            assertThat(grey[y * 28]).isZero();
            assertThat(grey[y * 28 + 27]).isZero();
        }
    }
}
