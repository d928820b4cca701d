package lenet.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import lenet.cli.CliRun;
import lenet.export.ExportRun;
import lenet.testing.TestModel;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.TensorShapeProto;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ONNX --model that lenet cannot run is one line naming the file and what it found, exit code 2. */
class OnnxModelErrorsTest {
    @TempDir
    Path dir;

    ModelProto exported;

    @BeforeEach
    void export() throws Exception {
        Path onnx = ExportRun.run(TestModel.untrained(dir.resolve("untrained.zip")), null)
                .output();
        exported = ModelProto.parseFrom(Files.readAllBytes(onnx));
    }

    @Test
    void anInputOfAnotherSizeIsNamed() throws Exception {
        ModelProto.Builder model = exported.toBuilder();
        TensorShapeProto.Builder shape = model.getGraphBuilder()
                .getInputBuilder(0)
                .getTypeBuilder()
                .getTensorTypeBuilder()
                .getShapeBuilder();
        shape.getDimBuilder(2).setDimValue(32);
        shape.getDimBuilder(3).setDimValue(32);
        assertOneLine(
                write("big.onnx", model.build()),
                "big.onnx: input 'image' is N×1×32×32 float; lenet feeds N×1×28×28, N×28×28×1 or N×784 float");
    }

    @Test
    void anOutputOfAnotherSizeIsNamed() throws Exception {
        ModelProto.Builder model = exported.toBuilder();
        model.getGraphBuilder()
                .getOutputBuilder(0)
                .getTypeBuilder()
                .getTensorTypeBuilder()
                .getShapeBuilder()
                .getDimBuilder(1)
                .setDimValue(12);
        assertOneLine(
                write("twelve.onnx", model.build()),
                "twelve.onnx: output 'probabilities' is N×12 float; lenet reads N×K, one score per class (10 here)");
    }

    @Test
    void anOperatorNoRuntimeKnowsIsNamed() throws Exception {
        ModelProto.Builder model = exported.toBuilder();
        for (NodeProto.Builder node : model.getGraphBuilder().getNodeBuilderList()) {
            if (node.getOpType().equals("Relu")) {
                node.setOpType("Rectify");
            }
        }
        String line = assertOneLine(write("odd.onnx", model.build()), "odd.onnx: ONNX Runtime cannot run this model (");
        assertThat(line).contains("Rectify");
    }

    @Test
    void aFileThatIsNotOnnxIsNamed() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "these are not weights\n");
        assertOneLine(text, "notes.onnx: not an ONNX model (");
        Path empty = Files.write(dir.resolve("empty.onnx"), new byte[0]);
        assertOneLine(empty, "empty.onnx: not an ONNX model (no graph in it)");
    }

    @Test
    void inspectAndExportSayTheyReadLenetModelsOnly() throws Exception {
        Path onnx = write("model.onnx", exported);
        for (String command : new String[] {"inspect", "export"}) {
            CliRun run = command.equals("inspect")
                    ? CliRun.of(command, "--model", onnx.toString(), "src/site/resources/digits/one-mnist.png")
                    : CliRun.of(command, "--model", onnx.toString());
            assertThat(run.exitCode()).as(command).isEqualTo(2);
            assertThat(run.errLines()).singleElement().asString().contains("model.onnx: an ONNX model;");
        }
    }

    private Path write(String name, ModelProto model) throws Exception {
        return Files.write(dir.resolve(name), model.toByteArray());
    }

    private static String assertOneLine(Path model, String expected) {
        CliRun run = CliRun.of("eval", "--model", model.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().contains(expected);
        return run.errLines().get(0);
    }
}
