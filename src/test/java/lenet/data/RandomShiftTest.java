package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class RandomShiftTest {

    @Test
    void shiftMovesPixelsAndFillsWithBackground() {
        float[] in = new float[784];
        in[10 * 28 + 10] = 1f;
        in[0] = 0.5f;
        float[] out = new float[784];

        RandomShift.shift(in, out, 0, 2, -1);

        assertThat(out[9 * 28 + 12]).isEqualTo(1f);
        assertThat(out[10 * 28 + 10]).isZero();
        assertThat(out).containsOnlyOnce(1f);
        // (0,0) moved to (2,-1): off the image, so it is gone
        assertThat(out).doesNotContain(0.5f);
    }

    /**
     * Every move from 30 px one way to 30 px the other, both directions, against the definition pixel by pixel: out(x,
     * y) = in(x − dx, y − dy) inside the image, background (0) elsewhere; the output starts as noise, so every pixel
     * must be written.
     */
    @Test
    void everyMoveIsTheDefinitionPixelByPixel() {
        java.util.Random random = new java.util.Random(4);
        float[] in = new float[3 * 784];
        for (int p = 0; p < in.length; p++) {
            in[p] = random.nextFloat();
        }
        for (int dx = -30; dx <= 30; dx++) {
            for (int dy = -30; dy <= 30; dy++) {
                float[] out = new float[in.length];
                java.util.Arrays.fill(out, Float.NaN);
                RandomShift.shift(in, out, 784, dx, dy);
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        int sx = x - dx, sy = y - dy;
                        float want = sx >= 0 && sx < 28 && sy >= 0 && sy < 28 ? in[784 + sy * 28 + sx] : 0f;
                        assertThat(out[784 + y * 28 + x])
                                .as("move (%d, %d), pixel (%d, %d)", dx, dy, x, y)
                                .isEqualTo(want);
                    }
                }
                assertThat(out[783]).as("before the image").isNaN();
                assertThat(out[2 * 784]).as("after the image").isNaN();
            }
        }
    }

    @Test
    void batchGetsShiftedCopiesAndTheSourceIsUntouched() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 8, 784);
        INDArray original = features.dup();
        DataSet batch = new DataSet(features, Nd4j.zeros(DataType.FLOAT, 8, 10));

        new RandomShift(2, 1).preProcess(batch);

        assertThat(features).isEqualTo(original);
        assertThat(batch.getFeatures().shape()).containsExactly(8, 784);
        assertThat(batch.getFeatures()).isNotEqualTo(original);
    }

    @Test
    void sameSeedSameShiftsZeroShiftNoChange() {
        INDArray features = Nd4j.rand(DataType.FLOAT, 4, 784);
        DataSet a = new DataSet(features.dup(), Nd4j.zeros(DataType.FLOAT, 4, 10));
        DataSet b = new DataSet(features.dup(), Nd4j.zeros(DataType.FLOAT, 4, 10));
        DataSet c = new DataSet(features.dup(), Nd4j.zeros(DataType.FLOAT, 4, 10));

        new RandomShift(2, 9).preProcess(a);
        new RandomShift(2, 9).preProcess(b);
        new RandomShift(0, 9).preProcess(c);

        assertThat(a.getFeatures()).isEqualTo(b.getFeatures());
        assertThat(c.getFeatures()).isEqualTo(features);
    }
}
