package lenet.inference;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lenet.checkpoint.Checkpoints;
import lenet.core.IoErrors;
import lenet.core.Json;
import lenet.core.LenetException;
import lenet.core.LenetHome;
import lenet.export.ExportRun;
import lenet.model.Classes;
import lenet.model.InputScaling;
import onnx.Onnx.ModelProto;
import onnx.Onnx.NodeProto;
import onnx.Onnx.StringStringEntryProto;
import onnx.Onnx.TensorProto;
import onnx.Onnx.TensorShapeProto;
import onnx.Onnx.ValueInfoProto;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;

/**
 * An ONNX file read and checked before any runtime sees it: one float input of one 28×28 grey image each (N×1×28×28
 * as PyTorch exports, N×28×28×1 as Keras and tf2onnx do, or N×784 flat), an output of one score per class, what that output is (the last node's operator), how inputs are to be normalised, and the classes.
 *
 * @param layout     how the input holds an image's 784 pixels
 * @param fixedBatch the batch size the graph fixes, or 0 when it is symbolic
 * @param normalize  how grey/255 (ink = 1) becomes the model's input
 * @param classes    lenet's own files name them ({@link ExportRun#KEY_CLASSES}); 10 outputs are MNIST's digits,
 *                   others are numbered from 0
 */
