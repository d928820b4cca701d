package lenet.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lenet.core.Json;
import lenet.model.Classes;
import lenet.model.InputScaling;

/**
 * The model as the protocols name and describe it.
 *
 * @param name     the name in {@code /v2/models/{name}} and {@code /predictions/{name}}: the model file's base name
 *                 ({@code lenet} for {@code models/lenet.zip}) unless {@code serve --name} gives one
 * @param platform what runs it, in the Open Inference Protocol's words: {@code deeplearning4j} or
 *                 {@code onnxruntime_onnx} (Triton's name for ONNX Runtime)
 * @param classes  its classes, in output order
 */
record ServedModel(String name, String platform, Classes classes) {

    /**
     * The model metadata response (inference_rest.md, "Model Metadata Response JSON Object"): the inputs lenet takes
     * (one of them per request) and the outputs it gives, -1 for the batch.
     */
    String metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("versions", List.of(InferenceProtocolRoutes.VERSION));
        metadata.put("platform", platform);
        metadata.put(
                "inputs",
                List.of(
                        tensor(TensorRequest.PIXELS, "FP32", -1, 1, InputScaling.HEIGHT, InputScaling.WIDTH),
                        tensor(TensorRequest.IMAGE, "BYTES", -1)));
        metadata.put(
                "outputs",
                List.of(
                        tensor(TensorRequest.PROBABILITIES, "FP32", -1, classes.size()),
                        tensor(TensorRequest.CLASS, "BYTES", -1)));
        return Json.line(metadata);
    }

    private static Map<String, Object> tensor(String name, String datatype, int... shape) {
        Map<String, Object> tensor = new LinkedHashMap<>();
        tensor.put("name", name);
        tensor.put("datatype", datatype);
        tensor.put("shape", shape);
        return tensor;
    }
}
