package lenet.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lenet.core.LenetException;
import lenet.model.Classes;
import lenet.model.HyperParameters;
import lenet.model.HyperParametersBuilder;
import lenet.model.LeNet5;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class CheckpointsTest {
    @TempDir
    Path dir;

    static CheckpointMetadata metadata() {
        return metadata(
                CheckpointMetadata.FORMAT_VERSION,
                HyperParameters.plain()
                        .epochs(10)
                        .batchSize(64)
                        .learningRate(0.001)
                        .seed(42)
                        .valSize(5000)
                        .build());
    }

    /** The same metadata written with another format version or other hyper-parameters. */
    static CheckpointMetadata metadata(int formatVersion, HyperParameters hyperParameters) {
        return new CheckpointMetadata(
                CheckpointMetadata.FORMAT,
                formatVersion,
                LeNet5.ARCHITECTURE,
                lenet.model.InputScaling.DESCRIPTION,
                3,
                0.987,
                0.04,
                null,
                hyperParameters,
                "1.0.0-M2.1",
                "0.1.0",
                "2026-11-24T00:00:00Z",
                null,
                formatVersion >= 3 ? Classes.MNIST : null); // files written before format 3 name no classes
    }

    /** A LeNet-5 with a few Adam steps taken, so the updater has state worth restoring. */
    static MultiLayerNetwork trainedNetwork() {
        MultiLayerNetwork network = new MultiLayerNetwork(LeNet5.configuration(1, 0.001, 0.7));
        network.init();
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 10, 1f);
        }
        for (int i = 0; i < 3; i++) {
            network.fit(new DataSet(x, y));
        }
        return network;
    }

    @Test
    void roundTripRestoresOutputsUpdaterAndMetadata() throws IOException {
        MultiLayerNetwork network = trainedNetwork();
        Path file = dir.resolve("models/m.zip");

        Checkpoints.save(network, metadata(), file);
        Checkpoints.Loaded loaded = Checkpoints.load(file, true);

        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 784);
        assertThat(loaded.network().output(x)).isEqualTo(network.output(x));
        assertThat(loaded.network().params()).isEqualTo(network.params());
        assertThat(loaded.network().getUpdater().getStateViewArray())
                .isEqualTo(network.getUpdater().getStateViewArray());
        assertThat(loaded.metadata()).isEqualTo(metadata());
        assertThat(Checkpoints.readMetadata(file)).isEqualTo(metadata());
        assertThat(entryNames(file))
                .contains("configuration.json", "coefficients.bin", "updaterState.bin", Checkpoints.METADATA_ENTRY);
        try (var files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void saveReplacesAnExistingCheckpoint() {
        Path file = dir.resolve("m.zip");
        Checkpoints.save(trainedNetwork(), metadata(), file);

        Checkpoints.save(trainedNetwork(), metadata().withTestAccuracy(0.991), file);

        assertThat(Checkpoints.readMetadata(file).testAccuracy()).isEqualTo(0.991);
    }

    @Test
    void missingModelNamesTheFileAndTheModelsFolder() {
        assertThatThrownBy(() -> Checkpoints.load(dir.resolve("nope.zip"), false))
                .isInstanceOf(LenetException.class)
                .hasMessageContaining("nope.zip: model file not found")
                .hasMessageContaining("lenet train");
    }

    @Test
    void fileThatIsNotAZipIsSaidSo() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.zip"), "hello");

        assertThatThrownBy(() -> Checkpoints.load(file, false))
                .hasMessageEndingWith("notes.zip: not a lenet checkpoint (not a zip file)");
    }

    @Test
    void zipWithoutModelIsSaidSo() throws IOException {
        Path file = dir.resolve("other.zip");
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hi".getBytes());
        }

        assertThatThrownBy(() -> Checkpoints.load(file, false))
                .hasMessageEndingWith("other.zip: not a lenet checkpoint (a zip without a model in it)");
    }

    @Test
    void plainDl4jModelIsNotALenetCheckpoint() throws IOException {
        Path file = dir.resolve("dl4j.zip");
        ModelSerializer.writeModel(trainedNetwork(), file.toFile(), false);

        assertThatThrownBy(() -> Checkpoints.load(file, false))
                .hasMessageEndingWith("dl4j.zip: not a lenet checkpoint (a DL4J model without lenet metadata)");
    }

    @Test
    void networkOfAnotherShapeIsRejected() {
        MultiLayerNetwork small = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD)
                        .nIn(784)
                        .nOut(10)
                        .activation(Activation.SOFTMAX)
                        .build())
                .build());
        small.init();
        Path file = dir.resolve("small.zip");
        Checkpoints.save(small, metadata(), file);

        assertThatThrownBy(() -> Checkpoints.load(file, false))
                .hasMessageContaining("small.zip: network has the wrong shape for LeNet-5")
                .hasMessageContaining("7850 parameters");
    }

    @Test
    void checkpointOfANewerFormatAsksForANewerLenet() throws IOException {
        Path file = dir.resolve("future.zip");
        Checkpoints.save(
                trainedNetwork(),
                metadata(CheckpointMetadata.FORMAT_VERSION + 1, metadata().hyperParameters()),
                file);

        assertThatThrownBy(() -> Checkpoints.load(file, false))
                .isInstanceOf(LenetException.class)
                .hasMessageEndingWith("future.zip: checkpoint format " + (CheckpointMetadata.FORMAT_VERSION + 1)
                        + " is newer than this lenet reads (up to " + CheckpointMetadata.FORMAT_VERSION
                        + "); update lenet");
    }

    @Test
    void aCheckpointWrittenBeforeTheRecipeOptionsReadsAsTheOldRecipe() throws IOException {
        Path file = dir.resolve("older.zip");
        HyperParameters recipe = HyperParametersBuilder.builder()
                .epochs(10)
                .batchSize(64)
                .learningRate(0.001)
                .gamma(0.7)
                .shift(2)
                .seed(42)
                .valSize(5000)
                .limit(0)
                .workers(1)
                .patience(0)
                .rotation(10)
                .scale(0.1)
                .shear(0.2)
                .elastic(1.5)
                .thickness(0.3)
                .labelSmoothing(0.1)
                .schedule(HyperParameters.COSINE)
                .flaggedOnes(0.3)
                .mirror(0.5)
                .build();
        Checkpoints.save(trainedNetwork(), metadata(CheckpointMetadata.FORMAT_VERSION, recipe), file);
        assertThat(Checkpoints.readMetadata(file).hyperParameters()).isEqualTo(recipe);
        // lenet.json as lenet wrote it before these options existed: none of their fields
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(file)) {
            Path json = zip.getPath("lenet.json");
            String older = Files.readString(json)
                    .replaceAll(
                            ",\\s*\"(rotation|scale|shear|elastic|thickness|label_smoothing|schedule|flagged_ones|mirror)\"\\s*:\\s*[^,}]*",
                            "")
                    .replaceAll(",\\s*\"classes\"\\s*:\\s*\\{[^}]*\\}", "");
            assertThat(older)
                    .contains("\"patience\"")
                    .doesNotContain("rotation", "label_smoothing", "schedule", "flagged_ones", "mirror", "classes");
            Files.writeString(json, older);
        }

        HyperParameters read = Checkpoints.readMetadata(file).hyperParameters();

        assertThat(read)
                .isEqualTo(HyperParameters.plain()
                        .epochs(10)
                        .batchSize(64)
                        .learningRate(0.001)
                        .seed(42)
                        .valSize(5000)
                        .build());
        assertThat(read.schedule()).isEqualTo(HyperParameters.EXPONENTIAL);
        assertThat(read.wholePixelShifts()).isTrue();
        assertThat(Checkpoints.readMetadata(file).classes()).isEqualTo(Classes.MNIST); // before datasets: MNIST's
        assertThat(Checkpoints.load(file, true).network().numParams()).isEqualTo(LeNet5.PARAMETERS);
    }

    @Test
    void resolveTriesThePathThenTheModelsFolder() throws IOException {
        String previous = System.getProperty("lenet.home");
        System.setProperty("lenet.home", dir.toString());
        try {
            Files.createDirectories(dir.resolve("models"));
            Path inModels = Files.writeString(dir.resolve("models/mine.zip"), "x");
            Path direct = Files.writeString(dir.resolve("direct.zip"), "x");

            assertThat(Checkpoints.resolve("mine.zip")).isEqualTo(inModels);
            assertThat(Checkpoints.resolve(direct.toString())).isEqualTo(direct);
            assertThat(Checkpoints.resolve("absent.zip")).isEqualTo(Path.of("absent.zip"));
        } finally {
            if (previous == null) {
                System.clearProperty("lenet.home");
            } else {
                System.setProperty("lenet.home", previous);
            }
        }
    }

    /** The names of the entries in a zip, read with the JDK's own zip reader. */
    private static List<String> entryNames(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
