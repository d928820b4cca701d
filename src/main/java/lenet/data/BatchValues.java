package lenet.data;

import lenet.model.InputScaling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A batch's values as a Java array and back, for the augmentations and label smoothing, which work in Java: read straight
 * from the native buffer when the rows lie one after the other (a batch cut from the training set does), without an
 * ND4J op (a copy op wakes OpenMP's threads: it cost more than shifting the images did; and from the thread that
 * prepares the next batch, an op would start a second team of OpenMP threads beside training's).
 */
public final class BatchValues {
    private BatchValues() {}

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
        return rows(pixels, n, InputScaling.PIXELS);
    }

    /** {@code values} as a new array of {@code n} rows of {@code width}. */
    public static INDArray rows(float[] values, int n, int width) {
        INDArray rows = Nd4j.createUninitialized(DataType.FLOAT, n, width);
        rows.data().asNioFloat().put(0, values, 0, n * width);
        return rows;
    }
}
