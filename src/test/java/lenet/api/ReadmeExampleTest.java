package lenet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use lenet from Java" shows the example project's own code (src/example, which .ci/run builds and runs)
 * and the dependency that project and lenet's pom declare: the three cannot drift apart.
 */
class ReadmeExampleTest {
    static final Path README = Path.of("README.md");
    static final Path EXAMPLE = Path.of("src/example/src/main/java/example/Recognize.java");
    static final String HEADING = "## Use lenet from Java";

    @Test
    void theReadmeShowsTheExamplesCodeAsItIs() throws IOException {
        List<String> source = Files.readAllLines(EXAMPLE);
        int begin = source.indexOf("    // README: begin");
        int end = source.indexOf("    // README: end");
        assertThat(begin).as("// README: begin in " + EXAMPLE).isNotNegative();
        assertThat(end).as("// README: end after it").isGreaterThan(begin + 1);
        String region = source.subList(begin + 1, end).stream()
                .map(line -> line.startsWith("    ") ? line.substring(4) : line)
                .collect(Collectors.joining("\n"));

        assertThat(block(section(), "java")).isEqualTo(region);
    }

    @Test
    void theReadmesDependencyIsTheArtifactLenetBuildsAndTheExampleUses() throws IOException {
        String version = firstGroup("<artifactId>lenet</artifactId>\\s*<version>([^<]+)</version>", "pom.xml");
        assertThat(section())
                .contains("`<dependency><groupId>lenet</groupId><artifactId>lenet</artifactId><version>" + version
                        + "</version></dependency>`");
        assertThat(firstGroup(
                        "<groupId>lenet</groupId>\\s*<artifactId>lenet</artifactId>\\s*<version>([^<]+)</version>",
                        "src/example/pom.xml"))
                .isEqualTo(version);
        assertThat(section()).contains("installs `lenet:lenet:" + version + "`");
    }

    private static String section() throws IOException {
        String readme = Files.readString(README);
        int start = readme.indexOf("\n" + HEADING + "\n");
        assertThat(start).as(HEADING + " in the README").isNotNegative();
        int next = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, next < 0 ? readme.length() : next);
    }

    private static String block(String text, String language) {
        Matcher m = Pattern.compile("```" + language + "\n(.*?)\n```", Pattern.DOTALL)
                .matcher(text);
        assertThat(m.find()).as("a ```" + language + " block").isTrue();
        return m.group(1);
    }

    private static String firstGroup(String regex, String file) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
        assertThat(m.find()).as(regex + " in " + file).isTrue();
        return m.group(1);
    }
}
