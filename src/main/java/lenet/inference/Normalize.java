package lenet.inference;

/**
 * {@code MEAN,STD} as {@code --normalize} and lenet's ONNX metadata write it: a model's input is (grey/255 − MEAN) /
 * STD, with ink = 1.
 */
public record Normalize(double mean, double std) {
    /** The input as it is: grey/255. */
    public static final Normalize NONE = new Normalize(0, 1);

    /** Grey 0–255, ink = 255: what {@code --input-range 255} gives a model, such as the ONNX model zoo's MNIST ones. */
    public static final Normalize GREY_0_255 = new Normalize(0, 1 / 255.0);

    /** The pair in {@code text}, or null when it is not two numbers with STD above 0. */
    public static Normalize parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 2) {
            return null;
        }
        try {
            double mean = Double.parseDouble(parts[0].strip());
            double std = Double.parseDouble(parts[1].strip());
            return Double.isFinite(mean) && Double.isFinite(std) && std > 0 ? new Normalize(mean, std) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
