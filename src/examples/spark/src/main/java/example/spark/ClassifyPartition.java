package example.spark;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import lenet.api.LenetApiException;
import lenet.api.Recognition;
import lenet.api.Recognizer;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads the images of one partition, {@value #BATCH} at a time: each file prepared as {@code lenet predict} prepares
 * it, the usable ones run through the model in one pass, one row per file ({@code file, label, probability, error}).
 * A file that cannot be read as an image of one thing becomes a row with its error and no label; it never fails the
 * task. Rows are produced batch by batch, so a partition of any size needs the memory of one batch.
 */
final class ClassifyPartition implements FlatMapFunction<Iterator<String>, Row> {
    private static final long serialVersionUID = 1L;

    /** Images per pass of the model. */
    static final int BATCH = 256;

    private final String modelFileName;
    private final LongAccumulator classified;
    private final LongAccumulator failed;

    ClassifyPartition(String modelFileName, LongAccumulator classified, LongAccumulator failed) {
        this.modelFileName = modelFileName;
        this.classified = classified;
        this.failed = failed;
    }

    @Override
    public Iterator<Row> call(Iterator<String> files) {
        Recognizer recognizer = ModelPerJvm.get(modelFileName);
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && files.hasNext()) {
                    List<String> batch = new ArrayList<>(BATCH);
                    while (batch.size() < BATCH && files.hasNext()) {
                        batch.add(files.next());
                    }
                    ready.addAll(classify(recognizer, batch));
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    private List<Row> classify(Recognizer recognizer, List<String> files) {
        Row[] rows = new Row[files.size()];
        List<Integer> usable = new ArrayList<>(files.size());
        List<float[]> images = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            try {
                images.add(recognizer.prepare(Path.of(files.get(i)))); // as lenet predict prepares it
                usable.add(i);
            } catch (LenetApiException | IllegalArgumentException e) { // unreadable, not an image, blank, bad path
                rows[i] = failure(files.get(i), e.getMessage());
            }
        }
        if (!images.isEmpty()) {
            try {
                List<Recognition> answers = recognizer.recognizePixels(images); // one pass for the batch
                for (int k = 0; k < answers.size(); k++) {
                    int i = usable.get(k);
                    rows[i] = RowFactory.create(
                            files.get(i), answers.get(k).name(), answers.get(k).probability(), null);
                }
                classified.add(answers.size());
            } catch (LenetApiException e) {
                for (int i : usable) {
                    rows[i] = failure(files.get(i), e.getMessage());
                }
            }
        }
        return List.of(rows);
    }

    /** The row of a file that was not classified; lenet's {@code FILE: reason} loses the file it repeats. */
    private Row failure(String file, String message) {
        failed.add(1);
        String reason = message == null ? "" : message;
        for (String prefix : shownAs(file)) {
            if (reason.startsWith(prefix + ": ")) {
                reason = reason.substring(prefix.length() + 2);
                break;
            }
        }
        return RowFactory.create(file, null, null, reason);
    }

    /** The file as given, and as lenet names it in a message: relative to the working folder when under it. */
    private static List<String> shownAs(String file) {
        try {
            Path absolute = Path.of(file).toAbsolutePath().normalize();
            Path cwd = Path.of("").toAbsolutePath().normalize();
            String display = absolute.startsWith(cwd) && !absolute.equals(cwd)
                    ? cwd.relativize(absolute).toString()
                    : absolute.toString();
            return List.of(file, display, absolute.toString());
        } catch (IllegalArgumentException e) { // not a path at all
            return List.of(file);
        }
    }
}