record OnnxModelFile(
        Path path,
        byte[] bytes,
        String inputName,
        Layout layout,
        int fixedBatch,
        Output output,
        Normalize normalize,
        Classes classes) {

    /** Larger than any digit classifier; a bound on what is read into memory. */
    static final long MAX_BYTES = 256L << 20;

    /**
     * How a model takes its images. With one channel, all three hold an image's pixels in the same order, row by row:
     * only the shape given to the runtime differs.
     */
    enum Layout {
        /** N×1×28×28: channels first, as PyTorch (and lenet) export. */
        CHANNELS_FIRST(1, InputScaling.HEIGHT, InputScaling.WIDTH),
        /** N×28×28×1: channels last, as Keras and tf2onnx export. */
        CHANNELS_LAST(InputScaling.HEIGHT, InputScaling.WIDTH, 1),
        /** N×784: the pixels flat, as fully connected classifiers take them. */
        FLAT(InputScaling.PIXELS);

        private final long[] image;

        Layout(long... image) {
            this.image = image;
        }

        /** The runtime's shape for {@code batch} images. */
        long[] shape(int batch) {
            long[] shape = new long[image.length + 1];
            shape[0] = batch;
            System.arraycopy(image, 0, shape, 1, image.length);
            return shape;
        }

        /** The layout whose shape {@code dims} has (a symbolic size fits any), channels first when both fit. */
        static Layout of(List<TensorShapeProto.Dimension> dims) {
            for (Layout layout : values()) {
                if (dims.size() == layout.image.length + 1
                        && java.util.stream.IntStream.range(0, layout.image.length)
                                .allMatch(i -> fits(dims.get(i + 1), layout.image[i]))) {
                    return layout;
                }
            }
            return null;
        }
    }

    /** What the model's output holds, told by the operator that makes it. */
    enum Output {
        PROBABILITIES,
        LOG_PROBABILITIES,
        LOGITS;

        float[] toProbabilities(float[] row) {
            if (this == PROBABILITIES) {
                return row;
            }
            float max = Float.NEGATIVE_INFINITY;
            for (float v : row) {
                max = Math.max(max, v);
            }
            double sum = 0;
            double[] e = new double[row.length];
            for (int i = 0; i < row.length; i++) {
                e[i] = this == LOG_PROBABILITIES ? Math.exp(row[i]) : Math.exp(row[i] - max);
                sum += e[i];
            }
            float[] p = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                p[i] = (float) (this == LOG_PROBABILITIES ? e[i] : e[i] / sum);
            }
            return p;
        }
    }

    static OnnxModelFile read(Path path, Normalize normalize) {
        String name = LenetHome.display(path);
        byte[] bytes = readBytes(path, name);
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw LenetException.badInput(name + ": not an ONNX model (" + e.getMessage() + ")", e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw LenetException.badInput(name + ": not an ONNX model (no graph in it)");
        }
        Set<String> initializers = new HashSet<>();
        model.getGraph().getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<ValueInfoProto> inputs = model.getGraph().getInputList().stream()
                .filter(i -> !initializers.contains(i.getName()))
                .toList();
        if (inputs.size() != 1) {
            throw LenetException.badInput(name + ": the model takes " + inputs.size()
                    + " inputs; lenet feeds one, the images (N×1×28×28, " + "N×28×28×1 or N×784 float)");
        }
        ValueInfoProto input = inputs.get(0);
        List<TensorShapeProto.Dimension> dims =
                input.getType().getTensorType().getShape().getDimList();
        int type = input.getType().getTensorType().getElemType();
        Layout layout = type == TensorProto.DataType.FLOAT_VALUE ? Layout.of(dims) : null;
        if (layout == null) {
            throw LenetException.badInput(name + ": input '" + input.getName() + "' is " + describe(type, dims)
                    + "; lenet feeds N×1×28×28, N×28×28×1 or N×784 float (one 28×28 grey image each)");
        }
        int batch = dims.get(0).hasDimValue()
                        && dims.get(0).getDimValue() > 0
                        && dims.get(0).getDimValue() <= 65_536
                ? (int) dims.get(0).getDimValue()
                : 0;
        ValueInfoProto out = model.getGraph().getOutput(0);
        List<TensorShapeProto.Dimension> outDims =
                out.getType().getTensorType().getShape().getDimList();
        Classes classes = classesOf(model, name);
        int outputs = classes != null ? classes.size() : 10;
        if (!outDims.isEmpty()
                && (outDims.size() != 2
                        || !(fits(outDims.get(1), outputs)
                                || classes == null && outDims.get(1).getDimValue() >= 2))) {
            throw LenetException.badInput(name + ": output '" + out.getName() + "' is "
                    + describe(out.getType().getTensorType().getElemType(), outDims)
                    + "; lenet reads N×K, one score per class (" + outputs + " here)");
        }
        if (classes == null) {
            int k = outDims.size() == 2 && outDims.get(1).hasDimValue()
                    ? (int) outDims.get(1).getDimValue()
                    : 10;
            classes = k == 10 ? Classes.MNIST : new Classes("onnx", Classes.numbered(k), Classes.Framing.DIGIT);
        }
        return new OnnxModelFile(
                path,
                bytes,
                input.getName(),
                layout,
                batch,
                outputOf(model, out.getName()),
                normalize != null ? normalize : normalizeOf(model, name),
                classes);
    }

    /** The classes a file lenet wrote names in its metadata, or null for another's. */
    private static Classes classesOf(ModelProto model, String name) {
        Map<String, String> props = new HashMap<>();
        model.getMetadataPropsList().forEach(p -> props.put(p.getKey(), p.getValue()));
        String names = props.get(ExportRun.KEY_CLASSES);
        if (names == null) {
            return null;
        }
        try {
            List<String> list = Json.MAPPER.readValue(names, new TypeReference<List<String>>() {});
            Classes.Framing framing = Classes.Framing.valueOf(props.getOrDefault(ExportRun.KEY_FRAMING, "DIGIT"));
            return new Classes(props.getOrDefault(ExportRun.KEY_DATASET, "onnx"), list, framing);
        } catch (IOException | IllegalArgumentException e) {
            throw LenetException.badInput(name + ": metadata " + ExportRun.KEY_CLASSES + " is not a list of 2 or "
                    + "more class names (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static Output outputOf(ModelProto model, String output) {
        for (NodeProto node : model.getGraph().getNodeList()) {
            if (node.getOutputList().contains(output)) {
                return switch (node.getOpType()) {
                    case "Softmax" -> Output.PROBABILITIES;
                    case "LogSoftmax" -> Output.LOG_PROBABILITIES;
                    default -> Output.LOGITS;
                };
            }
        }
        return Output.LOGITS;
    }

    /** lenet's own files say how they scale inputs ({@link ExportRun#KEY_NORMALIZE}); others get pixel/255. */
    private static Normalize normalizeOf(ModelProto model, String name) {
        for (StringStringEntryProto prop : model.getMetadataPropsList()) {
            if (ExportRun.KEY_NORMALIZE.equals(prop.getKey())) {
                Normalize parsed = Normalize.parse(prop.getValue());
                if (parsed == null) {
                    throw LenetException.badInput(name + ": metadata " + ExportRun.KEY_NORMALIZE + " is '"
                            + prop.getValue() + "', not MEAN,STD");
                }
                return parsed;
            }
        }
        return Normalize.NONE;
    }

    private static boolean fits(TensorShapeProto.Dimension dim, long size) {
        return !dim.hasDimValue() || dim.getDimValue() == size;
    }

    private static String describe(int type, List<TensorShapeProto.Dimension> dims) {
        StringBuilder text = new StringBuilder();
        for (TensorShapeProto.Dimension d : dims) {
            text.append(text.length() == 0 ? "" : "×")
                    .append(
                            d.hasDimValue()
                                    ? Long.toString(d.getDimValue())
                                    : d.getDimParam().isEmpty() ? "?" : d.getDimParam());
        }
        TensorProto.DataType named = TensorProto.DataType.forNumber(type);
        return (dims.isEmpty() ? "of unknown shape" : text.toString()) + " "
                + (named == null ? "type " + type : named.name().toLowerCase(java.util.Locale.ROOT));
    }

    private static byte[] readBytes(Path path, String name) {
        Checkpoints.checkFile(path);
        try {
            if (Files.size(path) > MAX_BYTES) {
                throw LenetException.badInput(name + ": " + (Files.size(path) >> 20) + " MB is too large for a digit "
                        + "classifier (up to " + (MAX_BYTES >> 20) + " MB)");
            }
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw LenetException.badInput(name + ": cannot read model (" + IoErrors.describe(e) + ")", e);
        }
    }
}
