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

    /** Whether {@code a}'s values lie in its native buffer as floats, row after row (its rows can be read directly). */
    static boolean plain(INDArray a) {
        return a.dataType() == DataType.FLOAT && a.ordering() == 'c' && Shape.hasDefaultStridesForShape(a);
    }

    /** Rows {@code from} to {@code to} of {@code a} ({@link #plain}, rows of {@code width}) into {@code values}. */
    static void readRows(INDArray a, int width, int from, int to, float[] values, int at) {
        a.data().asNioFloat().get((int) a.offset() + from * width, values, at, (to - from) * width);
    }

    /** {@code values} from {@code at} into rows {@code from} to {@code to} of {@code a} ({@link #plain}). */
    static void writeRows(float[] values, int at, int width, int from, int to, INDArray a) {
        a.data().asNioFloat().put((int) a.offset() + from * width, values, at, (to - from) * width);
    }

    /** A new array of {@code a}'s values, copied in native memory when {@code a} is {@link #plain}. */
    static INDArray copy(INDArray a) {
        if (!plain(a)) {
            return a.castTo(DataType.FLOAT).dup('c');
        }
        INDArray copy = Nd4j.createUninitialized(DataType.FLOAT, a.shape());
        copy.data().asNioFloat().put(0, a.data().asNioFloat(), (int) a.offset(), (int) a.length());
        return copy;
    }

    /** {@code a}'s values in row-major order, as floats. */
    public static float[] read(INDArray a) {
        if (plain(a)) {
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
