package lenet.onednn;

import static lenet.onednn.OneDnnSteps.any;
import static lenet.onednn.OneDnnSteps.dims;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import java.util.function.Supplier;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.inner_product_backward_data;
import org.bytedeco.dnnl.inner_product_backward_weights;
import org.bytedeco.dnnl.inner_product_forward;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.primitive_desc_base;

/**
 * The backward pass of {@link OneDnnLeNet}, layer by layer: each method appends a layer's primitives to the steps
 * and returns the gradient with respect to the layer's input. Weight and bias gradients go straight to DL4J's
 * gradient arrays (converted to DL4J's layout where oneDNN computed them in its own). The gradient primitives are
 * described with layouts left to oneDNN ({@code any}): fixed ones can leave it only its reference kernels.
 */
final class OneDnnBackward {
    private final OneDnnSteps steps;
    private final long batch;
    private final memory[] weights;
    private final memory[] weightGradients;
    private final memory[] biasGradients;

    OneDnnBackward(OneDnnSteps steps, long batch, memory[] weights, memory[] weightGradients, memory[] biasGradients) {
        this.steps = steps;
        this.batch = batch;
        this.weights = weights;
        this.weightGradients = weightGradients;
        this.biasGradients = biasGradients;
    }

    /** A dense layer: weight and bias gradients, and the input's gradient if {@code data}. */
    memory dense(
            inner_product_forward.primitive_desc fwd,
            memory src,
            memory diffDst,
            int layer,
            long[] srcDims,
            long[] wDims,
            boolean data) {
        long[] dstDims = dims(batch, wDims[0]);
        Supplier<inner_product_backward_weights.primitive_desc> make =
                () -> new inner_product_backward_weights.primitive_desc(
                        new inner_product_backward_weights.desc(
                                any(srcDims), any(wDims), biasGradients[layer].get_desc(), any(dstDims)),
                        OneDnnSteps.attributes(),
                        steps.eng,
                        fwd);
        inner_product_backward_weights.primitive_desc wpd = gemmIfAny(make);
        steps.weightGradients(
                new inner_product_backward_weights(wpd),
                wpd,
                src,
                diffDst,
                weightGradients[layer],
                biasGradients[layer]);
        if (!data) {
            return null;
        }
        inner_product_backward_data.primitive_desc dpd = new inner_product_backward_data.primitive_desc(
                new inner_product_backward_data.desc(any(srcDims), any(wDims), any(dstDims)),
                OneDnnSteps.attributes(),
                steps.eng,
                fwd);
        return inputGradient(new inner_product_backward_data(dpd), dpd, diffDst, layer);
    }

    /**
     * The dense layer's weight gradient on oneDNN's kernel made of its sgemm, where it has one, else on its first
     * kernel: with AVX-512 the first, {@code brgemm_bwd_w}, took 0.11–0.17 ms a step for each of the two last layers,
     * the sgemm kernel 0.03–0.06 (performance.md). Elsewhere the sgemm kernel comes first.
     */
    private static inner_product_backward_weights.primitive_desc gemmIfAny(
            Supplier<inner_product_backward_weights.primitive_desc> make) {
        inner_product_backward_weights.primitive_desc probe = make.get();
        do {
            if (probe.impl_info_str().getString().contains("gemm:jit")) {
                return probe;
            }
        } while (probe.next_impl());
        return make.get();
    }

