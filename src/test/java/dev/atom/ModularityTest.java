package dev.atom;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Fails when a module reaches into another module's internals; writes the module diagram to docs/. */
class ModularityTest {
    private static final ApplicationModules MODULES = ApplicationModules.of(AtomApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
        assertThat(MODULES.getModuleByName("shared")).isPresent();
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml();
    }
}
