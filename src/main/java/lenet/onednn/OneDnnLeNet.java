package lenet.onednn;

import static lenet.onednn.OneDnnSteps.any;
import static lenet.onednn.OneDnnSteps.at;
import static lenet.onednn.OneDnnSteps.dims;
import static lenet.onednn.OneDnnSteps.plain;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.inner_product_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;

/**
 * LeNet-5's forward pass, and for training its backward pass, as oneDNN primitives for one batch size, created once.
 * Between layers the data stays in the layouts oneDNN chose for its kernels (channel-blocked on AVX2 and AVX-512),
 * ReLU runs fused into the layer before it (training runs a convolution's ReLU after its pooling, on a quarter of the
 * values: {@link #reluIfTraining}), max-pooling runs on the blocked layout (oneDNN has jitted kernels for
 * it, not for DL4J's plain NCHW below AVX-512; inference on AVX2's 8-channel blocks runs as {@link BlockedMaxPool}),
 * and the first convolution's gradient with respect to the image is never computed. Parameters are read from, and
 * gradients written to, DL4J's own arrays in DL4J's layouts ({@link #bind}), so the network, its updater and its
 * files stay DL4J's ({@link OneDnnNetwork}).
 *
 * <p>Not thread-safe: one caller at a time. Its native memory is freed with it, by JavaCPP, once unreachable.
 */
final class OneDnnLeNet {
    /** DL4J clips the softmax output to [ε, 1 − ε] in its negative log-likelihood (LossMCXENT's default ε). */
    private static final float CLIP = 1e-10f;

    /** DL4J's parameter layout of one layer with weights and bias: each at an element offset in the flat array. */
    record ParamLayout(long weightOffset, long biasOffset) {}

    private final int batch;
    /** Outputs of the network: its dataset's classes. */
    private final int classes;

    private final boolean training;
    private final engine eng = new engine(engine.kind.cpu, 0);
    private final OneDnnSteps forward;
    private final OneDnnSteps backward;

    private final memory input;
    private final memory[] weights = new memory[5];
    private final memory[] biases = new memory[5];
    private final memory[] weightGradients = new memory[5];
    private final memory[] biasGradients = new memory[5];
    private final FloatPointer logits;
    private final FloatPointer logitGradients;
    private final float[] logitValues;

