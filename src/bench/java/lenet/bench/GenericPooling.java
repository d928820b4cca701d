package lenet.bench;

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
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.MaxPooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/** Probe: 2-D max pooling through libnd4j's own kernels (helpers off for the op), no copies of the input. */
public final class GenericPooling implements SubsamplingHelper {
    private final OpContext forward = context();
    private final OpContext backward = context();

    private static OpContext context() {
        OpContext c = Nd4j.getExecutioner().buildContext();
        c.allowHelpers(Boolean.parseBoolean(System.getProperty("poolhelpers", "false")));
        return c;
    }

    private static Pooling2DConfig config(int[] k, int[] s, int[] p, int[] d) {
        return Pooling2DConfig.builder()
                .kH(k[0])
                .kW(k[1])
                .sH(s[0])
                .sW(s[1])
                .pH(p[0])
                .pW(p[1])
                .dH(d[0])
                .dW(d[1])
                .isNHWC(false)
                .type(Pooling2D.Pooling2DType.MAX)
                .build();
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
        if (type != PoolingType.MAX || mode == ConvolutionMode.Same || format != CNN2DFormat.NCHW) {
            return null;
        }
        long oH = (input.size(2) + 2 * p[0] - k[0]) / s[0] + 1;
        long oW = (input.size(3) + 2 * p[1] - k[1]) / s[1] + 1;
        INDArray out =
                ws.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.size(0), input.size(1), oH, oW);
        INDArray in = input.isView() || input.ordering() != 'c' ? input.dup() : input;
        DynamicCustomOp op = new MaxPooling2D(in, out, config(k, s, p, d));
        run(forward, op, new INDArray[] {in}, out);
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
        if (type != PoolingType.MAX || mode == ConvolutionMode.Same || format != CNN2DFormat.NCHW) {
            return null;
        }
        INDArray gradI = ws.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape());
        INDArray in = input.isView() || input.ordering() != 'c' ? input.dup() : input;
        INDArray eps = epsilon.isView() || epsilon.ordering() != 'c' ? epsilon.dup() : epsilon;
        DynamicCustomOp op = new Pooling2DDerivative(in, eps, gradI, config(k, s, p, d));
        run(backward, op, new INDArray[] {in, eps}, gradI);
        return new Pair<>(new DefaultGradient(), gradI);
    }

    private static void run(OpContext c, DynamicCustomOp op, INDArray[] inputs, INDArray output) {
        c.setIArguments(op.iArgs());
        c.getInputArrays().clear();
        c.getOutputArrays().clear();
        for (int i = 0; i < inputs.length; i++) {
            c.setInputArray(i, inputs[i]);
        }
        c.setOutputArray(0, output);
        Nd4j.exec(op, c);
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
