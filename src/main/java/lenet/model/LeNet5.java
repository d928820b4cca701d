package lenet.model;

import lenet.compute.ComputePath;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The LeNet-5 network: conv 5x5x6 (same padding) - max-pool 2x2 - conv 5x5x16 - max-pool 2x2 - dense 120 -
 * dense 84 - softmax over the classes (10 for MNIST), ReLU activations, trained with Adam. 61,706 parameters with
 * 10 classes, 85 more for each further class.
 */
public final class LeNet5 {
    public static final String ARCHITECTURE = "LeNet-5";
    /** With MNIST's 10 classes. */
    public static final long PARAMETERS = 61_706L;
    /**
     * Images per forward pass when many are measured or predicted at once: large enough to keep the native ops busy,
     * small enough to bound their working memory.
     */
    public static final int INFERENCE_BATCH = 1_000;

    private LeNet5() {}

    /** The parameters of a LeNet-5 with {@code classes} outputs: 84 weights and a bias each, on top of the rest. */
    public static long parameters(int classes) {
        return PARAMETERS + 85L * (classes - 10);
    }

    /** With the cosine schedule, the learning rate falls to this fraction of its first value, not to 0. */
    public static final double COSINE_FLOOR = 0.02;

    /**
     * The network a training run starts from: its seed, and Adam's learning rate following the run's schedule (per
     * worker: replicas averaged after every step take N times fewer steps, so the rate is N × --lr).
     */
    public static MultiLayerConfiguration configuration(HyperParameters hp, int classes) {
        double rate = hp.learningRate() * hp.workers();
        return configuration(
                hp.seed(),
                classes,
                HyperParameters.COSINE.equals(hp.schedule())
                        ? cosine(rate, hp.epochs())
                        : new ExponentialSchedule(ScheduleType.EPOCH, rate, hp.gamma()));
    }

    /**
     * @param seed         weight initialisation seed
     * @param learningRate Adam's learning rate in the first epoch
     * @param gamma        factor applied to the learning rate after each epoch (1 = constant)
     * @param classes      outputs of the network
     */
    public static MultiLayerConfiguration configuration(long seed, double learningRate, double gamma, int classes) {
        return configuration(seed, classes, new ExponentialSchedule(ScheduleType.EPOCH, learningRate, gamma));
    }

    /** {@link #configuration(long, double, double, int)} for MNIST's ten digits. */
    public static MultiLayerConfiguration configuration(long seed, double learningRate, double gamma) {
        return configuration(seed, learningRate, gamma, Classes.MNIST.size());
    }

    /**
     * Half a cosine from {@code rate} in the first epoch toward {@link #COSINE_FLOOR} × {@code rate} after the last;
     * epochs beyond {@code epochs} (a resumed run trained longer) keep the last epoch's rate.
     */
    static ISchedule cosine(double rate, int epochs) {
        MapSchedule.Builder schedule = new MapSchedule.Builder(ScheduleType.EPOCH);
        for (int e = 0; e < epochs; e++) {
            schedule.add(e, rate * (COSINE_FLOOR + (1 - COSINE_FLOOR) * 0.5 * (1 + Math.cos(Math.PI * e / epochs))));
        }
        return schedule.build();
    }

    private static MultiLayerConfiguration configuration(long seed, int classes, ISchedule learningRate) {
        ComputePath.prepareLayers(); // before any layer of this network is built
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(learningRate))
                .weightInit(WeightInit.RELU)
                .activation(Activation.RELU)
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .nOut(6)
                        .stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same)
                        .name("conv1")
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .name("pool1")
                        .build())
                .layer(new ConvolutionLayer.Builder(5, 5)
                        .nOut(16)
                        .stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .name("conv2")
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX)
                        .kernelSize(2, 2)
                        .stride(2, 2)
                        .name("pool2")
                        .build())
                .layer(new DenseLayer.Builder().nOut(120).name("fc1").build())
                .layer(new DenseLayer.Builder().nOut(84).name("fc2").build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nOut(classes)
                        .activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER)
                        .name("output")
                        .build())
                .setInputType(InputType.convolutionalFlat(InputScaling.HEIGHT, InputScaling.WIDTH, 1))
                .build();
    }
}
