package lenet.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import lenet.output.ServePrinter;
import lenet.serving.ServeRun;
import lenet.serving.ServeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
        name = "serve",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Serves the model over HTTP until Ctrl-C or SIGTERM, which stop it gracefully: no new connections, the "
                    + "requests in flight answered (up to 30 s), then exit 130 or 143.",
            "GET /: a page to draw a digit on (or drop an image on) that shows the answer, the ten probabilities and "
                    + "the 28×28 image the network saw. POST /predict: the image's bytes (image/* or "
                    + "application/octet-stream), or a multipart upload with a field \"image\" (curl -F "
                    + "image=@digit.png); the answer is predict --json's object without \"file\", and with "
                    + "?show=true also \"probabilities\" and \"pixels\". GET /health, GET /metrics (Prometheus).",
            "Open Inference Protocol (KServe V2, with Triton's binary_tensor_data): GET /v2, /v2/health/live, "
                    + "/v2/health/ready, /v2/models/NAME[/versions/1][/ready]; POST /v2/models/NAME/infer with one "
                    + "input, \"pixels\" (FP32 0-1 with ink 1, or UINT8 0-255; [N,1,28,28], [N,28,28] or [N,784]) or "
                    + "\"image\" (BYTES: image files, base64 in JSON); outputs \"probabilities\" (FP32 [N,C]) and "
                    + "\"class\" (BYTES [N]).",
            "TorchServe: GET /ping; POST or PUT /predictions/NAME with the image as the body (curl -T digit.png) or "
                    + "a multipart field \"data\"; the answer is {class: probability} for the top 5.",
            "NAME is the model file's base name (lenet for models/lenet.zip) or --name; another name is 404.",
            "Errors are {\"error\": \"...\"}: 400 an unusable image (predict's words), 413 a body over 10 MB, 415 "
                    + "a body that is not an image, 503 with Retry-After when the queue is full.",
            "Concurrent requests are classified together, one forward pass for up to --batch-size images."
        })
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ClassifierOptions model;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every "
                    + "network, which anyone who reaches it may use).")
    String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "64",
            description =
                    "Most images classified in one forward pass; 1 turns batching off (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--batch-wait",
            paramLabel = "MS",
            defaultValue = "2",
            description = "Longest a batch that is not full waits, in milliseconds, for requests that are still "
                    + "being read; a lone request never waits; 0 never waits (default: ${DEFAULT-VALUE}).")
    double batchWait;

    @Option(
            names = "--queue",
            paramLabel = "N",
            defaultValue = "256",
            description = "Images that may wait to be classified; past that the answer is 503 (default: "
                    + "${DEFAULT-VALUE}).")
    int queue;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The model's name in /v2/models/NAME and /predictions/NAME (default: the model file's "
                    + "base name).")
    String name;

    @Option(names = "--json", description = "Print the startup line as one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (port < 0 || port > 65_535) {
            throw usage("--port", port + " (must be 0 to 65535)");
        }
        if (batchSize < 1 || batchSize > 4096) {
            throw usage("--batch-size", batchSize + " (must be 1 to 4096)");
        }
        if (!(batchWait >= 0 && batchWait <= 1000)) {
            throw usage("--batch-wait", batchWait + " (must be 0 to 1000 ms)");
        }
        if (queue < 1) {
            throw usage("--queue", queue + " (must be at least 1)");
        }
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw usage("--name", "'" + name + "' (letters, digits, '.', '_' and '-', not first)");
        }
        ServeSettings settings = ServeSettings.defaults(host, port)
                .withBatching(batchSize, Duration.ofNanos(Math.round(batchWait * 1e6)), queue);
        ServePrinter printer =
                new ServePrinter(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        return ServeRun.run(model.path(), model.normalize(), name, settings, printer);
    }

    private ParameterException usage(String option, String value) {
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + value);
    }
}
