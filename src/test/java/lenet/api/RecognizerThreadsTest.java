package lenet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lenet.export.ExportRun;
import lenet.testing.MnistImages;
import lenet.testing.TestModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One recognizer used by several threads at once answers as it answers one call after another. */
@Tag("cpu-sensitive")
class RecognizerThreadsTest {
    static final int THREADS = 6;
    static final int IMAGES = 40;

    @TempDir
    Path dir;

    @Test
    void aLenetModelFromSeveralThreadsAnswersAsSequentially() throws Exception {
        try (Recognizer recognizer = Recognizer.open(TestModel.path())) {
            assertConcurrentEqualsSequential(recognizer);
        }
    }

    @Test
    void anOnnxModelFromSeveralThreadsAnswersAsSequentially() throws Exception {
        Path onnx = ExportRun.run(TestModel.path(), dir.resolve("model.onnx")).output();
        try (Recognizer recognizer = Recognizer.open(onnx)) {
            assertConcurrentEqualsSequential(recognizer);
        }
    }

    private static void assertConcurrentEqualsSequential(Recognizer recognizer) throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            images.add(MnistImages.png28(i));
        }
        images.add(Files.readAllBytes(Path.of("src/site/resources/digits/seven-photo.jpg")));
        List<double[]> sequential = new ArrayList<>();
        for (byte[] image : images) {
            sequential.add(recognizer.recognize(image).probabilities());
        }
        List<Recognition> batch = recognizer.recognizeEncoded(images);
        int agree = 0;
        for (int i = 0; i < images.size(); i++) {
            agree += batch.get(i).index() == MnistImages.label(Math.min(i, IMAGES - 1)) ? 1 : 0;
        }
        assertThat(agree).as("MNIST's labels read right").isGreaterThanOrEqualTo(IMAGES - 3);

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<double[]>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    List<double[]> seen = new ArrayList<>();
                    for (int i = 0; i < images.size(); i++) {
                        int k = (i + offset * 7) % images.size(); // each thread in its own order
                        seen.add(recognizer.recognize(images.get(k)).probabilities());
                    }
                    // back in image order
                    List<double[]> ordered = new ArrayList<>(seen);
                    for (int i = 0; i < images.size(); i++) {
                        ordered.set((i + offset * 7) % images.size(), seen.get(i));
                    }
                    return ordered;
                }));
            }
            start.countDown();
            for (Future<List<double[]>> result : results) {
                List<double[]> got = result.get();
                for (int i = 0; i < images.size(); i++) {
                    assertThat(got.get(i)).as("image " + i).containsExactly(sequential.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
