package example;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import lenet.api.LenetApiException;
import lenet.api.Recognition;
import lenet.api.Recognizer;
import lenet.api.Score;

/**
 * Reads the digit in each image file given, with models/lenet.zip (or {@code --model FILE}), and prints what
 * {@code lenet predict FILE...} prints: one line per image on stdout, one per unreadable file on stderr (exit code 2).
 */
public final class Recognize {
    public static void main(String[] args) {
        boolean modelGiven = args.length > 1 && args[0].equals("--model");
        Path model = Path.of(modelGiven ? args[1] : "models/lenet.zip");
        try {
            System.exit(recognize(model, List.of(args).subList(modelGiven ? 2 : 0, args.length)));
        } catch (LenetApiException e) { // the model cannot be opened
            System.err.println("lenet: " + e.getMessage());
            System.exit(2);
        }
    }

    // README: begin
    static int recognize(Path model, List<String> files) {
        try (Recognizer recognizer = Recognizer.open(model)) { // a lenet .zip or an .onnx file
            List<String> names = new ArrayList<>();
            List<float[]> images = new ArrayList<>();
            for (String file : files) {
                try {
                    images.add(recognizer.prepare(Path.of(file))); // as lenet predict prepares it
                    names.add(file);
                } catch (LenetApiException e) { // "FILE: reason", as lenet predict says it
                    System.err.println("lenet: " + e.getMessage());
                }
            }
            List<Recognition> answers = recognizer.recognizePixels(images); // one pass for all
            for (int i = 0; i < answers.size(); i++) { // "FILE: 7 (99.2%)   top 3: 7 99.2%, 2 0.4%, 1 0.1%"
                String top3 = answers.get(i).top(3).stream().map(Score::toString).collect(Collectors.joining(", "));
                System.out.println(names.get(i) + ": " + answers.get(i) + "   top 3: " + top3);
            }
            return names.size() == files.size() ? 0 : 2;
        }
    }
    // README: end
}
