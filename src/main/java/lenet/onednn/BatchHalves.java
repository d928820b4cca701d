package lenet.onednn;

import static lenet.onednn.OneDnnSteps.at;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;

import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import lenet.core.IdleWork;
import lenet.core.SecondThread;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training step's gradients and loss for one batch size, computed as the sums of those of the batch's two halves:
 * each half has a chain of its own ({@link OneDnnLeNet}), made for one OpenMP thread, and with two threads the halves
 * run at the same time, the second on the {@link SecondThread}; with one, one after the other. Every sum is then taken
 * in the same order for 1 and 2 threads, so the two give the same bits.
 *
 * <p>Why: oneDNN's primitives made for two threads split each layer's work between the threads and wait for both,
 * some forty times a step, and gained only a third over one thread; two half batches on a thread each took 4.00–4.11
 * ms a step of 128 images (forward and backward passes with the loss) against 4.43–5.08 for the batch on two threads
 * (AMD EPYC Zen 4, AVX-512; as AVX2 4.58–5.10 against 5.39–5.71; performance.md, "Two half batches").
 */
final class BatchHalves {
    private final int classes;
    private final int firstRows;
    private final OneDnnLeNet first;
    private final OneDnnLeNet second;
    /** The second half's gradients, in DL4J's flat layout, added to the first's after each step. */
    private final INDArray secondGradients;
    /** That sum, on the calling thread alone: an ND4J op would wake OpenMP's other thread for 62,000 additions. */
    private final OneDnnSteps sum;

    private final memory firstGradients;

    BatchHalves(int batch, int classes, long parameters) {
        this.classes = classes;
        this.firstRows = batch / 2;
        this.first = OneDnnSteps.onOneThread(() -> new OneDnnLeNet(firstRows, classes, true, true));
        this.second = OneDnnSteps.onOneThread(() -> new OneDnnLeNet(batch - firstRows, classes, true, true));
        this.secondGradients = Nd4j.createUninitialized(DataType.FLOAT, 1, parameters);
        engine eng = new engine(engine.kind.cpu, 0);
        this.sum = new OneDnnSteps(eng, new stream(eng), true);
        memory.desc flat = OneDnnSteps.plain(memory.format_tag.x, parameters);
        this.firstGradients = sum.user(flat);
        memory addend = new memory(flat, eng, at(OneDnnNetwork.address(secondGradients)));
        binary.primitive_desc add = OneDnnSteps.onOneThread(() -> new binary.primitive_desc(
                new binary.desc(algorithm.binary_add, flat, flat, flat), OneDnnSteps.attributes(), eng));
        sum.add(
                OneDnnSteps.onOneThread(() -> new binary(add)),
                DNNL_ARG_SRC_0,
                firstGradients,
                DNNL_ARG_SRC_1,
                addend,
                DNNL_ARG_DST,
                firstGradients);
    }

    /**
     * Writes the batch's gradients to {@code gradients} (DL4J's flat gradient array) and returns its loss, averaged
     * over the batch, as {@link OneDnnLeNet#gradients} does for a whole batch.
     *
     * @param input the address of the batch's image rows (batch × 784 floats)
     * @param params the address of DL4J's flat parameter array
     * @param labels the batch's label rows (batch × classes)
     * @param twoThreads whether the halves run at the same time
     */
    double gradients(
            long input,
            long params,
            INDArray gradients,
            OneDnnLeNet.ParamLayout[] layout,
            float[] labels,
            boolean twoThreads) {
        int split = firstRows * classes;
        first.bind(input, params, OneDnnNetwork.address(gradients), layout);
        second.bind(input + 4L * 784 * firstRows, params, OneDnnNetwork.address(secondGradients), layout);
        float[] firstLabels = Arrays.copyOfRange(labels, 0, split);
        float[] secondLabels = Arrays.copyOfRange(labels, split, labels.length);
        int secondRows = labels.length / classes - firstRows;
        double secondLoss;
        double firstLoss;
        if (twoThreads) {
            Future<Double> other = SecondThread.submitRecurring(() -> second.gradients(secondLabels));
            firstLoss = first.gradients(firstLabels);
            // it has as much work as this thread had: meanwhile this one readies the next batch, if training offered it
            IdleWork.waitUntil(other::isDone);
            secondLoss = result(other);
        } else {
            firstLoss = first.gradients(firstLabels);
            secondLoss = second.gradients(secondLabels);
        }
        firstGradients.set_data_handle(at(OneDnnNetwork.address(gradients)));
        sum.run();
        return (firstLoss * firstRows + secondLoss * secondRows) / (firstRows + secondRows);
    }

    private static double result(Future<Double> other) {
        try {
            return other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the second half batch trained", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }
}
