package lenet.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * ONNX Runtime at its best from Java, for the benchmark: one session on the file as {@code lenet export} wrote it,
 * {@code threads} intra-op threads, the images handed over as the float arrays they already are, and nothing of
 * lenet's around it (no INDArray, no normalisation, no checks).
 */
final class OrtRun implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;

    OrtRun(Path model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            session = env.createSession(model.toString(), options);
        }
        input = session.getInputNames().iterator().next();
    }

    /** The probabilities of {@code n} images, {@code images} n × 784 from {@code offset}, as n × 10 rows. */
    float[][] run(float[] images, int offset, int n) throws OrtException {
        FloatBuffer pixels = FloatBuffer.wrap(images, offset, n * 784).slice();
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, pixels, new long[] {n, 1, 28, 28});
                OrtSession.Result result = session.run(Map.of(input, tensor))) {
            return (float[][]) result.get(0).getValue();
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
