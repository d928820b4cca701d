package lenet.bench;

import java.nio.FloatBuffer;
import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Probe: 2x2 stride-2 max pooling on NCHW float arrays in a plain Java loop over the native buffers, instead of
 * oneDNN's reference kernel (AVX2 and below). Ties go to the first maximum, as in oneDNN.
 */
public final class JavaPooling implements SubsamplingHelper {
    private static boolean supported(
            int[] k,
            int[] s,
            int[] p,
            int[] d,
            PoolingType type,
            ConvolutionMode mode,
            CNN2DFormat format,
            INDArray input) {
        return type == PoolingType.MAX
                && format == CNN2DFormat.NCHW
                && mode != ConvolutionMode.Same
                && k[0] == 2
                && k[1] == 2
                && s[0] == 2
                && s[1] == 2
                && p[0] == 0
                && p[1] == 0
                && d[0] == 1
                && d[1] == 1
                && input.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT
                && input.size(2) % 2 == 0
                && input.size(3) % 2 == 0;
    }

    private static FloatBuffer floats(INDArray a) {
        FloatBuffer all = a.data().asNioFloat();
        all.position((int) a.offset());
        return all.slice();
    }

    private static INDArray contiguous(INDArray a) {
        return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
    }

    @Override
    public INDArray activate(
            INDArray input,
            boolean training,
            int[] k,
            int[] s,
            int[] p,
            PoolingType type,
            ConvolutionMode mode,
            int[] d,
            CNN2DFormat format,
            LayerWorkspaceMgr ws) {
        if (!supported(k, s, p, d, type, mode, format, input)) {
            return null;
        }
        INDArray in = contiguous(input);
        int planes = (int) (in.size(0) * in.size(1));
        int h = (int) in.size(2);
        int w = (int) in.size(3);
        INDArray out =
                ws.createUninitialized(ArrayType.ACTIVATIONS, in.dataType(), in.size(0), in.size(1), h / 2, w / 2);
        FloatBuffer x = floats(in);
        FloatBuffer y = floats(out);
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int i = 0; i < h; i += 2) {
                int r0 = base + i * w;
                int r1 = r0 + w;
                for (int j = 0; j < w; j += 2) {
                    y.put(
                            o++,
                            Math.max(
                                    Math.max(x.get(r0 + j), x.get(r0 + j + 1)),
                                    Math.max(x.get(r1 + j), x.get(r1 + j + 1))));
                }
            }
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(
            INDArray input,
            INDArray epsilon,
            int[] k,
            int[] s,
            int[] p,
            PoolingType type,
            ConvolutionMode mode,
            int[] d,
            CNN2DFormat format,
            LayerWorkspaceMgr ws) {
        if (!supported(k, s, p, d, type, mode, format, input)) {
            return null;
        }
        INDArray in = contiguous(input);
        INDArray eps = contiguous(epsilon);
        int planes = (int) (in.size(0) * in.size(1));
        int h = (int) in.size(2);
        int w = (int) in.size(3);
        INDArray gradI = ws.create(ArrayType.ACTIVATION_GRAD, in.dataType(), in.shape(), 'c'); // zeros
        FloatBuffer x = floats(in);
        FloatBuffer e = floats(eps);
        FloatBuffer g = floats(gradI);
        int o = 0;
        for (int plane = 0; plane < planes; plane++) {
            int base = plane * h * w;
            for (int i = 0; i < h; i += 2) {
                int r0 = base + i * w;
                int r1 = r0 + w;
                for (int j = 0; j < w; j += 2) {
                    int at = r0 + j;
                    float best = x.get(at);
                    if (x.get(r0 + j + 1) > best) {
                        at = r0 + j + 1;
                        best = x.get(at);
                    }
                    if (x.get(r1 + j) > best) {
                        at = r1 + j;
                        best = x.get(at);
                    }
                    if (x.get(r1 + j + 1) > best) {
                        at = r1 + j + 1;
                    }
                    g.put(at, e.get(o++));
                }
            }
        }
        return new Pair<>(new DefaultGradient(), gradI);
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }
}
