package lenet.data;

import lenet.model.InputScaling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch's values as a Java array and back, for the augmentations, which work image by image in Java: read straight
 * from the native buffer when the rows lie one after the other (a batch cut from the training set does), without an
 * ND4J op (a copy op wakes OpenMP's threads: it cost more than shifting the images did).
 */
public final class BatchPixels {
    private BatchPixels() {}

    /** {@code a}'s values in row-major order, as floats. */
    public static float[] read(INDArray a) {
        if (a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a)) {
            float[] values = new float[(int) a.length()];
            a.data().asNioFloat().get((int) a.offset(), values);
            return values;
        }
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    /** {@code pixels} as a new array of {@code n} image rows (n × 784). */
    public static INDArray images(float[] pixels, int n) {
        INDArray features = Nd4j.createUninitialized(DataType.FLOAT, n, InputScaling.PIXELS);
        features.data().asNioFloat().put(0, pixels, 0, n * InputScaling.PIXELS);
        return features;
    }
}
