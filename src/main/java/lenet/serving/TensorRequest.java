package lenet.serving;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import lenet.core.Json;

/**
 * An Open Inference Protocol (V2) inference request as lenet reads it (kserve/open-inference-protocol,
 * specification/protocol/inference_rest.md, "Inference Request JSON Object" and "Tensor Data"), with Triton's binary
 * tensor data extension (triton-inference-server/server, docs/protocol/extension_binary_data.md): the JSON object,
 * then, when the header {@code Inference-Header-Content-Length} gives the JSON's length, the inputs' bytes in order.
 *
 * <p>One input: {@code pixels}, FP32 in the export's scaling (grey/255, ink 1, background 0) or UINT8 0–255, shape
 * [N,1,28,28], [N,28,28] or [N,784], data nested or flat; or {@code image}, BYTES, shape [N] (or [N,1]), each element
 * an image file: in JSON a base64 string, in binary 4 bytes of little-endian length then the bytes.
 *
 * @param id        the request's {@code id}, echoed; null when it has none
 * @param pixels    network inputs of 784 values each, when the input is a tensor of pixels; else null
 * @param images    image files, when the input is BYTES; else null
 * @param outputs   the outputs asked for, in order (all of them when the request names none)
 */
record TensorRequest(String id, List<float[]> pixels, List<byte[]> images, List<Output> outputs) {
    static final String PIXELS = "pixels";
    static final String IMAGE = "image";
    static final String PROBABILITIES = "probabilities";
    static final String CLASS = "class";

    /** An output asked for, as JSON or as binary data. */
    record Output(String name, boolean binary) {}

