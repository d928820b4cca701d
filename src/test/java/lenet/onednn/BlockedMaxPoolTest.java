package lenet.onednn;

import static lenet.onednn.OneDnnSteps.dims;
import static lenet.onednn.OneDnnSteps.plain;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.FloatPointer;
import org.junit.jupiter.api.Test;

/**
 * The pooling made of copies and a maximum, on oneDNN's 8-channel blocks, against a 2×2 max-pooling written out in
 * this test over the plain NCHW array: for channel counts that fill their blocks and that leave padding channels, as
 * LeNet-5's two poolings do. The primitives it is made of exist on every CPU, so this runs everywhere.
 */
class BlockedMaxPoolTest {

    @Test
    void isTheMaximumOfEachTwoByTwoWindowInEveryChannel() {
        for (long[] dims : new long[][] {{3, 6, 28, 28}, {2, 16, 10, 10}, {1, 11, 4, 6}}) {
            float[] in = new float[(int) (dims[0] * dims[1] * dims[2] * dims[3])];
            Random random = new Random(in.length);
            for (int i = 0; i < in.length; i++) {
                in[i] = (float) random.nextGaussian();
            }
            assertThat(pooled(dims, in)).as(Arrays.toString(dims)).containsExactly(expected(dims, in));
        }
    }

    @Test
    void appliesOnlyToEightChannelBlocksOfEvenSize() {
        long[] dims = {2, 6, 28, 28};
        assertThat(BlockedMaxPool.applies(plain(memory.format_tag.aBcd8b, dims), dims))
                .isTrue();
        assertThat(BlockedMaxPool.applies(plain(memory.format_tag.acdb, dims), dims))
                .as("NHWC, AVX-512's layout")
                .isFalse();
        assertThat(BlockedMaxPool.applies(plain(memory.format_tag.aBcd16b, dims), dims))
                .isFalse();
        long[] odd = {2, 6, 27, 28};
        assertThat(BlockedMaxPool.applies(plain(memory.format_tag.aBcd8b, odd), odd))
                .isFalse();
    }

    /** {@code in} (NCHW) into 8-channel blocks, through BlockedMaxPool, and back to NCHW. */
    private static float[] pooled(long[] dims, float[] in) {
        engine eng = new engine(engine.kind.cpu, 0);
        OneDnnSteps steps = new OneDnnSteps(eng, new stream(eng), false);
        FloatPointer input = new FloatPointer(in);
        memory plainIn = new memory(plain(memory.format_tag.nchw, dims), eng, input);
        memory blocked = steps.owned(plain(memory.format_tag.aBcd8b, dims));
        steps.copy(plainIn, blocked);
        memory out = BlockedMaxPool.append(steps, blocked, dims);
        long[] half = dims(dims[0], dims[1], dims[2] / 2, dims[3] / 2);
        float[] result = new float[(int) (half[0] * half[1] * half[2] * half[3])];
        FloatPointer output = new FloatPointer(result.length);
        steps.copy(out, new memory(plain(memory.format_tag.nchw, half), eng, output));
        steps.run();
        output.get(result);
        return result;
    }

    private static float[] expected(long[] dims, float[] in) {
        int n = (int) dims[0];
        int c = (int) dims[1];
        int h = (int) dims[2];
        int w = (int) dims[3];
        float[] out = new float[n * c * (h / 2) * (w / 2)];
        int k = 0;
        for (int image = 0; image < n; image++) {
            for (int channel = 0; channel < c; channel++) {
                int plane = (image * c + channel) * h * w;
                for (int y = 0; y < h; y += 2) {
                    for (int x = 0; x < w; x += 2) {
                        int at = plane + y * w + x;
                        out[k++] = Math.max(Math.max(in[at], in[at + 1]), Math.max(in[at + w], in[at + w + 1]));
                    }
                }
            }
        }
        return out;
    }
}
