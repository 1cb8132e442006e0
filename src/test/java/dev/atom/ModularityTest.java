package dev.atom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

        String all = Files.readString(DOCS.resolve("components.puml"));
        for (ApplicationModule module : MODULES) {
            assertThat(all).contains(module.getDisplayName());
            assertThat(DOCS.resolve("module-" + module.getIdentifier() + ".puml"))
                    .isRegularFile();
        }
    }
}
