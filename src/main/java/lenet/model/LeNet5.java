package lenet.model;

import lenet.core.OneDnn;
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
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The LeNet-5 network: conv 5x5x6 (same padding) - max-pool 2x2 - conv 5x5x16 - max-pool 2x2 - dense 120 -
 * dense 84 - softmax 10, ReLU activations, trained with Adam. 61,706 parameters.
 */
public final class LeNet5 {
    public static final String ARCHITECTURE = "LeNet-5";
    public static final long PARAMETERS = 61_706L;
    /**
     * Images per forward pass when many are measured or predicted at once: large enough to keep the native ops busy,
     * small enough to bound their working memory.
     */
    public static final int INFERENCE_BATCH = 1_000;

    private LeNet5() {}

    /**
     * @param seed         weight initialisation seed
     * @param learningRate Adam's learning rate in the first epoch
     * @param gamma        factor applied to the learning rate after each epoch (1 = constant)
     */
    public static MultiLayerConfiguration configuration(long seed, double learningRate, double gamma) {
        OneDnn.enable(); // before any layer of this network is built
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, gamma)))
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
                        .nOut(InputScaling.CLASSES)
                        .activation(Activation.SOFTMAX)
                        .weightInit(WeightInit.XAVIER)
                        .name("output")
                        .build())
                .setInputType(InputType.convolutionalFlat(InputScaling.HEIGHT, InputScaling.WIDTH, 1))
                .build();
    }
}
