package dev.atom.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.testing.StubbedServiceTestBase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every action of every registered connector is called by some test, as {@code RepositoryContractCoverageTest}
 * holds every repository method to a contract test: the compiled test classes are read (their string constants,
 * where a test names the action it runs: {@code run("trello.create_card", ...)}, a workflow definition's {@code
 * "action": "..."}, or the assistant's tool name {@code trello_create_card}), and an action no test names fails
 * the build. Catalog tests and a connector test's {@link #LISTING_METHODS}, which list ids without running them,
 * and the test-only connectors do not count.
 *
 * <p>Read from the class files rather than recorded while tests run, so it holds whatever order tests run in and
 * also for a focused run of this test alone.
 */
class ConnectorActionCoverageTest extends StubbedServiceTestBase {

    /**
     * Methods of a connector's test that list action ids without running them: {@link
     * dev.atom.testing.ConnectorContractTestBase}'s {@code expectedActions()}, and {@code catalogFacts()}, where a
     * test pins what the catalog says of each action (writes, retry safety). Their ids do not count as calls.
     */
    static final Set<String> LISTING_METHODS = Set.of("expectedActions", "catalogFacts");

    @Autowired
    Connectors connectors;

    @Test
    void everyActionIsCalledBySomeTest() {
        Set<String> actions = new TreeSet<>();
        connectors.all().stream()
                .filter(c -> !c.getClass().getPackageName().startsWith("dev.atom.connectors.test"))
                .forEach(c -> c.actions().forEach(a -> actions.add(a.id())));
        assertThat(actions).as("the registry lists the actions").hasSizeGreaterThan(50);

        Map<String, Set<String>> constants = testConstants();
        assertThat(constants).as("test classes read").hasSizeGreaterThan(100);
        Map<String, List<String>> callers = new TreeMap<>();
        for (String action : actions) {
            Pattern named = Pattern.compile("(?<![A-Za-z0-9_.-])(" + Pattern.quote(action) + "|"
                    + Pattern.quote(toolName(action)) + ")(?![A-Za-z0-9_])");
            List<String> by = new ArrayList<>();
            constants.forEach((test, strings) -> {
                if (strings.stream().anyMatch(s -> named.matcher(s).find())) {
                    by.add(test);
                }
            });
            callers.put(action, by);
        }
        Set<String> uncovered = new TreeSet<>();
        callers.forEach((action, by) -> {
            if (by.isEmpty()) {
                uncovered.add(action);
            }
        });
        assertThat(uncovered)
                .as("actions no test calls (name the action id in the test that runs it)")
                .isEmpty();
    }

    /** The assistant's name for an action's tool (ConnectionActionTool's rule). */
    static String toolName(String actionId) {
        return actionId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    }

    /** The string constants of each compiled test class (nested classes and lambdas folded into their top class). */
    private static Map<String, Set<String>> testConstants() {
        Path root;
        try {
            root = Path.of(ConnectorActionCoverageTest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Set<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String name = root.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
                String top = name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
                if (counts(top)) {
                    read(f, out.computeIfAbsent(top, k -> new TreeSet<>()));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Tests that list ids without calling them, this test, and the test-only connectors do not count. */
    private static boolean counts(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return !simple.endsWith("CatalogTest")
                && !simple.equals(ConnectorActionCoverageTest.class.getSimpleName())
                && !className.startsWith("dev.atom.connectors.test");
    }

    private static void read(Path classFile, Set<String> into) {
        try (InputStream in = Files.newInputStream(classFile)) {
            new ClassReader(in)
                    .accept(
                            new ClassVisitor(Opcodes.ASM9) {
                                @Override
                                public FieldVisitor visitField(
                                        int access, String name, String desc, String sig, Object value) {
                                    if (value instanceof String s) {
                                        into.add(s);
                                    }
                                    return null;
                                }

                                @Override
                                public MethodVisitor visitMethod(
                                        int access, String name, String desc, String sig, String[] ex) {
                                    if (LISTING_METHODS.contains(name)) {
                                        return null;
                                    }
                                    return new MethodVisitor(Opcodes.ASM9) {
                                        @Override
                                        public void visitLdcInsn(Object value) {
                                            if (value instanceof String s) {
                                                into.add(s);
                                            }
                                        }

                                        @Override
                                        public void visitInvokeDynamicInsn(
                                                String name,
                                                String desc,
                                                org.springframework.asm.Handle bsm,
                                                Object... args) {
                                            // string concatenation keeps its constant parts in the recipe
                                            for (Object a : args) {
                                                if (a instanceof String s) {
                                                    into.add(s);
                                                }
                                            }
                                        }
                                    };
                                }
                            },
                            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
