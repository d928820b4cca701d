package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Mirror images: left and right swapped row by row, for the share asked, and a resumed run draws on where it was. */
class MirrorTest {
    /** Two images, each with one lit pixel: row 3 column 1, and row 27 column 27. */
    private static DataSet batch() {
        float[] pixels = new float[2 * 784];
        pixels[3 * 28 + 1] = 1f;
        pixels[784 + 27 * 28 + 27] = 0.5f;
        return new DataSet(Nd4j.create(pixels, new long[] {2, 784}, 'c'), Nd4j.zeros(2, 10));
    }

    @Test
    void everyImageMirroredAtShareOne() {
        DataSet batch = batch();

        new Mirror(1, 7).preProcess(batch);

        float[] out = batch.getFeatures().dup('c').data().asFloat();
        assertThat(out[3 * 28 + 26]).isEqualTo(1f); // column 1 of 28 goes to column 26
        assertThat(out[784 + 27 * 28]).isEqualTo(0.5f); // column 27 to column 0
        assertThat(batch.getFeatures().sumNumber().doubleValue()).isEqualTo(1.5);
    }

    @Test
    void atShareZeroNothingChangesAndNothingIsDrawn() {
        DataSet batch = batch();
        float[] before = batch.getFeatures().dup('c').data().asFloat();
        Mirror off = new Mirror(0, 7);

        off.preProcess(batch);
        off.skip(1_000);

        assertThat(batch.getFeatures().dup('c').data().asFloat()).containsExactly(before);
        assertThat(off.random.nextLong()).isEqualTo(new Mirror(0, 7).random.nextLong());
    }

    @Test
    void aResumedRunMirrorsWhatAnUninterruptedOneWould() {
        Mirror straight = new Mirror(0.5, 11);
        Mirror resumed = new Mirror(0.5, 11);
        for (int i = 0; i < 5; i++) {
            straight.preProcess(batch());
        }
        resumed.skip(10); // five batches of two images

        DataSet a = batch();
        DataSet b = batch();
        straight.preProcess(a);
        resumed.preProcess(b);

        assertThat(b.getFeatures().dup('c').data().asFloat())
                .containsExactly(a.getFeatures().dup('c').data().asFloat());
    }
}
