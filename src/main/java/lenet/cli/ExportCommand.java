package lenet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import lenet.core.Json;
import lenet.core.LenetHome;
import lenet.export.ExportRun;
import lenet.export.OnnxGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes a trained model as ONNX (opset " + OnnxGraph.OPSET + "), for ONNX Runtime in Python, Java, C# or "
                    + "the browser: input \"" + OnnxGraph.INPUT + "\" N×1×28×28 float, each pixel grey/255 with ink = "
                    + "1 and background = 0 (MNIST's polarity, as predict feeds the network after its preprocessing); "
                    + "output \"" + OnnxGraph.OUTPUT
                    + "\" N×K, the probability of each of the model's K classes (metadata lenet.classes names them). The file's "
                    + "metadata_props record the input scaling and polarity, lenet's version, the training options "
                    + "and the test accuracy."
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = "Where to write the ONNX model (default: beside the model, NAME.onnx for NAME.zip).")
    Path output;

    @Option(
            names = "--json",
            description = "Print one JSON object and nothing else on stdout: {\"model\",\"onnx\",\"bytes\",\"opset\"}.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path source = model.path();
        ExportRun.Result result = ExportRun.run(source, output);
        if (json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("model", LenetHome.display(source));
            line.put("onnx", LenetHome.display(result.output()));
            line.put("bytes", result.bytes());
            line.put("opset", OnnxGraph.OPSET);
            spec.commandLine().getOut().println(Json.MAPPER.writeValueAsString(line));
        } else {
            spec.commandLine()
                    .getOut()
                    .printf(
                            Locale.ROOT,
                            "%s: written to %s (ONNX opset %d, %,d bytes%s)%n",
                            LenetHome.display(source),
                            LenetHome.display(result.output()),
                            OnnxGraph.OPSET,
                            result.bytes(),
                            result.testAccuracy() == null
                                    ? "; no test accuracy recorded"
                                    : String.format(
                                            Locale.ROOT, "; test accuracy %.2f%%", result.testAccuracy() * 100));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
