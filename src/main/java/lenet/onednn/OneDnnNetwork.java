package lenet.onednn;

import java.lang.ref.Reference;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import lenet.core.Backend;
import lenet.core.NativeLibraries;
import lenet.core.Threads;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * LeNet-5 as a DL4J {@link MultiLayerNetwork} whose training step computes its gradients and loss on
 * {@link OneDnnLeNet} instead of DL4J's layers, and takes Adam's step in one Java pass ({@link AdamStep}, bit for bit
 * DL4J's updater): the network's arrays, Adam's state and schedule, the listeners and the files stay DL4J's.
 * {@link #output} does the same for inference on any LeNet-5 network. {@link lenet.compute.ComputePath} decides whether
 * they are used; given a network of another shape than LeNet-5's, both run DL4J's own layers.
 */
public class OneDnnNetwork extends MultiLayerNetwork {

    private static final String[] PARAM_LAYERS = {"conv1", "conv2", "fc1", "fc2", "output"};
    /** The weights' shapes; the last one's 0 stands for the network's classes. */
    private static final long[][] WEIGHT_SHAPES = {{6, 1, 5, 5}, {16, 6, 5, 5}, {400, 120}, {120, 84}, {84, 0}};

    private static final char[] WEIGHT_ORDERS = {'c', 'c', 'f', 'f', 'f'};
    private static final int PIXELS = 28 * 28;

    /** "" once oneDNN loaded, else why it did not; null: not asked yet. */
    private static volatile String unavailable;

    private final transient Map<Integer, OneDnnLeNet> trainers = new HashMap<>();
    /** The same for batches trained as two halves ({@link BatchHalves}), by batch size. */
    private final transient Map<Integer, BatchHalves> halvesByBatch = new HashMap<>();

    private transient Gradient gradientViews;
    /** The Adam step of {@link #fit}, once {@link #adamChecked} (null: DL4J's own fit). */
    private transient AdamStep adam;

    private transient boolean adamChecked;

    public OneDnnNetwork(MultiLayerConfiguration configuration) {
        super(configuration);
    }

    /**
     * The same network (its configuration, parameters, Adam state and counts, shared, not copied) as a
     * {@link OneDnnNetwork}; {@code network} itself if it is one.
     */
    public static OneDnnNetwork of(MultiLayerNetwork network) {
        if (network instanceof OneDnnNetwork fast) {
            return fast;
        }
        OneDnnNetwork fast = new OneDnnNetwork(network.getLayerWiseConfigurations());
        fast.init(network.params(), false);
        INDArray state =
                network.getUpdater() == null ? null : network.getUpdater().getStateViewArray();
        if (state != null) {
            fast.getUpdater().setStateViewArray(fast, state, false);
        }
        fast.setListeners(network.getListeners());
        return fast;
    }

    @Override
    public synchronized void computeGradientAndScore() {
        OneDnnLeNet.ParamLayout[] layout = layout(this);
        if (layout == null) {
            super.computeGradientAndScore();
            return;
        }
        synchronizeIterEpochCounts();
        if (getFlattenedGradients() == null) {
            initGradientsView();
        }
        INDArray features = contiguous(getInput());
        int n = (int) features.size(0);
        INDArray targets = contiguous(getLabels());
        float[] labels = new float[(int) targets.length()];
        targets.data().asNioFloat().get((int) targets.offset(), labels);
        int threads = Threads.nd4j();
        if (n >= 2 && threads <= 2) { // two half batches, one thread each (BatchHalves); with more, one chain
            BatchHalves halves = halvesByBatch.computeIfAbsent(
                    n,
                    b -> new BatchHalves(
                            b, classes(this), getFlattenedGradients().length()));
            score = halves.gradients(
                    address(features), address(params()), getFlattenedGradients(), layout, labels, threads == 2);
        } else {
            OneDnnLeNet net = trainers.computeIfAbsent(n, b -> new OneDnnLeNet(b, classes(this), true, false));
            net.bind(address(features), address(params()), address(getFlattenedGradients()), layout);
            score = net.gradients(labels);
        }
        // oneDNN read these through raw addresses: they must outlive the run (a copy made above could be freed)
        Reference.reachabilityFence(features);
        if (gradientViews == null || gradientViews.gradient() != getFlattenedGradients()) {
            gradientViews = gradientViews(); // views of the gradient array the chain just wrote
        }
        setGradient(gradientViews);
    }

    /**
     * One training step on {@code data}, as DL4J's {@code fit} takes it: the gradients on oneDNN
     * ({@link #computeGradientAndScore}), then Adam in one pass ({@link AdamStep}), bit for bit as DL4J's updater; the
     * iteration count goes up by one. A network with masks, DL4J listeners or another updater goes through DL4J's
     * {@code fit}.
     */
    @Override
    public void fit(org.nd4j.linalg.dataset.api.DataSet data) {
        if (!adamChecked) {
            adam = layout(this) == null ? null : AdamStep.of(this);
            adamChecked = true;
        }
        if (adam == null
                || data.getFeaturesMaskArray() != null
                || data.getLabelsMaskArray() != null
                || !getListeners().isEmpty()) {
            super.fit(data);
            return;
        }
        setInput(data.getFeatures());
        setLabels(data.getLabels());
        computeGradientAndScore();
        int iteration = BaseOptimizer.getIterationCount(this);
        int epoch = BaseOptimizer.getEpochCount(this);
        adam.apply(params(), getFlattenedGradients(), getUpdater().getStateViewArray(), iteration, epoch, batchSize());
        BaseOptimizer.incrementIterationCount(this, 1);
        synchronizeIterEpochCounts();
    }

    /**
     * The softmax output of a LeNet-5 network for {@code features} (n × 784, or n × 1 × 28 × 28), as
     * {@code network.output(features, false)} gives it, computed on oneDNN where that applies ({@link OneDnnInference}
     * says how).
     */
    public static INDArray output(MultiLayerNetwork network, INDArray features) {
        return output(network, features, OneDnnInference.SLICED);
    }

    /** Lets go of the oneDNN chains that ran {@code network}'s inference; their native memory goes with them. */
    public static void release(MultiLayerNetwork network) {
        OneDnnInference.forget(network);
    }

    /** {@link #output(MultiLayerNetwork, INDArray)}, large batches on threads of their own if {@code sliced}. */
    static INDArray output(MultiLayerNetwork network, INDArray features, boolean sliced) {
        OneDnnLeNet.ParamLayout[] layout = layout(network);
        if (layout == null) {
            return network.output(features, false);
        }
        INDArray images = contiguous(features);
        if (images.rank() != 2) {
            images = images.reshape('c', images.size(0), PIXELS);
        }
        return OneDnnInference.output(network, images, layout, sliced);
    }

    /**
     * Why lenet's oneDNN network cannot run in this process, or null if it can: the CPU backend is loaded and the
     * oneDNN library loads. Asked once; {@link lenet.compute.ComputePath} reports the reason as a warning.
     */
    public static String unavailableBecause() {
        String why = unavailable;
        if (why == null) {
            synchronized (OneDnnNetwork.class) {
                if (unavailable == null) {
                    unavailable = load();
                }
                why = unavailable;
            }
        }
        return why.isEmpty() ? null : why;
    }

    /** "" when oneDNN loads, else why not. */
    private static String load() {
        if (!Backend.cpuLoaded()) {
            return "it runs on the CPU backend only, and " + Backend.loaded() + " is loaded";
        }
        try {
            org.bytedeco.javacpp.Loader.load(org.bytedeco.dnnl.global.dnnl.class);
            return "";
        } catch (Throwable e) { // UnsatisfiedLinkError and the like: no oneDNN for this platform
            String why = NativeLibraries.why(e);
            return "oneDNN did not load: " + (why != null ? why : e.toString());
        }
    }

    /** Where each layer's weights and bias sit in the flat parameter array, or null if this is not LeNet-5. */
    static OneDnnLeNet.ParamLayout[] layout(MultiLayerNetwork network) {
        if (network.params() == null || network.params().dataType() != DataType.FLOAT) {
            return null;
        }
        OneDnnLeNet.ParamLayout[] layout = new OneDnnLeNet.ParamLayout[PARAM_LAYERS.length];
        long base = address(network.params());
        int classes = classes(network);
        for (int i = 0; i < PARAM_LAYERS.length; i++) {
            Layer layer;
            try {
                layer = network.getLayer(PARAM_LAYERS[i]);
            } catch (RuntimeException e) {
                return null;
            }
            if (layer == null) {
                return null;
            }
            INDArray w = layer.getParam("W");
            INDArray b = layer.getParam("b");
            long[] shape = WEIGHT_SHAPES[i].clone();
            if (shape[shape.length - 1] == 0) {
                shape[shape.length - 1] = classes;
            }
            if (w == null
                    || b == null
                    || classes < 2
                    || !Arrays.equals(w.shape(), shape)
                    || w.ordering() != WEIGHT_ORDERS[i]
                    || !Arrays.equals(w.stride(), denseStrides(shape, WEIGHT_ORDERS[i]))
                    || b.length() != shape[WEIGHT_ORDERS[i] == 'c' ? 0 : 1]) {
                return null;
            }
            layout[i] = new OneDnnLeNet.ParamLayout((address(w) - base) / 4, (address(b) - base) / 4);
        }
        return layout;
    }

    /** The outputs of a LeNet-5 network, one per class (its output layer's biases); 0 if it has no such layer. */
    static int classes(MultiLayerNetwork network) {
        try {
            Layer output = network.getLayer(PARAM_LAYERS[PARAM_LAYERS.length - 1]);
            INDArray b = output == null ? null : output.getParam("b");
            return b == null ? 0 : (int) b.length();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static long[] denseStrides(long[] shape, char order) {
        long[] strides = new long[shape.length];
        long step = 1;
        for (int k = 0; k < shape.length; k++) {
            int d = order == 'c' ? shape.length - 1 - k : k;
            strides[d] = step;
            step *= shape[d];
        }
        return strides;
    }

    /** The gradient's per-parameter views, keyed as DL4J's backpropagation keys them ("0_W", "0_b", ...). */
    private Gradient gradientViews() {
        DefaultGradient g = new DefaultGradient(getFlattenedGradients());
        Layer[] layers = getLayers();
        long offset = 0;
        for (int i = 0; i < layers.length; i++) {
            long count = layers[i].numParams();
            if (count == 0) {
                continue;
            }
            INDArray view = getFlattenedGradients()
                    .get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(offset, offset + count));
            Map<String, INDArray> views =
                    layers[i].conf().getLayer().initializer().getGradientsFromFlattened(layers[i].conf(), view);
            for (Map.Entry<String, INDArray> e : views.entrySet()) {
                g.setGradientFor(i + "_" + e.getKey(), e.getValue());
            }
            offset += count;
        }
        return g;
    }

    /**
     * {@code a} as float rows one after the other in memory: itself when it is, such as a batch of rows of the test
     * set (ND4J calls a single row 'f'-ordered), else a copy. A copy is an ND4J op, which wakes OpenMP's other
     * threads: at batch 1 it took a quarter of the time.
     */
    private static INDArray contiguous(INDArray a) {
        INDArray f = a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
        boolean rows = f.rank() == 2 && f.stride(1) == 1 && (f.size(0) == 1 || f.stride(0) == f.size(1));
        return rows || (f.ordering() == 'c' && Shape.hasDefaultStridesForShape(f)) ? f : f.dup('c');
    }

    static long address(INDArray a) {
        return a.data().address() + a.offset() * a.data().getElementSize();
    }
}
