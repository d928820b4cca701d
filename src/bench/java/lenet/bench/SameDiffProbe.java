package lenet.bench;

import java.nio.file.Path;
import lenet.core.Threads;
import lenet.data.MnistData;
import lenet.data.RandomShift;
import lenet.data.ShuffledBatches;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.weightinit.impl.XavierInitScheme;

/**
 * Exploration probe for performance.md: the same LeNet-5 written as a SameDiff graph, trained on the same batches
 * (same shift augmentation), to see whether SameDiff's op-by-op execution is faster than MultiLayerNetwork's.
 * Properties: images (default 20000), batch (128), threads (2).
 */
public final class SameDiffProbe {
    public static void main(String[] args) {
        int images = Integer.getInteger("images", 20000);
        int batch = Integer.getInteger("batch", 128);
        Threads.apply(Integer.getInteger("threads", 2), true);
        DataSet all = MnistData.train(Path.of("data/mnist"));
        DataSet train = new DataSet(
                all.getFeatures()
                        .get(NDArrayIndex.interval(0, images), NDArrayIndex.all())
                        .dup(),
                all.getLabels()
                        .get(NDArrayIndex.interval(0, images), NDArrayIndex.all())
                        .dup());

        SameDiff sd = SameDiff.create();
        SDVariable in = sd.placeHolder("input", DataType.FLOAT, -1, 784);
        SDVariable label = sd.placeHolder("label", DataType.FLOAT, -1, 10);
        SDVariable x = sd.reshape(in, sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(-1L, 1L, 28L, 28L)));
        SDVariable w1 = sd.var("w1", new XavierInitScheme('c', 25, 150), DataType.FLOAT, 5, 5, 1, 6);
        SDVariable b1 = sd.zero("b1", DataType.FLOAT, 6);
        SDVariable w2 = sd.var("w2", new XavierInitScheme('c', 150, 400), DataType.FLOAT, 5, 5, 6, 16);
        SDVariable b2 = sd.zero("b2", DataType.FLOAT, 16);
        Pooling2DConfig pool =
                Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).isNHWC(false).build();
        SDVariable c1 = sd.nn()
                .relu(
                        sd.cnn()
                                .conv2d(
                                        x,
                                        w1,
                                        b1,
                                        Conv2DConfig.builder()
                                                .kH(5)
                                                .kW(5)
                                                .sH(1)
                                                .sW(1)
                                                .pH(2)
                                                .pW(2)
                                                .paddingMode(
                                                        org.nd4j.linalg.api.ops.impl.layers.convolution.config
                                                                .PaddingMode.SAME)
                                                .dataFormat("NCHW")
                                                .build()),
                        0);
        SDVariable p1 = sd.cnn().maxPooling2d(c1, pool);
        SDVariable c2 = sd.nn()
                .relu(
                        sd.cnn()
                                .conv2d(
                                        p1,
                                        w2,
                                        b2,
                                        Conv2DConfig.builder()
                                                .kH(5)
                                                .kW(5)
                                                .sH(1)
                                                .sW(1)
                                                .paddingMode(
                                                        org.nd4j.linalg.api.ops.impl.layers.convolution.config
                                                                .PaddingMode.VALID)
                                                .dataFormat("NCHW")
                                                .build()),
                        0);
        SDVariable p2 = sd.cnn().maxPooling2d(c2, pool);
        SDVariable flat = sd.reshape(p2, sd.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(-1L, 400L)));
        SDVariable h1 = dense(sd, flat, "fc1", 400, 120, true);
        SDVariable h2 = dense(sd, h1, "fc2", 120, 84, true);
        SDVariable logits = dense(sd, h2, "out", 84, 10, false);
        sd.loss().softmaxCrossEntropy("loss", label, logits, null);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(new Adam(0.002))
                .dataSetFeatureMapping("input")
                .dataSetLabelMapping("label")
                .build());

        ShuffledBatches batches = new ShuffledBatches(train, batch, 1);
        batches.setPreProcessor(new RandomShift(2, 1));
        sd.fit(batches, 1); // warm-up
        for (int r = 0; r < 2; r++) {
            long t = System.nanoTime();
            sd.fit(batches, 1);
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("SameDiff batch %d: %.0f images/s (%.2f s)%n", batch, images / s, s);
        }
    }

    private static SDVariable dense(SameDiff sd, SDVariable x, String name, int in, int out, boolean relu) {
        SDVariable w = sd.var(name + "_w", new XavierInitScheme('c', in, out), DataType.FLOAT, in, out);
        SDVariable b = sd.zero(name + "_b", DataType.FLOAT, out);
        SDVariable z = x.mmul(w).add(b);
        return relu ? sd.nn().relu(z, 0) : z;
    }
}
