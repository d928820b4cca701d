package example.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import lenet.api.LenetApiException;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads the class of every image under a folder (or of every file a text file lists, one path a line) with a lenet
 * model, on Spark: each executor opens the model once and classifies its partitions of files, as {@code lenet predict}
 * would. Writes one CSV file, {@code file,label,probability,error}, and with {@code --parquet DIR} the same rows as
 * Parquet. A file that is not an image of one thing is a row with an error, not a failed job.
 *
 * <pre>
 * ClassifyImages INPUT OUTPUT_CSV [--model FILE] [--parquet DIR] [--partitions N] [--csv-parts]
 * </pre>
 *
 * {@code --csv-parts} leaves OUTPUT_CSV as Spark writes it, a folder of part files (each with the header), on
 * whatever file system Spark's path names (HDFS, S3): the form for a cluster. Without it the driver joins the parts
 * into one file, which needs OUTPUT_CSV on the driver's own file system.
 *
 * Spark's master and settings come from spark-submit or {@code -Dspark.*} properties (src/examples/spark/run sets
 * {@code local[2]}). Progress and the summary go to stderr; exit 2 for bad usage or input, 1 when the job fails.
 */
public final class ClassifyImages {
    /** The file suffixes {@code lenet predict} takes from a folder: those Java's image readers know. */
    private static final Set<String> IMAGE_SUFFIXES = Stream.of(ImageIO.getReaderFileSuffixes())
            .map(s -> s.toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());

    static final StructType SCHEMA = new StructType()
            .add("file", DataTypes.StringType, false)
            .add("label", DataTypes.StringType, true)
            .add("probability", DataTypes.DoubleType, true)
            .add("error", DataTypes.StringType, true);

    /** Where the driver's copy of the model is, to name the model as given in a failure's message. */
    private static String shippedModel = "";

