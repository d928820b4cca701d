package lenet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.ValueInfoProto;

/** ONNX graphs made from one lenet exported, as other tools would write them. */
public final class OnnxGraphs {
    private OnnxGraphs() {}

    /**
     * {@code onnx} behind a new input 'Input3' that takes grey 0–255 with ink = 255, divided by 255 before lenet's
     * graph, and without lenet's metadata: a model as the ONNX model zoo's MNIST models take their images.
     */
    public static Path takingGrey0To255(Path onnx, Path target) throws IOException {
        ModelProto.Builder model = ModelProto.parseFrom(Files.readAllBytes(onnx)).toBuilder();
        String lenetInput = model.getGraph().getInput(0).getName();
        ValueInfoProto input =
                model.getGraph().getInput(0).toBuilder().setName("Input3").build();
        model.getGraphBuilder().setInput(0, input);
        model.getGraphBuilder()
                .addInitializer(TensorProto.newBuilder()
                        .setName("full_ink")
                        .setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addFloatData(255f));
        NodeProto divide = NodeProto.newBuilder()
                .setOpType("Div")
                .setName("to_0_1")
                .addInput("Input3")
                .addInput("full_ink")
                .addOutput(lenetInput)
                .build();
        List<NodeProto> nodes = List.copyOf(model.getGraph().getNodeList());
        model.getGraphBuilder().clearNode().addNode(divide).addAllNode(nodes);
        model.clearMetadataProps();
        return Files.write(target, model.build().toByteArray());
    }
}
