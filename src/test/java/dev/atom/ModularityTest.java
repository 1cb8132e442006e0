package dev.atom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Fails when a module reaches into another module's internals; writes the module diagrams (PlantUML, all
 * modules and one per module) to docs/modules, where they are committed with the code they describe.
 */
class ModularityTest {
    private static final ApplicationModules MODULES = ApplicationModules.of(AtomApplication.class);
    private static final Path DOCS = Path.of("docs", "modules");

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
        assertThat(MODULES.getModuleByName("shared")).isPresent();
    }

    @Test
    void writesTheModuleDiagramsToDocs() throws IOException {
        if (Files.isDirectory(DOCS)) {
            try (var old = Files.list(DOCS)) {
                for (Path file : old.filter(f -> f.toString().endsWith(".puml")).toList()) {
                    Files.delete(file);
                }
            }
        }
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();

        try (var written = Files.list(DOCS)) {
            for (Path file : written.filter(f -> f.toString().endsWith(".puml")).toList()) {
                Files.writeString(file, sortRelations(Files.readString(file)));
            }
        }

        String all = Files.readString(DOCS.resolve("components.puml"));
        for (ApplicationModule module : MODULES) {
            // The overview draws only modules that take part in a dependency; a new, still isolated module
            // (only its own types so far) appears once it uses or is used by another.
            if (isConnected(module)) {
                assertThat(all).contains(module.getDisplayName());
            }
            assertThat(DOCS.resolve("module-" + module.getIdentifier() + ".puml"))
                    .isRegularFile();
        }
    }

    private static boolean isConnected(ApplicationModule module) {
        return !module.getDirectDependencies(MODULES).isEmpty()
                || MODULES.stream()
                        .anyMatch(other -> other.getDirectDependencies(MODULES).contains(module));
    }

    /**
     * Modulith writes the relations in the order it met them, which changes when classes are added; sorted,
     * the committed diagrams change only when the modules' dependencies do.
     */
    private static String sortRelations(String plantUml) {
        List<String> lines = new ArrayList<>(plantUml.lines().toList());
        List<Integer> relations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Rel(")) {
                relations.add(i);
            }
        }
        List<String> sorted = relations.stream().map(lines::get).sorted().toList();
        for (int i = 0; i < relations.size(); i++) {
            lines.set(relations.get(i), sorted.get(i));
        }
        return String.join("\n", lines) + "\n";
    }
}
