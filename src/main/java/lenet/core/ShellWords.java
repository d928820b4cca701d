package lenet.core;

/** Words as a POSIX shell needs them typed, for commands that lenet prints for the user to run. */
public final class ShellWords {
    private ShellWords() {}

    /** {@code models/lenet-last.zip} as it is; {@code my model.zip} as {@code 'my model.zip'}. */
    public static String quote(String word) {
        return word.matches("[A-Za-z0-9_./:@%+=,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
