package lenet.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.core.Threads;
import lenet.model.Classes;
import lenet.model.InputScaling;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ONNX classifier run by ONNX Runtime: the graph checked by {@link OnnxModelFile}, inputs normalised as the model
 * was trained, and its output turned into probabilities (softmax on logits, exp on log-probabilities).
 */
final class OnnxClassifier implements Classifier {
    private final OnnxModelFile file;
    private final OrtEnvironment env;
    private final OrtSession session;

    private OnnxClassifier(OnnxModelFile file, OrtEnvironment env, OrtSession session) {
        this.file = file;
        this.env = env;
        this.session = session;
    }

    /** @param normalize {@code --normalize}, or null for the file's own scaling or none */
    static OnnxClassifier load(Path path, Normalize normalize) {
        OnnxModelFile file = OnnxModelFile.read(path, normalize);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(Threads.nd4j()); // --threads
            options.setInterOpNumThreads(1);
            return new OnnxClassifier(file, env, env.createSession(file.bytes(), options));
        } catch (OrtException e) {
            throw LenetException.badInput(
                    LenetHome.display(path) + ": ONNX Runtime cannot run this model (" + firstLine(e) + ")", e);
        }
    }

    @Override
    public INDArray probabilities(INDArray features) {
        int n = (int) features.rows();
        float[] input = features.reshape(n, InputScaling.PIXELS).dup('c').data().asFloat();
        double mean = file.normalize().mean();
        double std = file.normalize().std();
        if (mean != 0 || std != 1) {
            for (int i = 0; i < input.length; i++) {
                input[i] = (float) ((input[i] - mean) / std);
            }
        }
        int batch = file.fixedBatch() > 0 ? file.fixedBatch() : n;
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += batch) {
            int count = Math.min(batch, n - from);
            float[] chunk = input;
            if (batch != n) { // a fixed batch: this part of the images, padded with blank ones
                chunk = new float[batch * InputScaling.PIXELS];
                System.arraycopy(input, from * InputScaling.PIXELS, chunk, 0, count * InputScaling.PIXELS);
            }
            float[][] rows = run(chunk, batch);
            for (int i = 0; i < count; i++) {
                out[from + i] = file.output().toProbabilities(rows[i]);
            }
        }
        return Nd4j.create(out);
    }

    private float[][] run(float[] images, int batch) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(
                        env, FloatBuffer.wrap(images), file.layout().shape(batch));
                OrtSession.Result result = session.run(Map.of(file.inputName(), tensor))) {
            Object value = result.get(0).getValue();
            int classes = file.classes().size();
            if (!(value instanceof float[][] rows) || rows.length != batch || rows[0].length != classes) {
                throw LenetException.badInput(LenetHome.display(file.path()) + ": the model's output is not " + batch
                        + " × " + classes + " floats");
            }
            return rows;
        } catch (OrtException e) {
            throw LenetException.badInput(
                    LenetHome.display(file.path()) + ": ONNX Runtime failed on this model (" + firstLine(e) + ")", e);
        }
    }

    @Override
    public String runtime() {
        return Classifiers.ONNX_RUNTIME;
    }

    @Override
    public Classes classes() {
        return file.classes();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            // nothing is lost: the process is done with the model
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