    /** The request is not one lenet can answer: 400, with this message. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    private static final ObjectReader READER =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    int size() {
        return pixels != null ? pixels.size() : images.size();
    }

    /**
     * @param headerLength the header {@code Inference-Header-Content-Length}, or null
     * @param most         the most images one request may hold
     */
    static TensorRequest read(byte[] body, String headerLength, int most) throws Refused {
        int jsonLength = body.length;
        if (headerLength != null) {
            try {
                jsonLength = Integer.parseInt(headerLength.strip());
            } catch (NumberFormatException e) {
                jsonLength = -1;
            }
            if (jsonLength < 0 || jsonLength > body.length) {
                throw new Refused("Inference-Header-Content-Length " + headerLength.strip()
                        + " is not a length within the body's " + body.length + " bytes");
            }
        }
        JsonNode root;
        try {
            root = READER.readTree(body, 0, jsonLength);
        } catch (IOException e) { // from memory: only a JacksonException
            String why = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new Refused("the request is not JSON (" + why + ")"
                    + (headerLength == null ? "; binary data after it needs Inference-Header-Content-Length" : ""));
        }
        if (root == null || !root.isObject()) {
            throw new Refused("the request is not a JSON object");
        }
        String id = null;
        if (root.has("id")) {
            if (!root.get("id").isTextual()) {
                throw new Refused("\"id\" must be a string");
            }
            id = root.get("id").asText();
        }
        boolean binaryOutput = flag(root.get("parameters"), "binary_data_output", "the request's parameters");
        ByteBuffer binary =
                ByteBuffer.wrap(body, jsonLength, body.length - jsonLength).slice();
        JsonNode inputs = root.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw new Refused("\"inputs\" must be an array of one tensor: \"" + PIXELS + "\" (FP32 or UINT8) or \""
                    + IMAGE + "\" (BYTES)");
        }
        if (inputs.size() > 1) {
            throw new Refused(inputs.size() + " inputs; the model takes one: \"" + PIXELS + "\" or \"" + IMAGE + "\"");
        }
        Tensor tensor = Tensor.of(inputs.get(0), binary);
        if (binary.hasRemaining()) {
            throw new Refused("the body has " + binary.remaining() + " bytes after the inputs' binary_data_size");
        }
        List<float[]> pixels = null;
        List<byte[]> images = null;
        switch (tensor.name()) {
            case PIXELS -> pixels = Pixels.read(tensor, most);
            case IMAGE -> images = images(tensor, most);
            default ->
                throw new Refused("no input \"" + tensor.name() + "\": the model takes \"" + PIXELS
                        + "\" (FP32 or UINT8 pixels) or \"" + IMAGE + "\" (BYTES, image files)");
        }
        return new TensorRequest(id, pixels, images, outputs(root.get("outputs"), binaryOutput));
    }

    /** An input as the request gives it: name, datatype, shape, and its JSON data or its binary bytes. */
    record Tensor(String name, String datatype, long[] shape, JsonNode data, ByteBuffer bytes) {
        static Tensor of(JsonNode input, ByteBuffer binary) throws Refused {
            if (!input.isObject()) {
                throw new Refused("an input must be an object with \"name\", \"shape\", \"datatype\" and \"data\"");
            }
            String name = text(input, "name", "the input");
            String datatype = text(input, "datatype", "input \"" + name + "\"");
            JsonNode shapeNode = input.get("shape");
            if (shapeNode == null || !shapeNode.isArray() || shapeNode.isEmpty()) {
                throw new Refused("input \"" + name + "\" has no \"shape\" (an array of sizes)");
            }
            long[] shape = new long[shapeNode.size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode size = shapeNode.get(i);
                if (!size.canConvertToLong() || !size.isIntegralNumber() || size.asLong() < 0) {
                    throw new Refused("input \"" + name + "\" has shape " + shapeNode + ": sizes are integers ≥ 0");
                }
                shape[i] = size.asLong();
            }
            JsonNode parameters = input.get("parameters");
            JsonNode size = parameters == null || !parameters.isObject() ? null : parameters.get("binary_data_size");
            JsonNode data = input.get("data");
            if (size == null) {
                if (data == null) {
                    throw new Refused("input \"" + name + "\" has neither \"data\" nor binary_data_size");
                }
                return new Tensor(name, datatype, shape, data, null);
            }
            if (data != null) {
                throw new Refused("input \"" + name + "\" has both \"data\" and binary_data_size");
            }
            if (!size.isIntegralNumber() || size.asLong() < 0 || size.asLong() > binary.remaining()) {
                throw new Refused("input \"" + name + "\" has binary_data_size " + size + "; the body has "
                        + binary.remaining() + " bytes of binary data");
            }
            ByteBuffer bytes =
                    binary.slice(binary.position(), (int) size.asLong()).order(ByteOrder.LITTLE_ENDIAN);
            binary.position(binary.position() + (int) size.asLong());
            return new Tensor(name, datatype, shape, null, bytes);
        }

        String describe() {
            return "input \"" + name + "\" (" + datatype + ", shape " + java.util.Arrays.toString(shape) + ")";
        }
    }

    private static List<byte[]> images(Tensor tensor, int most) throws Refused {
        if (!"BYTES".equals(tensor.datatype())) {
            throw new Refused("input \"" + IMAGE + "\" is BYTES (image files), not " + tensor.datatype());
        }
        long[] shape = tensor.shape();
        if (!(shape.length == 1 || (shape.length == 2 && shape[1] == 1))) {
            throw new Refused(tensor.describe() + ": the shape must be [N] or [N,1], one image file per element");
        }
        long count = Pixels.batch(tensor, shape[0], most);
        List<byte[]> images = new ArrayList<>((int) Math.min(count, 1024));
        if (tensor.bytes() != null) {
            ByteBuffer bytes = tensor.bytes();
            while (bytes.remaining() >= 4) {
                long length = Integer.toUnsignedLong(bytes.getInt());
                if (length > bytes.remaining()) {
                    throw new Refused(tensor.describe() + ": element " + images.size() + " is " + length
                            + " bytes long, but only " + bytes.remaining() + " bytes are left");
                }
                byte[] image = new byte[(int) length];
                bytes.get(image);
                images.add(image);
            }
            if (bytes.hasRemaining()) {
                throw new Refused(tensor.describe() + ": " + bytes.remaining()
                        + " bytes after the last element; each is a 4-byte little-endian length and its bytes");
            }
        } else {
            List<JsonNode> elements = new ArrayList<>();
            Pixels.flatten(tensor.data(), elements);
            for (JsonNode element : elements) {
                if (!element.isTextual()) {
                    throw new Refused(tensor.describe() + ": element " + images.size()
                            + " is not a string (in JSON an image file is given in base64)");
                }
                try {
                    images.add(Base64.getMimeDecoder().decode(element.asText()));
                } catch (IllegalArgumentException e) {
                    throw new Refused(tensor.describe() + ": element " + images.size() + " is not base64 ("
                            + e.getMessage() + ")");
                }
            }
        }
        if (images.size() != count) {
            throw new Refused(tensor.describe() + " holds " + images.size() + " elements; the shape says " + count);
        }
        return images;
    }

    private static List<Output> outputs(JsonNode outputs, boolean binaryDefault) throws Refused {
        if (outputs == null) {
            return List.of(new Output(PROBABILITIES, binaryDefault), new Output(CLASS, binaryDefault));
        }
        if (!outputs.isArray()) {
            throw new Refused("\"outputs\" must be an array of objects with a \"name\"");
        }
        List<Output> asked = new ArrayList<>();
        for (JsonNode output : outputs) {
            if (!output.isObject()) {
                throw new Refused("\"outputs\" must be an array of objects with a \"name\"");
            }
            String name = text(output, "name", "an output");
            if (!name.equals(PROBABILITIES) && !name.equals(CLASS)) {
                throw new Refused("no output \"" + name + "\": the model gives \"" + PROBABILITIES + "\" (FP32) and \""
                        + CLASS + "\" (BYTES)");
            }
            JsonNode parameters = output.get("parameters");
            boolean binary = parameters != null && parameters.has("binary_data")
                    ? flag(parameters, "binary_data", "output \"" + name + "\"")
                    : binaryDefault;
            asked.add(new Output(name, binary));
        }
        return asked;
    }

    private static boolean flag(JsonNode parameters, String name, String where) throws Refused {
        if (parameters == null || !parameters.has(name)) {
            return false;
        }
        if (!parameters.isObject() || !parameters.get(name).isBoolean()) {
            throw new Refused(name + " in " + where + " must be true or false");
        }
        return parameters.get(name).asBoolean();
    }

    private static String text(JsonNode node, String field, String where) throws Refused {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new Refused(where + " has no \"" + field + "\" (a string)");
        }
        return value.asText();
    }
}
