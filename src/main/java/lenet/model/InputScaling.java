package lenet.model;

/**
 * How pixels become network inputs, the same in train, eval and predict: MNIST's convention of light ink on a
 * dark background, each 8-bit grey value divided by 255 to [0,1]. Checkpoints record {@link #DESCRIPTION} so that
 * a model trained with another scaling is recognised.
 */
public final class InputScaling {
    public static final String DESCRIPTION = "grey/255, ink=1 background=0 (MNIST polarity)";
    public static final int HEIGHT = 28;
    public static final int WIDTH = 28;
    public static final int PIXELS = HEIGHT * WIDTH;

    private InputScaling() {}

    /** The network input for one 8-bit grey value in MNIST polarity. */
    public static float scale(int grey) {
        return grey / 255f;
    }
}
