package lenet.onednn;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lenet.core.CpuKind;
import lenet.core.Threads;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * LeNet-5's inference on oneDNN chains ({@link OneDnnLeNet}) made once per network, batch size and thread, for
 * {@link OneDnnNetwork#output}. A batch runs in one of two ways:
 *
 * <ul>
 *   <li><b>Threads of its own</b> (above {@value #ALONE_UP_TO} images, on CPUs below AVX-512, with 2 or more threads):
 *       the batch is cut into one slice per thread, and each thread runs its slice through chains of at most
 *       {@value #ALONE_UP_TO} images made for one thread. No layer waits for the other thread, and each part's arrays
 *       between the layers stay in that core's cache. On a 2-core AMD EPYC Zen 3 this ran batches of 1,000 about 40%
 *       faster than both threads sharing every layer (performance.md, Batch 1,000 on AVX2). On AVX-512 the shared way
 *       was measured faster (a one-thread chain of 32 ran 40,000 images/s, two threads at 1,000 87,000) and stays.
 *   <li><b>Layers shared by the threads</b> (otherwise): up to {@value #ALONE_UP_TO} images on one thread, through a
 *       chain made for the next power of two (zero rows fill the rest), so that a server's varying batches need few
 *       chains; more in equal parts of at most {@link #LARGEST_PART}, each through a chain made for its number.
 * </ul>
 *
 * One batch at a time: its caller holds the lock on the chains while the threads run.
 */
final class OneDnnInference {
    private static final int PIXELS = 28 * 28;
    /**
     * Chains up to this batch size are made and run on one thread: handing each layer's work to a second thread cost
     * more than it saved, from 4,000 images/s against 8,000 at batch 1 to 29,000 against 47,000 at 64
     * (performance.md, Batch 1).
     */
    static final int ALONE_UP_TO = 64;
    /** Whether large batches run on threads of their own here (class comment): on CPUs below AVX-512. */
    static final boolean SLICED = !CpuKind.onednnIsa().contains("AVX-512");

    /**
     * The most images a chain shared by the threads takes at once. Below AVX-512, 256: a part's arrays between the
     * layers stay in the caches, which a chain of 1,000 images' do not (25 MB for the first convolution's output
     * alone); one thread ran 4–10% faster so on a Zen 3. With AVX-512, 1,024, as measured there (performance.md).
     */
    static final int LARGEST_PART = SLICED ? 256 : 1_024;

    /** Chains by network (weakly), batch size and thread; guarded by itself. */
    private static final Map<MultiLayerNetwork, Map<Slot, OneDnnLeNet>> CHAINS = new WeakHashMap<>();

    /** The threads beside the caller's that run slices; daemons, made when needed and ended when idle. */
    private static final ExecutorService SLICES = Executors.newCachedThreadPool(run -> {
        Thread t = new Thread(run, "lenet-inference");
        t.setDaemon(true);
        return t;
    });

    /** A chain's batch size, and the thread of a batch that runs it (0 for the caller's). */
    private record Slot(int batch, int thread) {}

    /** A part of a batch: {@code rows} images from {@code row} on, through {@code chain}. */
    private record Part(OneDnnLeNet chain, int row, int rows) {}

    private OneDnnInference() {}

    /**
     * The softmax output for {@code images} (n × 784 floats, rows one after another in memory), on slices of their own
     * threads if {@code sliced} and there is more than one thread.
     */
    static INDArray output(
            MultiLayerNetwork network, INDArray images, OneDnnLeNet.ParamLayout[] layout, boolean sliced) {
        int n = (int) images.size(0);
        int threads = sliced && n > ALONE_UP_TO ? Math.min(Threads.nd4j(), (n + ALONE_UP_TO - 1) / ALONE_UP_TO) : 1;
        int classes = OneDnnNetwork.classes(network);
        float[] probabilities = new float[n * classes];
        long params = OneDnnNetwork.address(network.params());
        synchronized (CHAINS) {
            Map<Slot, OneDnnLeNet> chains = CHAINS.computeIfAbsent(network, k -> new HashMap<>());
            if (threads > 1) {
                long base = OneDnnNetwork.address(images);
                List<List<Part>> slices = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    slices.add(parts(
                            chains, classes, t, (int) ((long) n * t / threads), (int) ((long) n * (t + 1) / threads)));
                }
                List<Future<?>> others = new ArrayList<>();
                for (int t = 1; t < threads; t++) {
                    List<Part> slice = slices.get(t);
                    others.add(SLICES.submit(() -> run(slice, classes, base, params, layout, probabilities)));
                }
                run(slices.get(0), classes, base, params, layout, probabilities);
                for (Future<?> other : others) {
                    join(other);
                }
            } else {
                shared(chains, classes, images, params, layout, probabilities);
            }
            Reference.reachabilityFence(images); // read by address
        }
        return Nd4j.create(probabilities, new long[] {n, classes}, 'c');
    }

    /** Drops {@code network}'s chains, unreachable from then on. */
    static void forget(MultiLayerNetwork network) {
        synchronized (CHAINS) {
            CHAINS.remove(network);
        }
    }

    /** Rows {@code from} to {@code to} in equal parts of at most {@value #ALONE_UP_TO}, on one-thread chains. */
    private static List<Part> parts(Map<Slot, OneDnnLeNet> chains, int classes, int thread, int from, int to) {
        int most = partSize(to - from, ALONE_UP_TO);
        List<Part> parts = new ArrayList<>();
        for (int row = from; row < to; row += most) {
            int rows = Math.min(most, to - row);
            OneDnnLeNet chain = chains.computeIfAbsent(new Slot(rows, thread), s -> alone(s.batch(), classes));
            parts.add(new Part(chain, row, rows));
        }
        return parts;
    }

    private static void run(
            List<Part> parts, int classes, long base, long params, OneDnnLeNet.ParamLayout[] layout, float[] to) {
        for (Part part : parts) {
            float[] out = new float[part.rows() * classes];
            part.chain().bind(base + 4L * PIXELS * part.row(), params, 0, layout);
            part.chain().output(out);
            System.arraycopy(out, 0, to, part.row() * classes, out.length);
        }
    }

    private static void join(Future<?> slice) {
        try {
            slice.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the batch ran", e);
        }
    }

    /** The batch through chains whose layers the threads share, in parts (class comment). */
    private static void shared(
            Map<Slot, OneDnnLeNet> chains,
            int classes,
            INDArray images,
            long params,
            OneDnnLeNet.ParamLayout[] layout,
            float[] probabilities) {
        int n = (int) images.size(0);
        int most = partSize(n, LARGEST_PART);
        for (int done = 0; done < n; done += most) {
            int rows = Math.min(most, n - done);
            int size = rows > ALONE_UP_TO || Integer.bitCount(rows) == 1 ? rows : Integer.highestOneBit(rows) << 1;
            INDArray part =
                    rows == n ? images : images.get(NDArrayIndex.interval(done, done + rows), NDArrayIndex.all());
            if (size != rows) {
                INDArray padded = Nd4j.zeros(DataType.FLOAT, size, PIXELS);
                padded.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).assign(part);
                part = padded;
            }
            // the chain writes straight into the result when it holds just these rows
            float[] out = size == n ? probabilities : new float[size * classes];
            OneDnnLeNet chain = chains.computeIfAbsent(
                    new Slot(size, 0),
                    s -> s.batch() > ALONE_UP_TO ? new OneDnnLeNet(size, classes, false, false) : alone(size, classes));
            chain.bind(OneDnnNetwork.address(part), params, 0, layout);
            chain.output(out);
            Reference.reachabilityFence(part); // read by address: the padded copy must outlive the run
            if (out != probabilities) {
                System.arraycopy(out, 0, probabilities, done * classes, rows * classes);
            }
        }
    }

    /** The rows in each of the fewest equal parts of at most {@code largest} that {@code rows} make (1,000 and 256: 250). */
    private static int partSize(int rows, int largest) {
        int count = (rows + largest - 1) / largest;
        return (rows + count - 1) / count;
    }

    /** A chain for {@code batch} images, made and run on one thread. */
    private static OneDnnLeNet alone(int batch, int classes) {
        return OneDnnSteps.onOneThread(() -> new OneDnnLeNet(batch, classes, false, true));
    }
}
