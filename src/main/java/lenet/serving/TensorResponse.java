package lenet.serving;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lenet.core.Json;
import lenet.prediction.Predictor;

/**
 * An Open Inference Protocol (V2) inference response (inference_rest.md, "Inference Response JSON Object"): the model's
 * name and version, the request's {@code id}, and the outputs asked for: {@code probabilities} FP32 [N,C] and
 * {@code class}, BYTES [N], the name of the most likely class. An output asked for as binary data (Triton's binary
 * tensor data extension) carries {@code parameters.binary_data_size} and its bytes follow the JSON, in order; the
 * header {@code Inference-Header-Content-Length} then gives the JSON's length.
 *
 * @param body       the whole body
 * @param jsonLength the JSON's length, or -1 when the body is JSON only
 */
record TensorResponse(byte[] body, int jsonLength) {

    String contentType() {
        return jsonLength < 0 ? PredictRoute.JSON : "application/octet-stream";
    }

    static TensorResponse of(
            String model, String version, TensorRequest request, List<Predictor.Prediction> predictions) {
        int n = predictions.size();
        int classes = predictions.get(0).probabilities().length;
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream(256 + n * classes * 12);
        try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(json)) {
            out.writeStartObject();
            out.writeStringField("model_name", model);
            out.writeStringField("model_version", version);
            if (request.id() != null) {
                out.writeStringField("id", request.id());
            }
            out.writeArrayFieldStart("outputs");
            for (TensorRequest.Output output : request.outputs()) {
                boolean probabilities = output.name().equals(TensorRequest.PROBABILITIES);
                out.writeStartObject();
                out.writeStringField("name", output.name());
                out.writeStringField("datatype", probabilities ? "FP32" : "BYTES");
                out.writeArrayFieldStart("shape");
                out.writeNumber(n);
                if (probabilities) {
                    out.writeNumber(classes);
                }
                out.writeEndArray();
                if (output.binary()) {
                    byte[] bytes = probabilities ? probabilityBytes(predictions, classes) : classBytes(predictions);
                    binary.writeBytes(bytes);
                    out.writeObjectFieldStart("parameters");
                    out.writeNumberField("binary_data_size", bytes.length);
                    out.writeEndObject();
                } else {
                    out.writeArrayFieldStart("data");
                    for (Predictor.Prediction prediction : predictions) {
                        if (probabilities) {
                            for (double p : prediction.probabilities()) {
                                out.writeNumber((float) p);
                            }
                        } else {
                            out.writeString(prediction.name());
                        }
                    }
                    out.writeEndArray();
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (binary.size() == 0) {
            return new TensorResponse(json.toByteArray(), -1);
        }
        int jsonLength = json.size();
        json.writeBytes(binary.toByteArray());
        return new TensorResponse(json.toByteArray(), jsonLength);
    }

    /** FP32 little-endian, row-major, as the extension lays out tensors. */
    private static byte[] probabilityBytes(List<Predictor.Prediction> predictions, int classes) {
        ByteBuffer bytes =
                ByteBuffer.allocate(predictions.size() * classes * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (Predictor.Prediction prediction : predictions) {
            for (double p : prediction.probabilities()) {
                bytes.putFloat((float) p);
            }
        }
        return bytes.array();
    }

    /** BYTES: each element a 4-byte little-endian length, then its bytes (UTF-8). */
    private static byte[] classBytes(List<Predictor.Prediction> predictions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        for (Predictor.Prediction prediction : predictions) {
            byte[] name = prediction.name().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(length.putInt(0, name.length).array());
            out.writeBytes(name);
        }
        return out.toByteArray();
    }
}
