package lenet.core;

import java.nio.file.Path;
import java.util.Locale;

/** How lenet names the files it writes beside another one. */
public final class FileNames {
    /** The extension of an ONNX model, which {@code lenet export} writes and eval, predict and serve read. */
    public static final String ONNX = ".onnx";

    private FileNames() {}

    /** Whether {@code file} names an ONNX model: its name ends in {@value #ONNX}, in any case. */
    public static boolean isOnnx(Path file) {
        return file.getFileName() != null
                && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ONNX);
    }

    /** The file's name without its extension: {@code digit.png} gives {@code digit}, {@code .hidden} itself. */
    public static String stem(Path file) {
        Path name = file.getFileName();
        String text = name == null ? "" : name.toString();
        int dot = text.lastIndexOf('.');
        return dot > 0 ? text.substring(0, dot) : text;
    }

    /** A file beside {@code file} named by its stem and a suffix: ({@code models/lenet.zip}, {@code -last.zip})
     * gives {@code models/lenet-last.zip}. */
    public static Path beside(Path file, String suffix) {
        return file.resolveSibling(stem(file) + suffix);
    }
}
