package lenet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code: packages that depend one way, oneDNN in one package, and files that fit on a few screens
 * (src/site/markdown/code.md).
 */
class ArchitectureTest {
    /** Longest a file in src/main may be. */
    static final int MAX_LINES = 300;

    /** Longest a file in src/test may be. */
    static final int MAX_TEST_LINES = 400;

    static JavaClasses lenet;

    @BeforeAll
    static void importClasses() {
        lenet = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("lenet");
        assertThat(lenet).as("classes found").hasSizeGreaterThan(50);
    }

    @Test
    void packagesHaveNoCycle() {
        slices().matching("lenet.(*)..").should().beFreeOfCycles().check(lenet);
    }

    @Test
    void onlyTheCommandLineKnowsTheCommands() {
        noClasses()
                .that()
                .resideOutsideOfPackages("lenet", "lenet.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("lenet.cli..")
                .check(lenet);
    }

    /** lenet.api is for programs outside lenet: nothing inside depends on it but the launcher's package. */
    @Test
    void nothingInsideLenetUsesItsPublicApi() {
        noClasses()
                .that()
                .resideOutsideOfPackages("lenet", "lenet.cli..", "lenet.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("lenet.api..")
                .check(lenet);
    }

    /** What lenet.api's public types show is the JDK's and lenet.api's own: lenet's other packages may change. */
    @Test
    void thePublicApiShowsOnlyJdkAndApiTypes() {
        methods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage("lenet.api")
                .and()
                .arePublic()
                .and()
                .areDeclaredInClassesThat()
                .arePublic()
                .should(useOnly("java..", "lenet.api"))
                .check(lenet);
        constructors()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage("lenet.api")
                .and()
                .arePublic()
                .should(useOnly("java..", "lenet.api"))
                .check(lenet);
    }

    private static ArchCondition<JavaCodeUnit> useOnly(String... packages) {
        return new ArchCondition<>("take and return only types in " + String.join(", ", packages)) {
            @Override
            public void check(JavaCodeUnit code, ConditionEvents events) {
                Set<JavaClass> shown = new HashSet<>(code.getRawParameterTypes());
                shown.add(code.getRawReturnType());
                code.getParameterTypes().forEach(t -> shown.addAll(t.getAllInvolvedRawTypes()));
                shown.addAll(code.getReturnType().getAllInvolvedRawTypes());
                for (JavaClass type : shown) {
                    boolean allowed = type.isPrimitive()
                            || (type.isArray() && type.getBaseComponentType().isPrimitive())
                            || Arrays.stream(packages)
                                    .anyMatch(p -> PackageMatcher.of(p)
                                            .matches(type.getBaseComponentType().getPackageName()));
                    if (!allowed) {
                        events.add(
                                SimpleConditionEvent.violated(code, code.getFullName() + " shows " + type.getName()));
                    }
                }
            }
        };
    }

    @Test
    void onlyLenetOnednnCallsOneDnn() {
        noClasses()
                .that()
                .resideOutsideOfPackages("lenet.onednn..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.bytedeco.dnnl..")
                .check(lenet);
    }

    @Test
    void noSourceFileIsLongerThan300Lines() throws IOException {
        assertThat(longerThan(Path.of("src/main/java"), MAX_LINES)).isEmpty();
    }

    @Test
    void noTestFileIsLongerThan400Lines() throws IOException {
        assertThat(longerThan(Path.of("src/test/java"), MAX_TEST_LINES)).isEmpty();
    }

    private static Map<String, Long> longerThan(Path root, int maxLines) throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                long lines;
                try (Stream<String> text = Files.lines(file)) {
                    lines = text.count();
                }
                if (lines > maxLines) {
                    tooLong.put(file.toString(), lines);
                }
            }
        }
        return tooLong;
    }
}
