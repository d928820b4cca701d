package lenet.onednn;

import java.nio.FloatBuffer;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * DL4J's Adam step for a whole network, as one pass over its parameters in Java: what {@code fit} does after the
 * gradients (divide them by the batch, ND4J's {@code adam_updater} op, subtract the update from the parameters), with
 * the same float arithmetic in the same order, so the parameters and Adam's state come out bit for bit as DL4J's
 * (AdamStepTest holds them to it). DL4J takes three ND4J ops for it, each waking OpenMP's threads, and its updater's
 * bookkeeping around them: about 0.9 ms of a 6.5 ms training step at batch 128, where this takes 0.1 ms
 * (src/site/markdown/performance.md).
 *
 * <p>It applies to a network whose parameters are all in one Adam updater block, without regularisation or gradient
 * normalisation ({@link #of} answers null for any other); the state stays in DL4J's updater array (its first half
 * Adam's m, its second half v), so checkpoints, resuming and DL4J's own {@code fit} go on from it unchanged.
 */
final class AdamStep {
    private final Adam config;
    private final float[] params;
    private final float[] gradients;
    private final float[] m;
    private final float[] v;

    AdamStep(Adam config, int n) {
        this.config = config;
        this.params = new float[n];
        this.gradients = new float[n];
        this.m = new float[n];
        this.v = new float[n];
    }

    /** The step for {@code network}, or null if its updater is not one plain Adam block over all its parameters. */
    static AdamStep of(MultiLayerNetwork network) {
        INDArray params = network.params();
        Updater updater = network.getUpdater();
        if (params == null || params.dataType() != DataType.FLOAT || !(updater instanceof BaseMultiLayerUpdater<?> u)) {
            return null;
        }
        List<UpdaterBlock> blocks = u.getUpdaterBlocks();
        if (blocks.size() != 1 || !network.conf().isMiniBatch()) {
            return null;
        }
        UpdaterBlock block = blocks.get(0);
        block.init();
        long n = params.length();
        INDArray state = u.getStateViewArray();
        if (!(block.getGradientUpdater() instanceof AdamUpdater adam)
                || block.getParamOffsetStart() != 0
                || block.getParamOffsetEnd() != n
                || state == null
                || state.length() != 2 * n
                || state.dataType() != DataType.FLOAT
                || !plain(network)) {
            return null;
        }
        return new AdamStep((Adam) adam.getConfig(), (int) n);
    }

    /** Whether no layer regularises or normalises its gradients (what DL4J's updater would do besides Adam). */
    private static boolean plain(MultiLayerNetwork network) {
        for (Layer layer : network.getLayers()) {
            if (!(layer.conf().getLayer() instanceof BaseLayer conf)) {
                continue; // pooling, no parameters
            }
            GradientNormalization g = conf.getGradientNormalization();
            if ((g != null && g != GradientNormalization.None)
                    || !conf.getRegularizationByParam("W").isEmpty()
                    || !conf.getRegularizationByParam("b").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * One step: {@code params} −= Adam's update from {@code gradients} (summed over {@code batch} examples), at
     * DL4J's {@code iteration} and {@code epoch} (the learning rate's schedule); {@code state} is the updater's array.
     * The gradient array is left holding the update, as DL4J leaves it.
     */
    void apply(INDArray paramsArray, INDArray gradientsArray, INDArray state, int iteration, int epoch, int batch) {
        int n = params.length;
        FloatBuffer p = buffer(paramsArray);
        FloatBuffer g = buffer(gradientsArray);
        FloatBuffer s = buffer(state);
        p.get(0, params);
        g.get(0, gradients);
        s.get(0, m);
        s.get(n, v);
        // adam_updater's constants, as it computes them: in float, but for two subtractions from a double 1
        float lr = (float) config.getLearningRate(iteration, epoch);
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        float beta1T = nd4jPow(beta1, (float) iteration + 1);
        float beta2T = nd4jPow(beta2, (float) iteration + 1);
        float epsilonT = (float) (lr * (float) Math.sqrt((float) (1. - beta2T)) / (1.0 - beta1T));
        if (Float.isNaN(epsilonT) || epsilonT == 0 || Float.isInfinite(epsilonT)) {
            epsilonT = epsilon;
        }
        float divisor = batch;
        float oneMinusBeta1 = 1 - beta1;
        float oneMinusBeta2 = 1 - beta2;
        for (int i = 0; i < n; i++) {
            float grad = gradients[i] / divisor;
            float mi = beta1 * m[i] + grad * oneMinusBeta1;
            float vi = beta2 * v[i] + grad * grad * oneMinusBeta2;
            float update = (mi * epsilonT) / ((float) Math.sqrt(vi) + epsilon);
            m[i] = mi;
            v[i] = vi;
            gradients[i] = update;
            params[i] -= update;
        }
        p.put(0, params);
        g.put(0, gradients);
        s.put(0, m);
        s.put(n, v);
    }

    /**
     * {@code base} to the power {@code exponent} as ND4J's ops raise a float to a power (C's {@code powf}), which
     * adam_updater raises β to: Java's {@code Math.pow} rounded to float differs from it in the last bit now and then
     * (β2 = 0.999 at iteration 3,605, for one), and such a bit changes every later step.
     */
    private static float nd4jPow(float base, float exponent) {
        return Transforms.pow(Nd4j.scalar(base), exponent, false).getFloat(0);
    }

    /** The array's values from its first element on (a contiguous vector or row, as a network's arrays are). */
    private static FloatBuffer buffer(INDArray a) {
        FloatBuffer all = a.data().asNioFloat();
        return all.slice((int) a.offset(), (int) a.length());
    }
}