    /**
     * @param alone whether to make and run the chain on one OpenMP thread, whatever {@code --threads} says: for the
     *              smallest batches, where handing the work to other threads costs more than it saves
     */
    OneDnnLeNet(int batch, int classes, boolean training, boolean alone) {
        this.batch = batch;
        this.classes = classes;
        this.training = training;
        this.logitValues = new float[batch * classes];
        stream strm = new stream(eng);
        forward = new OneDnnSteps(eng, strm, alone);
        backward = new OneDnnSteps(eng, strm, alone);
        prop_kind prop = training ? prop_kind.forward_training : prop_kind.forward_inference;

        // DL4J's layouts: the image rows as NCHW, conv weights OIHW, dense weights [out][in] (DL4J's 'f' [in, out])
        input = forward.user(plain(memory.format_tag.nchw, batch, 1, 28, 28));
        weights[0] = forward.user(plain(memory.format_tag.oihw, 6, 1, 5, 5));
        weights[1] = forward.user(plain(memory.format_tag.oihw, 16, 6, 5, 5));
        weights[2] = forward.user(plain(memory.format_tag.oihw, 120, 16, 5, 5));
        weights[3] = forward.user(plain(memory.format_tag.ab, 84, 120));
        weights[4] = forward.user(plain(memory.format_tag.ab, classes, 84));
        long[] biasSizes = {6, 16, 120, 84, classes};
        for (int i = 0; i < 5; i++) {
            biases[i] = forward.user(plain(memory.format_tag.x, biasSizes[i]));
            if (training) {
                weightGradients[i] = forward.user(weights[i].get_desc());
                biasGradients[i] = forward.user(biases[i].get_desc());
            }
        }

        convolution_forward.primitive_desc conv1 =
                conv(prop, dims(batch, 1, 28, 28), dims(6, 1, 5, 5), dims(batch, 6, 28, 28), 2);
        memory x0 = forward.toLayout(input, conv1.src_desc());
        memory a1 = weighted(new convolution_forward(conv1), x0, conv1.weights_desc(), 0, conv1.dst_desc());
        pooling_forward.primitive_desc pool1 = pool(prop, a1.get_desc(), dims(batch, 6, 14, 14));
        memory ws1 = training ? forward.owned(pool1.workspace_desc()) : null;
        memory p1 = reluIfTraining(pool(pool1, a1, dims(batch, 6, 28, 28), ws1));

        convolution_forward.primitive_desc conv2 =
                conv(prop, dims(batch, 6, 14, 14), dims(16, 6, 5, 5), dims(batch, 16, 10, 10), 0);
        memory x1 = forward.toLayout(p1, conv2.src_desc());
        memory a2 = weighted(new convolution_forward(conv2), x1, conv2.weights_desc(), 1, conv2.dst_desc());
        pooling_forward.primitive_desc pool2 = pool(prop, a2.get_desc(), dims(batch, 16, 5, 5));
        memory ws2 = training ? forward.owned(pool2.workspace_desc()) : null;
        memory p2 = reluIfTraining(pool(pool2, a2, dims(batch, 16, 10, 10), ws2));

        inner_product_forward.primitive_desc fc1 = dense(prop, dims(batch, 16, 5, 5), dims(120, 16, 5, 5), true);
        memory x2 = forward.toLayout(p2, fc1.src_desc());
        memory h1 = weighted(new inner_product_forward(fc1), x2, fc1.weights_desc(), 2, fc1.dst_desc());
        inner_product_forward.primitive_desc fc2 = dense(prop, dims(batch, 120), dims(84, 120), true);
        memory x3 = forward.toLayout(h1, fc2.src_desc());
        memory h2 = weighted(new inner_product_forward(fc2), x3, fc2.weights_desc(), 3, fc2.dst_desc());
        inner_product_forward.primitive_desc out = dense(prop, dims(batch, 84), dims(classes, 84), false);
        memory x4 = forward.toLayout(h2, out.src_desc());
        memory z = weighted(new inner_product_forward(out), x4, out.weights_desc(), 4, out.dst_desc());
        memory.desc rows = plain(memory.format_tag.nc, batch, classes);
        logits = new FloatPointer(forward.toLayout(z, rows).get_data_handle());
        if (!training) {
            logitGradients = null;
            return;
        }

        // backward: Java writes dL/dz of the output layer (softmax and loss), the primitives take it from there
        OneDnnBackward back = new OneDnnBackward(backward, batch, weights, weightGradients, biasGradients);
        memory dz = backward.owned(rows);
        logitGradients = new FloatPointer(dz.get_data_handle());
        memory dh2 = back.relu(h2, back.dense(out, x4, dz, 4, dims(batch, 84), dims(classes, 84), true));
        memory dh1 = back.relu(h1, back.dense(fc2, x3, dh2, 3, dims(batch, 120), dims(84, 120), true));
        memory dp2 = back.dense(fc1, x2, dh1, 2, dims(batch, 16, 5, 5), dims(120, 16, 5, 5), true);
        memory da2 = back.pool(pool2, a2, p2, back.relu(p2, dp2), ws2);
        // the second convolution's input is also held as pooled, in the layout its weight gradient may want
        memory dp1 =
                back.conv(conv2, new memory[] {x1, p1}, da2, 1, dims(batch, 6, 14, 14), dims(16, 6, 5, 5), 0, true);
        memory da1 = back.pool(pool1, a1, p1, back.relu(p1, dp1), ws1);
        back.conv(conv1, new memory[] {x0, input}, da1, 0, dims(batch, 1, 28, 28), dims(6, 1, 5, 5), 2, false);
    }

    /**
     * Points the chain at DL4J's arrays: the image rows (batch × 784 floats, row-major), and each layer's weights and
     * bias at their element offsets in the flat parameter array (and, when training, the flat gradient array).
     */
    void bind(long inputAddress, long paramsAddress, long gradientsAddress, ParamLayout[] layout) {
        input.set_data_handle(at(inputAddress));
        for (int i = 0; i < 5; i++) {
            weights[i].set_data_handle(at(paramsAddress + 4 * layout[i].weightOffset()));
            biases[i].set_data_handle(at(paramsAddress + 4 * layout[i].biasOffset()));
            if (training) {
                weightGradients[i].set_data_handle(at(gradientsAddress + 4 * layout[i].weightOffset()));
                biasGradients[i].set_data_handle(at(gradientsAddress + 4 * layout[i].biasOffset()));
            }
        }
    }

    /** Runs the forward pass; the softmax probabilities go to {@code probabilities} (batch × classes, row-major). */
    void output(float[] probabilities) {
        forward.run();
        logits.get(logitValues);
        softmax(logitValues, probabilities);
    }

    /**
     * One training step's gradients, DL4J's way: the negative log-likelihood of the softmax output against
     * {@code labels} (batch × classes, rows summing to 1), summed over the batch (DL4J's updater divides by the batch);
     * returns the loss averaged over the batch (DL4J's score).
     */
    double gradients(float[] labels) {
        float[] p = new float[logitValues.length];
        output(p);
        double loss = 0;
        for (int i = 0; i < p.length; i++) {
            float clipped = Math.min(Math.max(p[i], CLIP), 1 - CLIP);
            if (labels[i] != 0) {
                loss -= labels[i] * Math.log(clipped);
            }
            p[i] = clipped - labels[i];
        }
        logitGradients.put(p);
        backward.run();
        return loss / batch;
    }

