/**
 * lenet inside other programs: the one package of lenet meant for use outside it (every other package may change
 * between versions).
 *
 * <p>{@link lenet.api.Recognizer} opens a model once — a lenet model ({@code .zip}) or an ONNX classifier
 * ({@code .onnx}) — and reads images from any number of threads: image files, their bytes, pictures in memory, or ready
 * 28×28 pixels, one at a time or in a batch. Each answer is a {@link lenet.api.Recognition}: the class, its name, its
 * probability and the top k ({@link lenet.api.Score}). Images are prepared as {@code lenet predict} prepares them, so
 * the answers are its answers.
 *
 * <p>{@link lenet.api.Training} trains a model from code with {@code lenet train}'s options and defaults, telling a
 * {@link lenet.api.TrainingProgress} how it goes, and returns a {@link lenet.api.TrainingResult}.
 *
 * <p>Every failure is a {@link lenet.api.LenetApiException} whose message is the one line the command line prints for
 * the same failure.
 *
 * <p>Logging: lenet logs through SLF4J and brings logback with a quiet {@code logback.xml} (DL4J and ND4J report only
 * errors), so that a program that adds lenet alone prints nothing it did not print itself. A program with a logging
 * setup of its own keeps it first on its class path, or excludes {@code ch.qos.logback:logback-classic} from lenet's
 * dependency to use another SLF4J binding.
 *
 * <p>Memory in a long-running service: its resident size creeps up for minutes though nothing leaks, as the Java
 * heap's pages are first written and as glibc's malloc (on Linux) keeps the native memory that images and arrays
 * freed. {@code lenet serve} touches its heap at start and gives the free native memory back every 30 s; a service
 * of your own can have its JVM do both with {@code -XX:+AlwaysPreTouch -XX:TrimNativeHeapInterval=30000} (JDK 17.0.9
 * and later).
 *
 * <pre>{@code
 * try (Recognizer recognizer = Recognizer.open(Path.of("models/lenet.zip"))) {
 *     Recognition answer = recognizer.recognize(Path.of("seven.jpg"));
 *     System.out.println(answer.name() + " " + answer.probability() + " " + answer.top(3));
 * }
 * }</pre>
 */
package lenet.api;
