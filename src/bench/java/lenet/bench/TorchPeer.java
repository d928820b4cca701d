package lenet.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.util.Pair;
import com.google.gson.GsonBuilder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * The benchmark's second PyTorch peer: PyTorch 2.7.1 run through DJL's PyTorch engine, with the same subcommands,
 * arguments and JSON keys as {@code src/bench/python/lenet_peer.py} (train, infer, eval; no predict), and the same
 * network, initialisation (He normal, Xavier normal for the output layer, zero biases), Adam (betas 0.9/0.999, eps
 * 1e-8), per-epoch rate decay, seeded hold-out ({@code randperm} of PyTorch's generator seeded with --seed, as the
 * Python peer draws it) and random 0..--shift whole-pixel shift of every training image every epoch (done here on
 * the float arrays, before each batch becomes a tensor). MNIST is read once from its .gz IDX files into memory;
 * batches are handed to PyTorch from one direct buffer without a copy, and every batch's tensors are freed with
 * its sub-manager. train's extras: {@code --test-each-epoch} (the test set's accuracy after every epoch, not timed,
 * and the wall time since the JVM started, that evaluation excluded) and {@code --schedule exponential|cosine}.
 *
 * <p>Run with {@code -Dai.djl.offline=true} (the natives come from the classpath's pytorch-native-cpu jar) and
 * {@code -DDJL_CACHE_DIR=target/djl} (where DJL unpacks them); src/bench/python/benchmark.py does.
 */
public final class TorchPeer {
    private static final int PIXELS = 28 * 28;
    private static final int SIDE = 28;
    private static final int EVAL_BATCH = 1000;
    private static final Shape INPUT = new Shape(1, 1, SIDE, SIDE);

    private TorchPeer() {}

    public static void main(String[] args) {
        if (args.length == 0 || !List.of("train", "infer", "eval").contains(args[0])) {
            fail("TorchPeer: the first argument must be train, infer or eval");
        }
        Map<String, String> options = options(args);
        int threads = integer(options, "threads", Runtime.getRuntime().availableProcessors());
        // read by DJL's PyTorch engine as it starts
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Path data = Path.of(options.getOrDefault("data", "data/mnist"));
        Engine engine = Engine.getEngine("PyTorch");
        Map<String, Object> result;
        try (NDManager manager = engine.newBaseManager()) {
            result = switch (args[0]) {
                case "train" -> train(engine, manager, data, options);
                case "infer" -> infer(manager, data, options);
                default -> eval(manager, data, options);
            };
        } catch (IOException e) {
            fail("TorchPeer: " + e.getMessage());
            return;
        }
        result.put("torch", engine.getVersion());
        result.put("threads", JniUtils.getNumThreads());
        result.put("blas", loaded("blas"));
        result.put("torch_library", loaded("libtorch_cpu"));
        System.out.println(
                new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(result));
    }

    /** The options after the subcommand, {@code --name value}, with the names each subcommand takes. */
    private static Map<String, String> options(String[] args) {
        List<String> known = new ArrayList<>(List.of("threads", "data"));
        known.addAll(
                switch (args[0]) {
                    case "train" ->
                        List.of(
                                "epochs",
                                "batch-size",
                                "lr",
                                "gamma",
                                "shift",
                                "val-size",
                                "seed",
                                "output",
                                "test-each-epoch",
                                "schedule");
                    case "infer" -> List.of("model", "single", "batch", "passes");
                    default -> List.of("model");
                });
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name)) {
                fail("TorchPeer " + args[0] + ": unknown option " + args[i] + " (known: --" + String.join(", --", known)
                        + ")");
            }
            if (name.equals("test-each-epoch")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                fail("TorchPeer " + args[0] + ": " + args[i] + " needs a value");
            }
        }
        if (!args[0].equals("train") && !options.containsKey("model")) {
            fail("TorchPeer " + args[0] + ": --model is required");
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name, int otherwise) {
        return number(options, name, otherwise, Integer::valueOf, "a whole number");
    }

    private static float real(Map<String, String> options, String name, float otherwise) {
        return number(options, name, otherwise, Float::valueOf, "a number");
    }

    /** The option's value read by {@code parse}, {@code otherwise} when it is not given; exit 2 when it is not one. */
    private static <T> T number(
            Map<String, String> options, String name, T otherwise, Function<String, T> parse, String what) {
        try {
            return options.containsKey(name) ? parse.apply(options.get(name)) : otherwise;
        } catch (NumberFormatException e) {
            fail("TorchPeer: --" + name + " " + options.get(name) + ": not " + what);
            return otherwise;
        }
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }

    /** lenet_peer.py's network: conv 5x5x6 (padding 2), max-pool 2, conv 5x5x16, max-pool 2, dense 120, 84, 10. */
    public static SequentialBlock network() {
        Block out = Linear.builder().setUnits(10).build();
        // Xavier normal, std = sqrt(2 / (fan_in + fan_out)): sqrt(magnitude 1 / average of the two fans)
        out.setInitializer(
                new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.AVG, 1),
                Parameter.Type.WEIGHT);
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(5, 5))
                        .setFilters(6)
                        .optPadding(new Shape(2, 2))
                        .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder()
                        .setKernelShape(new Shape(5, 5))
                        .setFilters(16)
                        .build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(120).build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(84).build())
                .add(Activation.reluBlock())
                .add(out);
        // He normal (std = sqrt(2 / fan_in)) for the convolutions and the hidden dense layers; the output layer
        // keeps its own initialiser, set above (a block's initialiser applies to parameters without one)
        for (Pair<String, Block> child : net.getChildren()) {
            if (child.getValue() != out) {
                child.getValue()
                        .setInitializer(
                                new XavierInitializer(
                                        XavierInitializer.RandomType.GAUSSIAN, XavierInitializer.FactorType.IN, 2),
                                Parameter.Type.WEIGHT);
            }
        }
        net.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return net;
    }

    /** MNIST images (pixels / 255, row-major, 784 a row) and labels, read from the folder's .gz IDX files. */
    record Images(float[] pixels, int[] labels) {
        int count() {
            return labels.length;
        }

        static Images read(Path folder, boolean train) throws IOException {
            String prefix = train ? "train" : "t10k";
            byte[] images = idx(folder.resolve(prefix + "-images-idx3-ubyte.gz"));
            byte[] labels = idx(folder.resolve(prefix + "-labels-idx1-ubyte.gz"));
            float[] pixels = new float[images.length];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (images[i] & 0xFF) / 255.0f;
            }
            int[] digits = new int[labels.length];
            for (int i = 0; i < digits.length; i++) {
                digits[i] = labels[i];
            }
            if (pixels.length != PIXELS * digits.length) {
                throw new IOException(folder + ": " + prefix + " images and labels do not match");
            }
            return new Images(pixels, digits);
        }

        /** The unsigned bytes of an IDX file: a magic number whose last byte is the number of dimensions. */
        private static byte[] idx(Path file) throws IOException {
            try (DataInputStream in = new DataInputStream(
                    new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file)), 1 << 16))) {
                int magic = in.readInt();
                if ((magic >>> 8) != 0x08) {
                    throw new IOException(file + ": not an IDX file of unsigned bytes");
                }
                long size = 1;
                for (int d = 0; d < (magic & 0xFF); d++) {
                    size *= in.readInt();
                }
                return in.readNBytes(Math.toIntExact(size));
            } catch (NoSuchFileException e) {
                throw new IOException(file + ": no such file");
            }
        }

        /** The images and labels at the given indices. */
        Images select(long[] indices, int from, int to) {
            float[] x = new float[(to - from) * PIXELS];
            int[] y = new int[to - from];
            for (int i = from; i < to; i++) {
                System.arraycopy(pixels, (int) indices[i] * PIXELS, x, (i - from) * PIXELS, PIXELS);
                y[i - from] = labels[(int) indices[i]];
            }
            return new Images(x, y);
        }

        /** The images in one direct buffer, from which {@link #batch} makes tensors without a copy. */
        ByteBuffer direct() {
            ByteBuffer buffer =
                    ByteBuffer.allocateDirect(pixels.length * Float.BYTES).order(ByteOrder.nativeOrder());
            buffer.asFloatBuffer().put(pixels);
            return buffer;
        }
    }

    /** Images {@code from} to {@code to} of a direct buffer of images, as an n x 1 x 28 x 28 tensor of manager. */
    private static NDArray batch(NDManager manager, ByteBuffer images, int from, int to) {
        ByteBuffer view = images.duplicate();
        view.position(from * PIXELS * Float.BYTES).limit(to * PIXELS * Float.BYTES);
        return manager.create(
                view.slice().order(ByteOrder.nativeOrder()), new Shape(to - from, 1, SIDE, SIDE), DataType.FLOAT32);
    }

    private static NDArray labels(NDManager manager, ByteBuffer buffer, int[] labels, int from, int to) {
        buffer.clear();
        for (int i = from; i < to; i++) {
            buffer.putLong(labels[i]);
        }
        buffer.flip();
        return manager.create(buffer.slice().order(ByteOrder.nativeOrder()), new Shape(to - from), DataType.INT64);
    }

    /** The learning rate of the epoch under way, for every parameter and update. */
    private static final class EpochRate implements ParameterTracker {
        volatile float rate;

        @Override
        public float getNewValue(String parameterId, int numUpdate) {
            return rate;
        }
    }

    private static Map<String, Object> train(Engine engine, NDManager manager, Path data, Map<String, String> o)
            throws IOException {
        int epochs = integer(o, "epochs", 2);
        int batchSize = integer(o, "batch-size", 64);
        float lr = real(o, "lr", 1e-3f);
        float gamma = real(o, "gamma", 0.7f);
        int shift = integer(o, "shift", 2);
        int valSize = integer(o, "val-size", 5000);
        int seed = integer(o, "seed", 1);
        boolean testEachEpoch = o.containsKey("test-each-epoch");
        String schedule = o.getOrDefault("schedule", "exponential");
        if (!schedule.equals("exponential") && !schedule.equals("cosine")) {
            fail("TorchPeer train: --schedule " + schedule + ": exponential or cosine");
        }
        engine.setRandomSeed(seed); // torch.manual_seed: PyTorch's own generator, for randperm and the weights
        Images all = Images.read(data, true);
        long[] order;
        try (NDArray permutation = manager.randomPermutation(all.count())) {
            order = permutation.toLongArray(); // as lenet_peer.py's torch.randperm(n, generator seeded with --seed)
        }
        Images val = all.select(order, 0, valSize);
        Images train = all.select(order, valSize, all.count());
        Images test = Images.read(data, false);
        ByteBuffer valImages = val.direct();
        ByteBuffer testImages = test.direct();

        SequentialBlock net = network();
        net.initialize(manager, DataType.FLOAT32, INPUT);
        printWeightSpread(net);
        ParameterStore store = new ParameterStore(manager, false);
        EpochRate rate = new EpochRate();
        Adam adam = Adam.builder()
                .optLearningRateTracker(rate)
                .optBeta1(0.9f)
                .optBeta2(0.999f)
                .optEpsilon(1e-8f)
                .build();
        Loss loss = Loss.softmaxCrossEntropyLoss(); // log-softmax + NLL, the mean over the batch
        ParameterList parameters = net.getParameters();

        int n = train.count();
        SplittableRandom random = new SplittableRandom(seed);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        float[] batchPixels = new float[batchSize * PIXELS];
        int[] batchLabels = new int[batchSize];
        ByteBuffer images =
                ByteBuffer.allocateDirect(batchSize * PIXELS * Float.BYTES).order(ByteOrder.nativeOrder());
        ByteBuffer labelBuffer =
                ByteBuffer.allocateDirect(batchSize * Long.BYTES).order(ByteOrder.nativeOrder());
        List<Map<String, Object>> history = new ArrayList<>();
        double testSeconds = 0;
        for (int epoch = 1; epoch <= epochs; epoch++) {
            rate.rate = schedule.equals("cosine")
                    ? (float) (lr * (0.02 + 0.98 * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs))))
                    : (float) (lr * Math.pow(gamma, epoch - 1));
            long start = System.nanoTime();
            shuffle(perm, random);
            double total = 0;
            int batches = 0;
            for (int i = 0; i < n; i += batchSize) {
                int size = Math.min(batchSize, n - i);
                for (int k = 0; k < size; k++) {
                    int image = perm[i + k];
                    shifted(train.pixels, image * PIXELS, batchPixels, k * PIXELS, shift, random);
                    batchLabels[k] = train.labels[image];
                }
                images.clear();
                images.asFloatBuffer().put(batchPixels, 0, size * PIXELS);
                try (NDManager step = manager.newSubManager()) {
                    NDArray x = batch(step, images, 0, size);
                    NDArray y = labels(step, labelBuffer, batchLabels, 0, size);
                    try (GradientCollector collector = engine.newGradientCollector()) {
                        NDArray logits = net.forward(store, new NDList(x), true).singletonOrThrow();
                        NDArray value = loss.evaluate(new NDList(y), new NDList(logits));
                        collector.backward(value);
                        total += value.getFloat();
                    }
                    for (Pair<String, Parameter> p : parameters) {
                        NDArray weight = p.getValue().getArray();
                        try (NDArray gradient = weight.getGradient()) {
                            adam.update(p.getValue().getId(), weight, gradient); // and zeroes the gradient
                        }
                    }
                }
                batches++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] validation = valSize > 0
                    ? evaluate(net, store, manager, valImages, val.labels, loss)
                    : new double[] {Double.NaN, Double.NaN};
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("epoch", epoch);
            e.put("train_loss", total / batches);
            e.put("val_loss", validation[1]);
            e.put("val_accuracy", validation[0]);
            e.put("train_seconds", seconds);
            e.put("images_per_second", n / seconds);
            e.put("learning_rate", rate.rate);
            if (testEachEpoch) {
                e.put("seconds_since_start", sinceStart() - testSeconds);
                long testStart = System.nanoTime();
                e.put("test_accuracy", evaluate(net, store, manager, testImages, test.labels, loss)[0]);
                testSeconds += (System.nanoTime() - testStart) / 1e9;
            }
            history.add(e);
            System.err.println(new GsonBuilder()
                    .serializeSpecialFloatingPointValues()
                    .create()
                    .toJson(e));
        }
        double testAccuracy = evaluate(net, store, manager, testImages, test.labels, loss)[0];
        if (o.containsKey("output")) {
            try (DataOutputStream out =
                    new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(Path.of(o.get("output")))))) {
                net.saveParameters(out);
            }
        }
        List<Map<String, Object>> steady = history.size() > 1 ? history.subList(1, history.size()) : history;
        double steadySeconds = steady.stream()
                .mapToDouble(e -> (double) e.get("train_seconds"))
                .sum();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("epochs", history);
        result.put("test_accuracy", testAccuracy);
        result.put("train_images_per_second", (double) n * steady.size() / steadySeconds);
        result.put("peak_rss_mb", peakRssMb());
        result.put("schedule", schedule);
        return result;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Copies the image at {@code from} of {@code source} to {@code to} of {@code target}, moved by a random whole
     * number of pixels in [-max, max] down and right (out[y][x] = in[y - dy][x - dx]), zero-filled, as
     * lenet_peer.py's shifted().
     */
    static void shifted(float[] source, int from, float[] target, int to, int max, SplittableRandom random) {
        int dy = max == 0 ? 0 : random.nextInt(-max, max + 1);
        int dx = max == 0 ? 0 : random.nextInt(-max, max + 1);
        int width = SIDE - Math.abs(dx);
        for (int y = 0; y < SIDE; y++) {
            int row = to + y * SIDE;
            int sy = y - dy;
            if (sy < 0 || sy >= SIDE) {
                Arrays.fill(target, row, row + SIDE, 0f);
                continue;
            }
            // columns max(0, dx) .. max(0, dx) + width come from columns max(0, -dx) .. of the source row
            System.arraycopy(source, from + sy * SIDE + Math.max(0, -dx), target, row + Math.max(0, dx), width);
            if (dx > 0) {
                Arrays.fill(target, row, row + dx, 0f);
            } else if (dx < 0) {
                Arrays.fill(target, row + width, row + SIDE, 0f);
            }
        }
    }

    /** {accuracy, mean loss} of the network on the images of a direct buffer, in batches of 1,000. */
    private static double[] evaluate(
            Block net, ParameterStore store, NDManager manager, ByteBuffer images, int[] labels, Loss loss) {
        int right = 0;
        double sum = 0;
        ByteBuffer labelBuffer =
                ByteBuffer.allocateDirect(EVAL_BATCH * Long.BYTES).order(ByteOrder.nativeOrder());
        for (int i = 0; i < labels.length; i += EVAL_BATCH) {
            int to = Math.min(labels.length, i + EVAL_BATCH);
            try (NDManager step = manager.newSubManager()) {
                NDArray logits = net.forward(store, new NDList(batch(step, images, i, to)), false)
                        .singletonOrThrow();
                NDArray y = labels(step, labelBuffer, labels, i, to);
                sum += loss.evaluate(new NDList(y), new NDList(logits)).getFloat() * (to - i);
                float[] p = logits.toFloatArray();
                for (int k = 0; k < to - i; k++) {
                    right += Inference.digit(p, 10 * k) == labels[i + k] ? 1 : 0;
                }
            }
        }
        return new double[] {right / (double) labels.length, sum / labels.length};
    }

    /** Each weight's shape, measured standard deviation and the one its initialiser aims at, on stderr. */
    private static void printWeightSpread(Block net) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            if (p.getValue().getType() != Parameter.Type.WEIGHT) {
                continue;
            }
            NDArray w = p.getValue().getArray();
            float[] v = w.toFloatArray();
            double mean = 0;
            double squares = 0;
            for (float f : v) {
                mean += f;
            }
            mean /= v.length;
            for (float f : v) {
                squares += (f - mean) * (f - mean);
            }
            Shape s = w.getShape();
            long fanIn = s.size() / s.get(0);
            long fanOut = s.get(0) * (s.dimension() > 2 ? s.slice(2).size() : 1);
            double he = Math.sqrt(2.0 / fanIn);
            double xavier = Math.sqrt(2.0 / (fanIn + fanOut));
            System.err.printf(
                    "weight %s %s: std %.4f (He %.4f, Xavier %.4f)%n",
                    p.getKey(), s, Math.sqrt(squares / v.length), he, xavier);
        }
    }

    /** The network with the weights saved at path, for inference. */
    private static SequentialBlock trained(NDManager manager, Path path) throws IOException {
        SequentialBlock net = network();
        net.initialize(manager, DataType.FLOAT32, INPUT);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            net.loadParameters(manager, in);
        } catch (NoSuchFileException e) {
            throw new IOException(path + ": no such file");
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(path + ": not the weights of this network (" + e.getMessage() + ")");
        }
        return net;
    }

    private static Map<String, Object> infer(NDManager manager, Path data, Map<String, String> o) throws IOException {
        SequentialBlock net = trained(manager, Path.of(o.get("model")));
        int single = integer(o, "single", 2000);
        int batch = integer(o, "batch", 1000);
        int passes = integer(o, "passes", 3);
        Images test = Images.read(data, false);
        ByteBuffer images = test.direct();
        ParameterStore store = new ParameterStore(manager, false);
        int n = test.count();
        for (int i = 0; i < 200; i++) { // warm-up, as lenet_peer.py
            digits(net, store, manager, images, i, i + 1);
        }
        digits(net, store, manager, images, 0, batch);
        long start = System.nanoTime();
        for (int i = 0; i < single; i++) {
            digits(net, store, manager, images, i % n, i % n + 1);
        }
        double singlePerSecond = single / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        long count = 0;
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i += batch) {
                count += digits(net, store, manager, images, i, Math.min(n, i + batch)).length;
            }
        }
        double largePerSecond = count / ((System.nanoTime() - start) / 1e9);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("batch1_images_per_second", singlePerSecond);
        result.put("batch_large", batch);
        result.put("batch_large_images_per_second", largePerSecond);
        result.put("peak_rss_mb", peakRssMb());
        return result;
    }

    /** The digits of images from..to, each ranked in Java, as lenet's Inference ranks them. */
    private static int[] digits(
            Block net, ParameterStore store, NDManager manager, ByteBuffer images, int from, int to) {
        try (NDManager step = manager.newSubManager()) {
            float[] p = net.forward(store, new NDList(batch(step, images, from, to)), false)
                    .singletonOrThrow()
                    .toFloatArray();
            int[] digits = new int[to - from];
            for (int k = 0; k < digits.length; k++) {
                digits[k] = Inference.digit(p, 10 * k);
            }
            return digits;
        }
    }

    /** What lenet eval does: load the weights, read the test set, classify it in batches, print the accuracy. */
    private static Map<String, Object> eval(NDManager manager, Path data, Map<String, String> o) throws IOException {
        SequentialBlock net = trained(manager, Path.of(o.get("model")));
        Images test = Images.read(data, false);
        double[] result = evaluate(
                net,
                new ParameterStore(manager, false),
                manager,
                test.direct(),
                test.labels,
                Loss.softmaxCrossEntropyLoss());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("images", test.count());
        out.put("accuracy", result[0]);
        out.put("peak_rss_mb", peakRssMb());
        return out;
    }

    /** Seconds since this JVM's process started: JVM and engine start and data loading included. */
    private static double sinceStart() {
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        return Duration.between(started, Instant.now()).toNanos() / 1e9;
    }

    private static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            // not Linux: no figure
        }
        return Double.NaN;
    }

    /** The libraries this process loaded whose path names contain {@code part}, as lenet_peer.py's blas_library. */
    private static List<String> loaded(String part) {
        TreeSet<String> paths = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.toLowerCase().contains(part)) {
                    paths.add(Path.of(line.substring(slash)).toRealPath().toString());
                }
            }
        } catch (IOException e) {
            // not Linux: none known
        }
        return new ArrayList<>(paths);
    }
}