    /**
     * A 5×5 convolution, stride 1: weight and bias gradients, and the input's gradient if {@code data}. {@code src} is
     * the input in each layout the chain holds it, the one the forward pass took first.
     */
    memory conv(
            convolution_forward.primitive_desc fwd,
            memory[] src,
            memory diffDst,
            int layer,
            long[] srcDims,
            long[] wDims,
            long pad,
            boolean data) {
        long[] dstDims = dims(batch, wDims[0], srcDims[2] + 2 * pad - 4, srcDims[3] + 2 * pad - 4);
        Supplier<convolution_backward_weights.primitive_desc> make =
                () -> new convolution_backward_weights.primitive_desc(
                        new convolution_backward_weights.desc(
                                algorithm.convolution_direct,
                                any(srcDims),
                                any(wDims),
                                biasGradients[layer].get_desc(),
                                any(dstDims),
                                dims(1, 1),
                                dims(pad, pad),
                                dims(pad, pad)),
                        OneDnnSteps.attributes(),
                        steps.eng,
                        fwd);
        // the first convolution's weight gradient (one input channel): oneDNN splits it by the batch among the threads
        // and adds the parts. Batches of two or more on 1 or 2 threads train on chains made for one thread
        // (BatchHalves), so this matters only to the chain that takes a whole batch: a batch of one image, or 3 or more
        // threads. There its AVX-512 kernel is still made for one thread, as it was for 1 and 2 threads' same bits
        // before the half batches (at 3 or more other gradients split too, so it no longer buys those; unmeasured
        // there on 2 cores); its AVX2 kernel stays split (reliability.md, Determinism)
        convolution_backward_weights.primitive_desc split = make.get();
        if (layer == 0 && !data && srcDims[1] == 1 && !split.src_desc().equals(src[0].get_desc())) {
            // the kernel would pad the image's one channel to a block: give it the image's shifted copies instead
            ShiftedImageGradients.append(
                    steps, src[0], diffDst, srcDims, wDims, pad, dstDims, weightGradients[0], biasGradients[0]);
            return null;
        }
        boolean alone = layer == 0 && split.impl_info_str().getString().contains("avx512");
        convolution_backward_weights.primitive_desc wpd = alone ? OneDnnSteps.onOneThread(make) : split;
        convolution_backward_weights p = alone
                ? OneDnnSteps.onOneThread(() -> new convolution_backward_weights(wpd))
                : new convolution_backward_weights(wpd);
        steps.weightGradients(
                p, wpd, steps.toLayout(wpd.src_desc(), src), diffDst, weightGradients[layer], biasGradients[layer]);
        if (!data) {
            return null;
        }
        convolution_backward_data.primitive_desc dpd = new convolution_backward_data.primitive_desc(
                new convolution_backward_data.desc(
                        algorithm.convolution_direct,
                        any(srcDims),
                        any(wDims),
                        any(dstDims),
                        dims(1, 1),
                        dims(pad, pad),
                        dims(pad, pad)),
                OneDnnSteps.attributes(),
                steps.eng,
                fwd);
        return inputGradient(new convolution_backward_data(dpd), dpd, diffDst, layer);
    }

    /** 2×2 max-pooling: the gradient goes to where each maximum was (the forward pass's workspace). */
    memory pool(pooling_forward.primitive_desc fwd, memory src, memory dst, memory diffDst, memory workspace) {
        pooling_backward.primitive_desc pd = new pooling_backward.primitive_desc(
                new pooling_backward.desc(
                        algorithm.pooling_max,
                        src.get_desc(),
                        dst.get_desc(),
                        dims(2, 2),
                        dims(2, 2),
                        dims(0, 0),
                        dims(0, 0)),
                OneDnnSteps.attributes(),
                steps.eng,
                fwd);
        memory dd = steps.toLayout(diffDst, pd.diff_dst_desc());
        memory diffSrc = steps.owned(pd.diff_src_desc());
        steps.add(
                new pooling_backward(pd),
                DNNL_ARG_DIFF_DST,
                dd,
                DNNL_ARG_WORKSPACE,
                workspace,
                DNNL_ARG_DIFF_SRC,
                diffSrc);
        return diffSrc;
    }

    /** ReLU, from its output: the gradient where the output is positive, 0 elsewhere (as DL4J's). */
    memory relu(memory dst, memory diffDst) {
        eltwise_forward.primitive_desc hint = new eltwise_forward.primitive_desc(
                new eltwise_forward.desc(
                        prop_kind.forward_training, algorithm.eltwise_relu_use_dst_for_bwd, dst.get_desc(), 0f, 0f),
                steps.eng);
        eltwise_backward.primitive_desc pd = new eltwise_backward.primitive_desc(
                new eltwise_backward.desc(
                        algorithm.eltwise_relu_use_dst_for_bwd, dst.get_desc(), dst.get_desc(), 0f, 0f),
                OneDnnSteps.attributes(),
                steps.eng,
                hint);
        memory dd = steps.toLayout(diffDst, dst.get_desc());
        memory diffSrc = steps.owned(pd.diff_src_desc());
        steps.add(new eltwise_backward(pd), DNNL_ARG_DST, dst, DNNL_ARG_DIFF_DST, dd, DNNL_ARG_DIFF_SRC, diffSrc);
        return diffSrc;
    }

    /** Appends an input-gradient primitive (weights converted from DL4J's layout); returns the input's gradient. */
    private memory inputGradient(primitive p, primitive_desc_base pd, memory diffDst, int layer) {
        memory dd = steps.toLayout(diffDst, pd.diff_dst_desc());
        memory w = steps.toLayout(weights[layer], pd.weights_desc());
        memory diffSrc = steps.owned(pd.diff_src_desc());
        steps.add(p, DNNL_ARG_DIFF_DST, dd, DNNL_ARG_WEIGHTS, w, DNNL_ARG_DIFF_SRC, diffSrc);
        return diffSrc;
    }
}
