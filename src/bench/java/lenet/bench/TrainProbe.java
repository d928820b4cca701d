package lenet.bench;

import java.nio.file.Path;
import lenet.core.Threads;
import lenet.data.MnistData;
import lenet.data.RandomShift;
import lenet.data.ShuffledBatches;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exploration probe for performance.md: training images/s of one configuration, one worker, over one pass of the
 * first {@code -Dimages} training images after a warm-up pass. Properties: images (20000), batch (64), threads (2),
 * blas (= threads), shift (2), format (NCHW or NHWC), ws (ENABLED or NONE), profile (ND4J's op profiler),
 * poolhelper (off: pooling layers without DL4J's oneDNN helper; generic: GenericPooling; java: JavaPooling).
 */
public final class TrainProbe {
    public static void main(String[] args) {
        int batch = Integer.parseInt(System.getProperty("batch", "64"));
        int images = Integer.parseInt(System.getProperty("images", "20000"));
        int threads = Integer.parseInt(System.getProperty("threads", "2"));
        int shift = Integer.parseInt(System.getProperty("shift", "2"));
        Threads.apply(threads, true);
        Nd4j.factory().blas().setMaxThreads(Integer.parseInt(System.getProperty("blas", String.valueOf(threads))));
        System.err.println(Nd4j.getExecutioner().getEnvironmentInformation());
        DataSet all = MnistData.train(Path.of("data/mnist"));
        DataSet train = new DataSet(
                all.getFeatures()
                        .get(
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, images),
                                org.nd4j.linalg.indexing.NDArrayIndex.all())
                        .dup(),
                all.getLabels()
                        .get(
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, images),
                                org.nd4j.linalg.indexing.NDArrayIndex.all())
                        .dup());
        org.deeplearning4j.nn.conf.MultiLayerConfiguration conf =
                "NHWC".equals(System.getProperty("format")) ? nhwc() : LeNet5.configuration(1, 1e-3, 0.7);
        if (System.getProperty("ws") != null) { // workspace mode: ENABLED (DL4J's default) or NONE
            conf.setTrainingWorkspaceMode(org.deeplearning4j.nn.conf.WorkspaceMode.valueOf(System.getProperty("ws")));
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        if (System.getProperty("poolhelper") != null) { // off: no helper; generic: GenericPooling; java: JavaPooling
            for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
                if (layer instanceof org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer) {
                    try {
                        java.lang.reflect.Field helper = layer.getClass().getDeclaredField("helper");
                        helper.setAccessible(true);
                        String which = System.getProperty("poolhelper");
                        helper.set(
                                layer,
                                "generic".equals(which)
                                        ? new GenericPooling()
                                        : "java".equals(which) ? new JavaPooling() : null);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        ShuffledBatches batches = new ShuffledBatches(train, batch, 1);
        RandomShift rs = new RandomShift(shift, 1);
        boolean nhwc = "NHWC".equals(System.getProperty("format"));
        batches.setPreProcessor(ds -> {
            rs.preProcess(ds);
            if (nhwc)
                ds.setFeatures(ds.getFeatures().reshape('c', ds.getFeatures().size(0), 28, 28, 1));
        });
        net.fit(batches); // warm-up
        System.out.println("helper: "
                + ((org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) net.getLayer(0)).getHelper() + " onednn="
                + org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu.Environment.getInstance()
                        .isUseONEDNN() + " helpers=" + Nd4j.getEnvironment().helpersAllowed());
        if (Boolean.getBoolean("profile")) {
            Nd4j.getExecutioner().setProfilingMode(org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.ALL);
            org.nd4j.linalg.profiler.OpProfiler.getInstance().reset();
            long t = System.nanoTime();
            net.fit(batches);
            System.out.printf("profiled pass: %.2f s%n", (System.nanoTime() - t) / 1e9);
            org.nd4j.linalg.profiler.OpProfiler.getInstance().printOutDashboard();
            return;
        }
        for (int r = 0; r < 2; r++) {
            long t = System.nanoTime();
            net.fit(batches);
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf("batch %d threads %d: %.0f images/s (%.2f s)%n", batch, threads, images / s, s);
        }
    }

    static org.deeplearning4j.nn.conf.MultiLayerConfiguration nhwc() {
        lenet.core.OneDnn.enable();
        var f = org.deeplearning4j.nn.conf.CNN2DFormat.NHWC;
        return new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                .seed(1)
                .updater(new org.nd4j.linalg.learning.config.Adam(1e-3))
                .weightInit(org.deeplearning4j.nn.weights.WeightInit.RELU)
                .activation(org.nd4j.linalg.activations.Activation.RELU)
                .list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(5, 5)
                        .nOut(6)
                        .dataFormat(f)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Same)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                                org.deeplearning4j.nn.conf.layers.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .dataFormat(f)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(5, 5)
                        .nOut(16)
                        .dataFormat(f)
                        .convolutionMode(org.deeplearning4j.nn.conf.ConvolutionMode.Truncate)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.SubsamplingLayer.Builder(
                                org.deeplearning4j.nn.conf.layers.PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .dataFormat(f)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                        .nOut(120)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                        .nOut(84)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                                org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(10)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX)
                        .build())
                .setInputType(org.deeplearning4j.nn.conf.inputs.InputType.convolutional(28, 28, 1, f))
                .build();
    }
}
