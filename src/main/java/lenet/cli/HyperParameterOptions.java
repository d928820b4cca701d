package lenet.cli;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import lenet.checkpoint.Checkpoints;
import lenet.core.LenetHome;
import lenet.data.Dataset;
import lenet.model.HyperParameters;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code train}'s hyper-parameter options and the {@link HyperParameters} they set. Each such option is a method named
 * as the record's component it sets ({@code --batch-size} is {@code batchSize(int)}), so that the defaults shown in
 * {@code --help} and the comparison on {@code --resume} come from the record itself, not from lists kept beside it.
 */
final class HyperParameterOptions {
    private HyperParameterOptions() {}

    /** The help's {@code ${DEFAULT-VALUE}} of each hyper-parameter option: MNIST's recipe. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec argSpec) {
            return component(argSpec)
                    .filter(c -> !noneAtZero(c)) // --limit's help says "(default: all)"
                    .map(c -> shown(value(Dataset.DEFAULT.recipe(), c)))
                    .orElse(null);
        }
    }

    /**
     * Where another dataset's defaults differ from MNIST's, one line each for {@code train --help}'s footer:
     * {@code fashion-mnist: --rotate 0 --mirror 0.5 ...}.
     */
    static void describeDatasetDefaults(CommandLine train) {
        List<String> lines = new ArrayList<>();
        Map<String, HyperParameters> recipes = new LinkedHashMap<>();
        for (Dataset dataset : Dataset.values()) {
            recipes.put(dataset.id, dataset.recipe());
        }
        recipes.put("--images", Dataset.ownImagesRecipe());
        Map<String, List<String>> byDifference = new LinkedHashMap<>();
        recipes.forEach((name, recipe) -> {
            StringBuilder differs = new StringBuilder();
            for (OptionSpec option : train.getCommandSpec().options()) {
                component(option).ifPresent(c -> {
                    Object value = value(recipe, c);
                    if (!Objects.equals(value, value(Dataset.DEFAULT.recipe(), c))) {
                        differs.append(' ')
                                .append(option.longestName())
                                .append(' ')
                                .append(shown(value));
                    }
                });
            }
            if (differs.length() > 0) {
                byDifference
                        .computeIfAbsent(differs.toString(), d -> new ArrayList<>())
                        .add(name);
            }
        });
        // a line for the datasets that share them, then their options at most 76 columns wide: picocli does not
        // indent a footer line it breaks
        byDifference.forEach((differs, names) -> {
            lines.add("  " + String.join(", ", names) + ":");
            StringBuilder line = new StringBuilder("   ");
            for (String option : differs.substring(1).split(" (?=--)")) {
                if (line.length() + 1 + option.length() > 76) {
                    lines.add(line.toString());
                    line = new StringBuilder("   ");
                }
                line.append(' ').append(option);
            }
            lines.add(line.toString());
        });
        train.getCommandSpec().usageMessage().footerHeading("%nDefaults that differ from MNIST's, by --dataset:%n");
        train.getCommandSpec().usageMessage().footer(lines.toArray(new String[0]));
    }

    /**
     * The run's hyper-parameters: {@code recipe} (its dataset's defaults), with the value of every option given on the
     * command line taken from {@code asked}.
     */
    static HyperParameters given(CommandLine command, HyperParameters asked, HyperParameters recipe) {
        RecordComponent[] components = HyperParameters.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(recipe, components[i]);
            types[i] = components[i].getType();
        }
        for (OptionSpec option : command.getParseResult().matchedOptions()) {
            component(option).ifPresent(c -> {
                for (int i = 0; i < components.length; i++) {
                    if (components[i].getName().equals(c.getName())) {
                        values[i] = value(asked, c);
                    }
                }
            });
        }
        try {
            return HyperParameters.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make the hyper-parameters", e);
        }
    }

    /** A value as the help shows it: 10 and 0.1, not 10.0 and 0.10. */
    private static String shown(Object value) {
        return value instanceof Double d
                ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : value.toString();
    }

    /** {@code limit}: 0 means no limit, not a limit of 0. */
    private static boolean noneAtZero(RecordComponent component) {
        return component.getName().equals("limit");
    }

    /**
     * A resumed run keeps its hyper-parameters: an option given (other than {@code --epochs}) that asks for another
     * value than the checkpoint's run was trained with is a usage error.
     */
    static void refuseChanged(CommandLine command, HyperParameters asked, Checkpoints.Loaded checkpoint) {
        HyperParameters recorded = checkpoint.metadata().hyperParameters();
        for (OptionSpec option : command.getParseResult().matchedOptions()) {
            Optional<RecordComponent> component = component(option);
            if (component.isEmpty() || component.get().getName().equals("epochs")) {
                continue;
            }
            Object now = value(asked, component.get());
            Object was = value(recorded, component.get());
            if (!Objects.equals(now, was)) {
                String name = option.longestName();
                boolean none = noneAtZero(component.get()) && Integer.valueOf(0).equals(was);
                throw new ParameterException(
                        command,
                        name + " " + now + ": cannot change when resuming (" + LenetHome.display(checkpoint.path())
                                + " was trained with " + (none ? "no " + name : name + " " + was)
                                + "); leave it out, or start a new run without --resume");
            }
        }
    }

    /** The component of {@link HyperParameters} that an option's method sets, if it sets one. */
    private static Optional<RecordComponent> component(ArgSpec argSpec) {
        if (!(argSpec.userObject() instanceof Method method)) {
            return Optional.empty();
        }
        return Arrays.stream(HyperParameters.class.getRecordComponents())
                .filter(c -> c.getName().equals(method.getName()))
                .findFirst();
    }

    private static Object value(HyperParameters hp, RecordComponent component) {
        try {
            return component.getAccessor().invoke(hp);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName(), e);
        }
    }
}