    private ClassifyImages() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path input = null;
        Path csv = null;
        Path model = Path.of("models/lenet.zip");
        Path parquet = null;
        int partitions = 0;
        boolean csvParts = false;
        try {
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--model" -> model = Path.of(value(args, ++i, "--model"));
                    case "--parquet" -> parquet = Path.of(value(args, ++i, "--parquet"));
                    case "--partitions" -> partitions = positive(value(args, ++i, "--partitions"));
                    case "--csv-parts" -> csvParts = true;
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new UsageException(args[i] + ": unknown option");
                        }
                        positional.add(args[i]);
                    }
                }
            }
            if (positional.size() != 2) {
                throw new UsageException(
                        "usage: ClassifyImages INPUT OUTPUT_CSV [--model FILE] [--parquet DIR] [--partitions N] [--csv-parts]");
            }
            input = Path.of(positional.get(0));
            csv = Path.of(positional.get(1));
            if (!Files.isRegularFile(model) || !Files.isReadable(model)) {
                throw new UsageException(model + ": no such model file (train one with ./lenet train)");
            }
        } catch (UsageException | IllegalArgumentException e) {
            System.err.println("spark-classify: " + e.getMessage());
            return 2;
        }
        List<String> files;
        try {
            files = imageFiles(input);
        } catch (UsageException e) {
            System.err.println("spark-classify: " + e.getMessage());
            return 2;
        }
        try {
            classify(files, csv, csvParts, model, parquet, partitions);
            return 0;
        } catch (Exception e) { // Spark's own exceptions are checked ones, thrown from Scala undeclared
            System.err.println("spark-classify: " + reason(e).replace(shippedModel, model.toString()));
            return 1;
        }
    }

    private static void classify(
            List<String> files, Path csv, boolean csvParts, Path model, Path parquet, int partitions) {
        long start = System.nanoTime();
        SparkSession spark =
                SparkSession.builder().appName("lenet: classify images").getOrCreate();
        try {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            // The model goes to every executor with the job: only the driver reads the path given.
            spark.sparkContext().addFile(model.toAbsolutePath().toString());
            shippedModel = SparkFiles.get(model.getFileName().toString()); // lenet's messages name this copy
            int slices = partitions > 0
                    ? partitions
                    : Math.max(context.defaultParallelism(), (files.size() + 1999) / 2000);
            slices = Math.max(1, Math.min(slices, files.size()));
            LongAccumulator classified = spark.sparkContext().longAccumulator("classified");
            LongAccumulator failed = spark.sparkContext().longAccumulator("failed");
            long started = System.nanoTime();
            System.err.printf(
                    Locale.ROOT,
                    "spark-classify: %d files in %d partitions on %s (Spark started in %.1f s)%n",
                    files.size(),
                    slices,
                    spark.sparkContext().master(),
                    (started - start) / 1e9);

            JavaRDD<Row> rows = context.parallelize(files, slices)
                    .mapPartitions(new ClassifyPartition(model.getFileName().toString(), classified, failed));
            Dataset<Row> table = spark.createDataFrame(rows, SCHEMA);
            if (parquet != null) {
                table = table.persist(); // computed once for both outputs
            }
            if (csvParts) {
                csvWriter(table).option("header", true).csv(csv.toString());
            } else {
                writeCsv(table, csv);
            }
            if (parquet != null) {
                table.write().mode(SaveMode.Overwrite).parquet(parquet.toString());
                table.unpersist();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.err.printf(
                    Locale.ROOT,
                    "spark-classify: %d classified, %d errors in %.1f s (%.0f images/s), %.1f s in all; wrote %s%s%n",
                    classified.value(),
                    failed.value(),
                    seconds,
                    files.size() / seconds,
                    (System.nanoTime() - start) / 1e9,
                    csv,
                    parquet == null ? "" : " and " + parquet);
        } finally {
            spark.stop();
        }
    }

    /**
     * Spark writes a folder of part files, one per partition and in order; they are joined into the one CSV file
     * asked for, under a header. (On a cluster, keep Spark's folder: {@code table.write().csv(DIR)}.)
     */
    private static void writeCsv(Dataset<Row> table, Path csv) {
        Path parts = csv.resolveSibling(csv.getFileName() + ".parts");
        csvWriter(table).option("header", false).csv(parts.toString());
        try {
            List<Path> partFiles;
            try (Stream<Path> listed = Files.list(parts)) {
                partFiles = listed.filter(p -> p.getFileName().toString().startsWith("part-"))
                        .sorted()
                        .toList();
            }
            Path partial = csv.resolveSibling(csv.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(partial)) {
                out.write("file,label,probability,error\n".getBytes(StandardCharsets.UTF_8));
                for (Path part : partFiles) {
                    try (InputStream in = Files.newInputStream(part)) {
                        in.transferTo(out);
                    }
                }
            }
            Files.move(partial, csv, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> walk = Files.walk(parts)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(csv + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private static DataFrameWriter<Row> csvWriter(Dataset<Row> table) {
        return table.write().mode(SaveMode.Overwrite).option("escape", "\""); // RFC 4180: a quote in a field doubled
    }

    /**
     * @return the images under a folder, at any depth, in name order (files whose suffix {@code lenet predict} takes
     *     as an image's); or the lines of a text file, each a path (any file: those that are not images become rows
     *     with an error)
     */
    static List<String> imageFiles(Path input) throws UsageException {
        try {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    List<String> files = walk.filter(Files::isRegularFile)
                            .filter(ClassifyImages::looksLikeImage)
                            .map(Path::toString)
                            .sorted()
                            .toList();
                    if (files.isEmpty()) {
                        throw new UsageException(input + ": folder holds no images");
                    }
                    return files;
                }
            }
            if (Files.isRegularFile(input)) {
                try (Stream<String> lines = Files.lines(input, StandardCharsets.UTF_8)) {
                    List<String> files =
                            lines.map(String::strip).filter(l -> !l.isEmpty()).toList();
                    if (files.isEmpty()) {
                        throw new UsageException(input + ": lists no files");
                    }
                    return files;
                }
            }
            throw new UsageException(input + ": no such folder or file");
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException(input + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static boolean looksLikeImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot >= 0 && IMAGE_SUFFIXES.contains(name.substring(dot + 1));
    }

    /** The first message lenet or the file system gave for a failed job, else the failure itself. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LenetApiException || t instanceof UncheckedIOException) {
                return t.getMessage();
            }
        }
        return String.valueOf(e);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + ": a value is missing");
        }
        return args[i];
    }

    private static int positive(String text) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new UsageException("--partitions " + text + ": not a whole number above 0");
    }

    /** Bad usage or input: one line, exit 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
