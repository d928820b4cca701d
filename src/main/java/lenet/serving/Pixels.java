package lenet.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import lenet.model.InputScaling;
import lenet.serving.TensorRequest.Refused;
import lenet.serving.TensorRequest.Tensor;

/**
 * The Open Inference Protocol input {@code pixels} made into network inputs: FP32 already in the export's scaling
 * (grey/255, ink 1, background 0: what {@code lenet export} writes as {@code lenet.normalize "0,1"}), or UINT8 grey
 * levels 0–255 with ink 255, divided by 255 as {@link InputScaling} does. Values outside those ranges, and NaN, are
 * refused rather than fed to the network.
 */
final class Pixels {
    private Pixels() {}

    static List<float[]> read(Tensor tensor, int most) throws Refused {
        boolean fp32 = "FP32".equals(tensor.datatype());
        if (!fp32 && !"UINT8".equals(tensor.datatype())) {
            throw new Refused("input \"" + TensorRequest.PIXELS + "\" is FP32 (0 to 1, ink 1) or UINT8 (0 to 255, ink "
                    + "255), not " + tensor.datatype());
        }
        long[] shape = tensor.shape();
        int side = InputScaling.HEIGHT;
        boolean known = (shape.length == 4 && shape[1] == 1 && shape[2] == side && shape[3] == side)
                || (shape.length == 3 && shape[1] == side && shape[2] == side)
                || (shape.length == 2 && shape[1] == InputScaling.PIXELS);
        if (!known) {
            throw new Refused(tensor.describe() + ": the shape must be [N,1,28,28], [N,28,28] or [N,784]");
        }
        // no body within the limit holds more pixels than this (UINT8, the most compact): never allocated beyond it
        int count = (int) batch(tensor, shape[0], Math.min(most, ServeSettings.MAX_BODY_BYTES / InputScaling.PIXELS));
        float[] values = new float[count * InputScaling.PIXELS];
        if (tensor.bytes() != null) {
            fromBinary(tensor, fp32, values);
        } else {
            int filled = fill(tensor, tensor.data(), values, 0, fp32);
            if (filled != values.length) {
                throw new Refused(tensor.describe() + " holds " + filled + " values; the shape says " + values.length);
            }
        }
        List<float[]> inputs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int from = i * InputScaling.PIXELS;
            inputs.add(Arrays.copyOfRange(values, from, from + InputScaling.PIXELS));
        }
        return inputs;
    }

    /** The batch size N, checked: at least one image, at most {@code most}. */
    static long batch(Tensor tensor, long n, int most) throws Refused {
        if (n < 1) {
            throw new Refused(tensor.describe() + " holds no image");
        }
        if (n > most) {
            throw new Refused(tensor.describe() + ": " + n + " images in one request; at most " + most
                    + " (serve --queue and the 10 MB body limit bound it)");
        }
        return n;
    }

    /** Every leaf of nested JSON arrays, in row-major order. */
    static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            for (JsonNode child : node) {
                flatten(child, into);
            }
        } else {
            into.add(node);
        }
    }

    /** Fills {@code values} from {@code at} with the leaves of {@code node}; returns the next index. */
    private static int fill(Tensor tensor, JsonNode node, float[] values, int at, boolean fp32) throws Refused {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                at = fill(tensor, node.get(i), values, at, fp32);
            }
            return at;
        }
        if (!node.isNumber()) {
            throw new Refused(tensor.describe() + ": value " + at + " is " + node + ", not a number");
        }
        if (at < values.length) {
            values[at] = fp32 ? fp32(tensor, at, node.floatValue()) : uint8(tensor, at, node);
        }
        return at + 1;
    }

    private static void fromBinary(Tensor tensor, boolean fp32, float[] values) throws Refused {
        ByteBuffer bytes = tensor.bytes();
        long expected = (long) values.length * (fp32 ? Float.BYTES : 1);
        if (bytes.remaining() != expected) {
            throw new Refused(tensor.describe() + " has binary_data_size " + bytes.remaining() + "; the shape needs "
                    + expected + " bytes");
        }
        if (fp32) {
            bytes.asFloatBuffer().get(values);
            for (int i = 0; i < values.length; i++) {
                fp32(tensor, i, values[i]);
            }
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = InputScaling.scale(bytes.get(i) & 0xff);
            }
        }
    }

    private static float fp32(Tensor tensor, int at, float value) throws Refused {
        if (!(value >= 0 && value <= 1)) { // NaN too
            throw new Refused(tensor.describe() + ": value " + at + " is " + value + "; FP32 pixels are 0 to 1 "
                    + "(grey/255, ink 1); send UINT8 for grey levels 0 to 255");
        }
        return value;
    }

    private static float uint8(Tensor tensor, int at, JsonNode node) throws Refused {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0 || node.asInt() > 255) {
            throw new Refused(
                    tensor.describe() + ": value " + at + " is " + node + "; UINT8 pixels are integers 0 to " + "255");
        }
        return InputScaling.scale(node.asInt());
    }
}
