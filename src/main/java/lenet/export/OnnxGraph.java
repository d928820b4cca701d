package lenet.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import lenet.model.Classes;
import lenet.model.InputScaling;
import lenet.model.LeNet5;
import onnx.Onnx.AttributeProto;
import onnx.Onnx.GraphProto;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.OperatorSetIdProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.TypeProto;
import onnx.Onnx.ValueInfoProto;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.protobuf.ByteString;

/**
 * LeNet-5 as an ONNX graph (IR {@value #IR_VERSION}, opset {@value #OPSET}), built from a network's weights with
 * the ONNX protobuf classes that ND4J carries: Conv (same padding) - Relu - MaxPool - Conv - Relu - MaxPool -
 * Flatten - Gemm - Relu - Gemm - Relu - Gemm - Softmax, from input {@value #INPUT} (N×1×28×28) to output
 * {@value #OUTPUT} (N×10).
 */
public final class OnnxGraph {
    public static final String INPUT = "image";
    public static final String OUTPUT = "probabilities";
    public static final int IR_VERSION = 7;
    public static final int OPSET = 13;

    private OnnxGraph() {}

    /**
     * @param network  a LeNet-5 as {@link LeNet5#configuration} builds it
     * @param classes  what its outputs are
     * @param metadata the model's {@code metadata_props}, in order
     */
    public static ModelProto of(
            MultiLayerNetwork network, Classes classes, String version, Map<String, String> metadata) {
        GraphProto.Builder graph = GraphProto.newBuilder()
                .setName(LeNet5.ARCHITECTURE)
                .addInput(tensor(INPUT, "N", 1, InputScaling.HEIGHT, InputScaling.WIDTH))
                .addOutput(tensor(OUTPUT, "N", classes.size()));
        // DL4J's layers in order: conv1 pool1 conv2 pool2 fc1 fc2 output
        String x = conv(graph, network, 0, "conv1", INPUT, 2);
        x = pool(graph, "pool1", relu(graph, "conv1", x));
        x = conv(graph, network, 2, "conv2", x, 0);
        x = pool(graph, "pool2", relu(graph, "conv2", x));
        graph.addNode(node("Flatten", "flatten", x, "flatten").addAttribute(integer("axis", 1)));
        x = relu(graph, "fc1", gemm(graph, network, 4, "fc1", "flatten"));
        x = relu(graph, "fc2", gemm(graph, network, 5, "fc2", x));
        x = gemm(graph, network, 6, "output", x);
        graph.addNode(node("Softmax", "softmax", x, OUTPUT).addAttribute(integer("axis", 1)));

        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName("lenet")
                .setProducerVersion(version)
                .setDocString(LeNet5.ARCHITECTURE + " trained on " + classes.dataset() + " by lenet: input " + INPUT
                        + " N×1×28×28, each pixel grey/255 with ink = 1 and background = 0 (MNIST's polarity); output "
                        + OUTPUT + " N×" + classes.size() + ", the probability of each class (metadata "
                        + "lenet.classes names them in order)")
                .setGraph(graph);
        metadata.forEach((key, value) -> model.addMetadataProps(
                StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return model.build();
    }

    private static String conv(
            GraphProto.Builder graph, MultiLayerNetwork network, int layer, String name, String in, int pad) {
        String w = initializer(graph, name + ".weight", network.getLayer(layer).getParam("W"));
        String b = initializer(
                graph, name + ".bias", vector(network.getLayer(layer).getParam("b")));
        INDArray weights = network.getLayer(layer).getParam("W");
        graph.addNode(node("Conv", name, in, name)
                .addInput(w)
                .addInput(b)
                .addAttribute(ints("kernel_shape", weights.size(2), weights.size(3)))
                .addAttribute(ints("pads", pad, pad, pad, pad))
                .addAttribute(ints("strides", 1, 1)));
        return name;
    }

    private static String pool(GraphProto.Builder graph, String name, String in) {
        graph.addNode(node("MaxPool", name, in, name)
                .addAttribute(ints("kernel_shape", 2, 2))
                .addAttribute(ints("strides", 2, 2)));
        return name;
    }

    private static String relu(GraphProto.Builder graph, String layer, String in) {
        String out = layer + ".relu";
        graph.addNode(node("Relu", out, in, out));
        return out;
    }

    /** A dense layer: DL4J keeps W as nIn×nOut, which is Gemm's B as it stands. */
    private static String gemm(GraphProto.Builder graph, MultiLayerNetwork network, int layer, String name, String in) {
        String w = initializer(graph, name + ".weight", network.getLayer(layer).getParam("W"));
        String b = initializer(
                graph, name + ".bias", vector(network.getLayer(layer).getParam("b")));
        graph.addNode(node("Gemm", name, in, name).addInput(w).addInput(b));
        return name;
    }

    private static INDArray vector(INDArray bias) {
        return bias.reshape(bias.length());
    }

    private static String initializer(GraphProto.Builder graph, String name, INDArray values) {
        float[] data = values.dup('c').data().asFloat();
        ByteBuffer raw = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(raw.array()));
        for (long d : values.shape()) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    private static NodeProto.Builder node(String op, String name, String in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addInput(in).addOutput(out);
    }

    private static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder attribute =
                AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            attribute.addInts(v);
        }
        return attribute.build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder()
                .setName(name)
                .setType(AttributeProto.AttributeType.INT)
                .setI(value)
                .build();
    }

    /** A float tensor's type and shape; a String dimension is symbolic. */
    private static ValueInfoProto tensor(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String symbol) {
                dim.setDimParam(symbol);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(TensorProto.DataType.FLOAT_VALUE)
                                .setShape(shape)))
                .build();
    }
}
