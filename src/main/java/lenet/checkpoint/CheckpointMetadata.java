package lenet.checkpoint;

/**
 * What a lenet checkpoint records besides the weights, stored as {@code lenet.json} inside the zip.
 *
 * @param format         always {@link #FORMAT}: tells a lenet checkpoint from any other DL4J zip
 * @param formatVersion  bumped when a field changes meaning
 * @param architecture   network name, {@code LeNet-5}
 * @param inputScaling   how pixels were turned into inputs (see {@link lenet.model.InputScaling})
 * @param epochs         epochs trained when this checkpoint was written
 * @param valAccuracy    validation accuracy after that epoch, 0..1 (null if there was no validation set)
 * @param valLoss        validation loss after that epoch
 * @param testAccuracy   accuracy on the 10,000 MNIST test images, once measured (null before)
 * @param hyperParameters the options the model was trained with
 * @param dl4jVersion    DL4J release that wrote the file
 * @param lenetVersion   lenet release that wrote the file
 * @param created        ISO-8601 time of writing
 */
public record CheckpointMetadata(
        String format,
        int formatVersion,
        String architecture,
        String inputScaling,
        int epochs,
        Double valAccuracy,
        Double valLoss,
        Double testAccuracy,
        HyperParameters hyperParameters,
        String dl4jVersion,
        String lenetVersion,
        String created) {

    public static final String FORMAT = "lenet-checkpoint";
    public static final int FORMAT_VERSION = 1;

    /** Training options that define the run; the same values reproduce it. */
    public record HyperParameters(int epochs, int batchSize, double learningRate, double gamma, int shift, long seed,
                                  int valSize, int limit, int workers) {
    }

    public CheckpointMetadata withTestAccuracy(double accuracy) {
        return new CheckpointMetadata(format, formatVersion, architecture, inputScaling, epochs, valAccuracy,
                valLoss, accuracy, hyperParameters, dl4jVersion, lenetVersion, created);
    }
}
