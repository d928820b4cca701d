package lenet.onednn;

import static lenet.onednn.OneDnnSteps.any;
import static lenet.onednn.OneDnnSteps.dims;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;

/**
 * The weight and bias gradients of a convolution of a one-channel image, computed as those of an equal convolution
 * of k channels, k the kernel's width: channel c is the image moved c − pad columns (zeros moved in), and the kernel
 * is k rows tall and one column wide, its weight (o, c, i, 0) the original's (o, 0, i, c). The products and their
 * sums over the batch and the output's pixels are the original's.
 *
 * <p>Why: oneDNN 2.5's AVX2 kernel stores channels in blocks of 8, so for one channel it pads the image to 8 and
 * multiplies the 7 channels of zeros through; with the shifted copies a block holds 5 that count. As AVX2 on a Zen 4
 * (the training chain's {@code DNNL_VERBOSE}): 0.66 ms a step of 128 images against 1.86, plus 0.17 ms to make the
 * copies, where padding the image cost 0.16 ms; and a 3-epoch training run ended with the same bits either way. The
 * copies are made by a convolution with 0/1 weights, exact for finite values. Used only where oneDNN's kernel would
 * pad the image (not on AVX-512, where it takes the image as it is and the copies would cost more than they save).
 */
final class ShiftedImageGradients {
    private ShiftedImageGradients() {}

    /** Appends the primitives to {@code steps}; they write DL4J's {@code weightGradient} and {@code biasGradient}. */
    static void append(
            OneDnnSteps steps,
            memory src,
            memory diffDst,
            long[] srcDims,
            long[] wDims,
            long pad,
            long[] dstDims,
            memory weightGradient,
            memory biasGradient) {
        long k = wDims[3];
        long[] shiftedDims = dims(srcDims[0], k, srcDims[2], srcDims[3]);
        long[] swDims = dims(wDims[0], k, wDims[2], 1);
        convolution_forward.primitive_desc hint = new convolution_forward.primitive_desc(
                new convolution_forward.desc(
                        prop_kind.forward_training,
                        algorithm.convolution_direct,
                        any(shiftedDims),
                        any(swDims),
                        biasGradient.get_desc(),
                        any(dstDims),
                        dims(1, 1),
                        dims(pad, 0),
                        dims(pad, 0)),
                OneDnnSteps.attributes(),
                steps.eng);
        convolution_backward_weights.primitive_desc wpd = new convolution_backward_weights.primitive_desc(
                new convolution_backward_weights.desc(
                        algorithm.convolution_direct,
                        any(shiftedDims),
                        any(swDims),
                        biasGradient.get_desc(),
                        any(dstDims),
                        dims(1, 1),
                        dims(pad, 0),
                        dims(pad, 0)),
                OneDnnSteps.attributes(),
                steps.eng,
                hint);
        convolution_forward.primitive_desc shift = new convolution_forward.primitive_desc(
                new convolution_forward.desc(
                        prop_kind.forward_inference,
                        algorithm.convolution_direct,
                        src.get_desc(),
                        any(k, 1, 1, k),
                        wpd.src_desc(),
                        dims(1, 1),
                        dims(0, pad),
                        dims(0, pad)),
                OneDnnSteps.attributes(),
                steps.eng);
        float[] ones = new float[(int) (k * k)];
        for (int c = 0; c < k; c++) {
            ones[c * (int) k + c] = 1f;
        }
        memory shiftWeights =
                steps.constant(OneDnnSteps.plain(memory.format_tag.oihw, k, 1, 1, k), shift.weights_desc(), ones);
        memory shifted = steps.owned(shift.dst_desc());
        steps.add(
                new convolution_forward(shift),
                DNNL_ARG_SRC,
                src,
                DNNL_ARG_WEIGHTS,
                shiftWeights,
                DNNL_ARG_DST,
                shifted);
        memory plainDw = steps.owned(OneDnnSteps.plain(memory.format_tag.oihw, swDims));
        steps.weightGradients(new convolution_backward_weights(wpd), wpd, shifted, diffDst, plainDw, biasGradient);
        long kh = wDims[2];
        memory asDl4j = new memory(
                new memory.desc(wDims, memory.data_type.f32, dims(k * kh, k * kh, 1, kh)),
                steps.eng,
                plainDw.get_data_handle());
        steps.copy(asDl4j, weightGradient);
    }
}
