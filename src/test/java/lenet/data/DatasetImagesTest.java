package lenet.data;

import static org.assertj.core.api.Assertions.assertThat;

import lenet.testing.MnistImages;
import org.deeplearning4j.datasets.iterator.impl.MnistDataSetIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

/**
 * lenet's MNIST rows, read from the shipped .gz files in place, hold exactly what DL4J's own {@link MnistDataSetIterator} gives (the oracle): the same floats to
 * the last bit and the same labels, in the same order, so that training reads the data it always read.
 */
class DatasetImagesTest {
    @Test
    void theTestSetIsDl4jsBitForBit() throws Exception {
        DataSet mine = DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, false)
                .all();
        MnistDataSetIterator dl4j = new MnistDataSetIterator(
                10_000, 10_000, false, false, false, 0, MnistImages.rawData().toFile());
        DataSet theirs = dl4j.next();

        assertThat(mine.getFeatures().shape()).containsExactly(10_000, 784);
        assertThat(mine.getFeatures().data().asFloat())
                .isEqualTo(theirs.getFeatures().data().asFloat());
        assertThat(mine.getLabels().data().asFloat())
                .isEqualTo(theirs.getLabels().data().asFloat());
    }

    @Test
    void trainingRowsInAnyOrderAreDl4jsRowsBitForBit() throws Exception {
        DatasetImages images = DatasetFiles.read(Dataset.MNIST, MnistImages.SHIPPED_DATA, true);
        int[] picked = {59_999, 0, 12_345, 30_000, 7};
        DataSet mine = images.rows(picked);
        MnistDataSetIterator dl4j = new MnistDataSetIterator(
                10_000, 60_000, false, true, false, 0, MnistImages.rawData().toFile());

        assertThat(images.size()).isEqualTo(60_000);
        int start = 0;
        while (dl4j.hasNext()) {
            DataSet batch = dl4j.next();
            for (int row = 0; row < picked.length; row++) {
                int index = picked[row] - start;
                if (index >= 0 && index < batch.numExamples()) {
                    assertThat(mine.getFeatures().getRow(row).toFloatVector())
                            .as("training image %d", picked[row])
                            .containsExactly(batch.getFeatures().getRow(index).toFloatVector());
                    assertThat(mine.getLabels().getRow(row).toFloatVector())
                            .containsExactly(batch.getLabels().getRow(index).toFloatVector());
                }
            }
            start += batch.numExamples();
        }
        assertThat(start).isEqualTo(60_000);
    }
}
