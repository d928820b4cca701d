package lenet.onednn;

import static lenet.onednn.OneDnnSteps.any;
import static lenet.onednn.OneDnnSteps.dims;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;

import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;

/**
 * A convolution's weight and bias gradients as the sums of those of the batch's two halves, each computed by a
 * primitive made for one thread, the two at once on two threads ({@link BesidePrimitive}; one after the other on one
 * thread), then added: the same bits for any thread count.
 *
 * <p>Why: oneDNN 2.5 splits the first convolution's weight gradient (one input channel) by the batch among its
 * threads, so 2 threads give other last bits than 1 (reliability.md, Determinism). Its AVX-512 kernel made for one
 * thread took 0.71 ms a step of 128 images while the other core waited; split in halves, each half takes about as
 * long as half of that, on its own core (performance.md).
 */
final class BatchHalvesGradients {
    private BatchHalvesGradients() {}

    /**
     * Appends the primitives to {@code steps} if each half gets {@code impl}, oneDNN's kernel for the whole batch;
     * they write DL4J's {@code weightGradient} and {@code biasGradient}. Returns whether it did.
     */
    static boolean append(
            OneDnnSteps steps,
            String impl,
            memory src,
            memory diffDst,
            long[] wDims,
            long pad,
            memory weightGradient,
            memory biasGradient) {
        long n = src.get_desc().dims().get(0);
        if (n < 2) {
            return false;
        }
        long first = n / 2;
        convolution_backward_weights.primitive_desc[] pds = new convolution_backward_weights.primitive_desc[2];
        memory.desc[][] halves = new memory.desc[2][];
        for (int h = 0; h < 2; h++) {
            long rows = h == 0 ? first : n - first;
            memory.desc s = half(src.get_desc(), rows);
            memory.desc dd = half(diffDst.get_desc(), rows);
            pds[h] = OneDnnSteps.onOneThread(() -> gradients(steps, s, dd, wDims, pad, biasGradient.get_desc()));
            if (!pds[h].impl_info_str().getString().equals(impl)
                    || !pds[h].src_desc().equals(s)
                    || !pds[h].diff_dst_desc().equals(dd)
                    || s.get_size() * n != src.get_desc().get_size() * rows
                    || dd.get_size() * n != diffDst.get_desc().get_size() * rows) {
                return false; // the half's kernel or layouts differ, or the images are not one after another
            }
            halves[h] = new memory.desc[] {s, dd};
        }
        memory[] dw = new memory[2];
        memory[] db = new memory[2];
        for (int h = 1; h >= 0; h--) { // the second half first: it runs beside the first
            long offset = h == 0 ? 0 : first;
            memory s = steps.part(src, halves[h][0], offset * (src.get_desc().get_size() / n));
            memory dd = steps.part(
                    diffDst, halves[h][1], offset * (diffDst.get_desc().get_size() / n));
            dw[h] = steps.owned(pds[h].diff_weights_desc());
            db[h] = steps.owned(biasGradient.get_desc());
            convolution_backward_weights.primitive_desc pd = pds[h];
            convolution_backward_weights p = OneDnnSteps.onOneThread(() -> new convolution_backward_weights(pd));
            Object[] arguments = {
                DNNL_ARG_SRC, s, DNNL_ARG_DIFF_DST, dd, DNNL_ARG_DIFF_WEIGHTS, dw[h], DNNL_ARG_DIFF_BIAS, db[h]
            };
            if (h == 1) {
                steps.addBeside(p, arguments);
            } else {
                steps.add(p, arguments);
            }
        }
        add(steps, dw[0], dw[1], dw[0]);
        add(steps, db[0], db[1], biasGradient);
        steps.copy(dw[0], weightGradient);
        return true;
    }

    /** The layout {@code whole} describes, for its first {@code rows} images. */
    private static memory.desc half(memory.desc whole, long rows) {
        long[] d = new long[4];
        whole.dims().get(d);
        d[0] = rows;
        return whole.submemory_desc(d, new long[4]);
    }

    private static convolution_backward_weights.primitive_desc gradients(
            OneDnnSteps steps, memory.desc src, memory.desc diffDst, long[] wDims, long pad, memory.desc bias) {
        convolution_forward.primitive_desc hint = new convolution_forward.primitive_desc(
                new convolution_forward.desc(
                        prop_kind.forward_training,
                        algorithm.convolution_direct,
                        src,
                        any(wDims),
                        bias,
                        diffDst,
                        dims(1, 1),
                        dims(pad, pad),
                        dims(pad, pad)),
                OneDnnSteps.attributes(),
                steps.eng);
        return new convolution_backward_weights.primitive_desc(
                new convolution_backward_weights.desc(
                        algorithm.convolution_direct,
                        src,
                        any(wDims),
                        bias,
                        diffDst,
                        dims(1, 1),
                        dims(pad, pad),
                        dims(pad, pad)),
                OneDnnSteps.attributes(),
                steps.eng,
                hint);
    }

    /** Appends {@code to = a + b}, element by element (the same in either order). */
    private static void add(OneDnnSteps steps, memory a, memory b, memory to) {
        binary.primitive_desc pd = new binary.primitive_desc(
                new binary.desc(algorithm.binary_add, a.get_desc(), b.get_desc(), to.get_desc()),
                OneDnnSteps.attributes(),
                steps.eng);
        steps.add(new binary(pd), DNNL_ARG_SRC_0, a, DNNL_ARG_SRC_1, b, DNNL_ARG_DST, to);
    }
}
