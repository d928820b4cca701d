package example.spark;

import java.nio.file.Path;
import java.util.Locale;
import lenet.api.Recognizer;
import org.apache.spark.SparkFiles;

/**
 * One lenet model per JVM: the first task of an executor opens it, every later task of that executor (and every task
 * running beside it) reuses it. The model file reaches each executor through {@code SparkContext.addFile}, so only
 * the driver needs to read the path given on the command line. A lenet model computes one batch at a time
 * ({@link Recognizer} queues the others), while the tasks beside it read and prepare their images.
 */
final class ModelPerJvm {
    private static Recognizer recognizer;
    private static String fileName;

    private ModelPerJvm() {}

    /**
     * @param modelFileName the name the model was added under with {@code SparkContext.addFile}
     * @return this JVM's recognizer of that model, opened on the first call
     */
    static synchronized Recognizer get(String modelFileName) {
        if (recognizer == null) {
            long start = System.nanoTime();
            recognizer = Recognizer.open(Path.of(SparkFiles.get(modelFileName)));
            System.err.printf(
                    Locale.ROOT,
                    "spark-classify: %s opened in %.2f s in this JVM%n",
                    modelFileName,
                    (System.nanoTime() - start) / 1e9);
            fileName = modelFileName;
            Runtime.getRuntime().addShutdownHook(new Thread(ModelPerJvm::close, "close lenet model"));
        } else if (!fileName.equals(modelFileName)) {
            throw new IllegalStateException(
                    "this JVM holds model " + fileName + ", a task asked for " + modelFileName + ": one model per job");
        }
        return recognizer;
    }

    private static synchronized void close() {
        if (recognizer != null) {
            recognizer.close();
            recognizer = null;
        }
    }
}