    private void softmax(float[] z, float[] p) {
        for (int row = 0; row < z.length; row += classes) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, z[row + j]);
            }
            float sum = 0;
            for (int j = 0; j < classes; j++) {
                float e = (float) Math.exp(z[row + j] - max);
                p[row + j] = e;
                sum += e;
            }
            for (int j = 0; j < classes; j++) {
                p[row + j] /= sum;
            }
        }
    }

    /** Appends a convolution or dense layer (weights converted from DL4J's layout each run); returns its output. */
    private memory weighted(org.bytedeco.dnnl.primitive p, memory src, memory.desc w, int layer, memory.desc dst) {
        memory out = forward.owned(dst);
        memory converted = forward.toLayout(weights[layer], w);
        forward.add(p, DNNL_ARG_SRC, src, DNNL_ARG_WEIGHTS, converted, DNNL_ARG_BIAS, biases[layer], DNNL_ARG_DST, out);
        return out;
    }

    /**
     * Appends the max-pooling {@code pd} of {@code src} (of {@code dims}), writing where each maximum was into
     * {@code workspace} when training (null otherwise); returns its output. Inference on 8-channel blocks runs it
     * as {@link BlockedMaxPool}, faster than oneDNN's pooling kernel for that layout.
     */
    private memory pool(pooling_forward.primitive_desc pd, memory src, long[] dims, memory workspace) {
        if (workspace == null && BlockedMaxPool.applies(src.get_desc(), dims)) {
            return BlockedMaxPool.append(forward, src, dims);
        }
        memory dst = forward.owned(pd.dst_desc());
        if (workspace == null) {
            forward.add(new pooling_forward(pd), DNNL_ARG_SRC, src, DNNL_ARG_DST, dst);
        } else {
            forward.add(new pooling_forward(pd), DNNL_ARG_SRC, src, DNNL_ARG_DST, dst, DNNL_ARG_WORKSPACE, workspace);
        }
        return dst;
    }

    /** A 5×5 convolution, stride 1, with its bias and a fused ReLU; layouts left to oneDNN. */
    private convolution_forward.primitive_desc conv(prop_kind prop, long[] src, long[] w, long[] dst, long pad) {
        convolution_forward.desc d = new convolution_forward.desc(
                prop,
                algorithm.convolution_direct,
                any(src),
                any(w),
                plain(memory.format_tag.x, w[0]),
                any(dst),
                dims(1, 1),
                dims(pad, pad),
                dims(pad, pad));
        return new convolution_forward.primitive_desc(d, training ? OneDnnSteps.attributes() : relu(), eng);
    }

    /**
     * Training pools a convolution's output before its ReLU and runs the ReLU on the pooled values, a quarter as many:
     * max-pooling and ReLU commute (the largest of four values, or 0 if none is positive), and so do their gradients
     * (each goes to the window's largest value if it is positive, nowhere otherwise), bit for bit. Its backward pass
     * then takes the ReLU's gradient on the pooled values too. Inference keeps the ReLU fused into the convolution.
     */
    private memory reluIfTraining(memory pooled) {
        if (training) {
            eltwise_forward.primitive_desc pd = new eltwise_forward.primitive_desc(
                    new eltwise_forward.desc(
                            prop_kind.forward_training,
                            algorithm.eltwise_relu_use_dst_for_bwd,
                            pooled.get_desc(),
                            0f,
                            0f),
                    OneDnnSteps.attributes(),
                    eng);
            forward.add(new eltwise_forward(pd), DNNL_ARG_SRC, pooled, DNNL_ARG_DST, pooled);
        }
        return pooled;
    }

    /** 2×2 max-pooling, stride 2, on the layout its input has. */
    private pooling_forward.primitive_desc pool(prop_kind prop, memory.desc src, long[] dst) {
        pooling_forward.desc d = new pooling_forward.desc(
                prop, algorithm.pooling_max, src, any(dst), dims(2, 2), dims(2, 2), dims(0, 0), dims(0, 0));
        return new pooling_forward.primitive_desc(d, OneDnnSteps.attributes(), eng);
    }

    /** A dense layer with its bias, and a fused ReLU if asked. */
    private inner_product_forward.primitive_desc dense(prop_kind prop, long[] src, long[] w, boolean relu) {
        // inference takes the 2-D weights in DL4J's layout: converting them on every call cost more than it saved
        memory.desc weights = !training && w.length == 2 ? plain(memory.format_tag.ab, w) : any(w);
        inner_product_forward.desc d = new inner_product_forward.desc(
                prop, any(src), weights, plain(memory.format_tag.x, w[0]), any(batch, w[0]));
        return relu
                ? new inner_product_forward.primitive_desc(d, relu(), eng)
                : new inner_product_forward.primitive_desc(d, OneDnnSteps.attributes(), eng);
    }

    private static primitive_attr relu() {
        post_ops ops = new post_ops();
        ops.append_eltwise(1f, algorithm.eltwise_relu, 0f, 0f);
        primitive_attr attr = OneDnnSteps.attributes();
        attr.set_post_ops(ops);
        return attr;
    }
}
