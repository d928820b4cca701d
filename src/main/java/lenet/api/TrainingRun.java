package lenet.api;

import java.nio.file.Path;
import lenet.core.StopSignal;
import lenet.data.Dataset;
import lenet.data.Download;
import lenet.data.ImageSource;
import lenet.model.EpochMetrics;
import lenet.model.HyperParameters;
import lenet.training.HyperParameterRules;
import lenet.training.TrainOptions;
import lenet.training.TrainResult;
import lenet.training.Trainer;
import lenet.training.TrainingListener;

/** {@link Training#run()}: the checks of {@code lenet train}, then lenet's trainer with its listener adapted. */
final class TrainingRun {
    private TrainingRun() {}

    /** @param dataset null for a person's own {@code images} */
    static TrainingResult run(
            Dataset dataset,
            Path images,
            Path dataDir,
            HyperParameters chosen,
            boolean limitGiven,
            Path output,
            TrainingProgress progress,
            StopSignal stop) {
        int trainImages = dataset == null ? 0 : dataset.trainImages().count();
        HyperParameterRules.check(chosen, trainImages, limitGiven, (ok, option, value, rule) -> {
            if (!ok) {
                throw new LenetApiException(HyperParameterRules.message(option, value, rule), null);
            }
        });
        if (output != null && (output.toString().isBlank() || output.getFileName() == null)) {
            throw new LenetApiException(HyperParameterRules.message("--output", output, "must name a file"), null);
        }
        ImageSource source = dataset != null
                ? ImageSource.of(dataset, dataDir, Download.Listener.NONE)
                : ImageSource.folder(
                        images,
                        TrainOptions.IMAGES_TEST_FRACTION,
                        chosen.seed(),
                        s -> progress.warning(s.file() + ": skipped (" + s.reason() + ")"));
        Path model = output != null ? output : TrainOptions.defaultOutput(dataset, images);
        try {
            TrainResult result =
                    Trainer.train(new TrainOptions(chosen, source, model), null, new Listener(progress), stop);
            return new TrainingResult(
                    result.model(),
                    result.testAccuracy(),
                    result.testImages(),
                    result.epochs().size(),
                    result.bestEpoch());
        } catch (RuntimeException e) {
            throw LenetApiException.of(e);
        }
    }

    /** lenet's own listener, told to a {@link TrainingProgress}. */
    private record Listener(TrainingProgress progress) implements TrainingListener {
        @Override
        public void started(String images, int trainImages, int validationImages, int epochs) {
            progress.started(images, trainImages, validationImages, epochs);
        }

        @Override
        public void epochStarted(int epoch, int batches, int batchesDone) {
            progress.epochStarted(epoch, batches);
        }

        @Override
        public void batchDone(int epoch, int batch, double loss) {
            progress.batchDone(epoch, batch, loss);
        }

        @Override
        public void epochDone(EpochMetrics m) {
            Double accuracy = m.valAccuracy() != null ? m.valAccuracy() : m.trainAccuracy();
            progress.epochDone(m.epoch(), m.trainLoss(), accuracy == null ? Double.NaN : accuracy);
        }

        @Override
        public void warning(String message) {
            progress.warning(message);
        }
    }
}
