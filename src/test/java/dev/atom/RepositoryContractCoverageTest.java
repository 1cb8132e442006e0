package dev.atom;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every repository has a contract test that runs on every database: each class named {@code *Repository} in
 * the application must be used, and each of its methods called, by a test class annotated
 * {@code @ParameterizedClass @MethodSource("dev.atom.testing.TestDatabases#all")}. A new repository (or a new
 * query) without such a test fails the build.
 */
class RepositoryContractCoverageTest {
    private static final String ALL_DATABASES = "dev.atom.testing.TestDatabases#all";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.atom");
    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("dev.atom");

    @Test
    void everyRepositoryAndEachOfItsMethodsIsExercisedOnEveryDatabase() {
        List<JavaClass> repositories = MAIN.stream()
                .filter(c -> c.getSimpleName().endsWith("Repository") && !c.isInterface())
                .toList();
        assertThat(repositories)
                .as("the scan finds the repositories")
                .extracting(JavaClass::getSimpleName)
                .contains(
                        "UserRepository",
                        "SecretRepository",
                        "AuditRepository",
                        "TaskRepository",
                        "ConversationRepository",
                        "ActionRepository");
        List<JavaClass> contractTests = TESTS.stream()
                .filter(RepositoryContractCoverageTest::runsOnEveryDatabase)
                .toList();
        assertThat(contractTests).as("contract tests found").isNotEmpty();

        Set<String> usedClasses = new TreeSet<>();
        Set<String> calledMethods = new TreeSet<>();
        for (JavaClass test : TESTS) {
            if (contractTests.stream().anyMatch(contract -> belongsTo(test, contract))) {
                test.getDirectDependenciesFromSelf()
                        .forEach(d -> usedClasses.add(d.getTargetClass().getName()));
                test.getCodeUnits().stream()
                        .flatMap(unit -> unit.getCallsFromSelf().stream())
                        .forEach(call -> calledMethods.add(call.getTargetOwner().getName() + "#"
                                + call.getTarget().getName()));
            }
        }

        Map<String, Set<String>> untested = new TreeMap<>();
        for (JavaClass repository : repositories) {
            if (!usedClasses.contains(repository.getName())) {
                untested.put(repository.getName(), Set.of("(no contract test uses it)"));
                continue;
            }
            Set<String> missing = repository.getMethods().stream()
                    .filter(RepositoryContractCoverageTest::isQuery)
                    .map(JavaCodeUnit::getName)
                    .filter(name -> !calledMethods.contains(repository.getName() + "#" + name))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!missing.isEmpty()) {
                untested.put(repository.getName(), missing);
            }
        }
        assertThat(untested)
                .as("repositories or methods without a contract test on " + ALL_DATABASES)
                .isEmpty();
    }

    private static boolean runsOnEveryDatabase(JavaClass test) {
        return test.isAnnotatedWith(ParameterizedClass.class)
                && test.tryGetAnnotationOfType(MethodSource.class)
                        .map(source -> Arrays.asList(source.value()).contains(ALL_DATABASES))
                        .orElse(false);
    }

    /** The class itself or one nested in it (lambdas compile into the class, anonymous classes do not). */
    private static boolean belongsTo(JavaClass candidate, JavaClass test) {
        for (JavaClass c = candidate; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (c.equals(test)) {
                return true;
            }
        }
        return false;
    }

    /** What a repository offers: its non-private instance methods (row mappers and lambdas are private). */
    private static boolean isQuery(JavaMethod method) {
        return !method.getModifiers().contains(JavaModifier.PRIVATE)
                && !method.getModifiers().contains(JavaModifier.STATIC)
                && !method.getModifiers().contains(JavaModifier.SYNTHETIC)
                && !method.getModifiers().contains(JavaModifier.BRIDGE);
    }
}
