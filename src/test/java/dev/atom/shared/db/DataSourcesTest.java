package dev.atom.shared.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

class DataSourcesTest {

    @Test
    void createsAMissingDataDirReadableOnlyByItsOwnerWithSqliteInWalMode(@TempDir Path parent) throws Exception {
        Path dataDir = parent.resolve("atom-data");
        try (var dataSource = DataSources.create(new AtomProperties(dataDir, new AtomProperties.Db("", null, null)))) {
            var jdbc = JdbcClient.create(dataSource);
            assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single())
                    .isEqualToIgnoringCase("wal");
            assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single())
                    .isEqualTo(1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                .isEqualTo("rwx------");
        assertThat(dataDir.resolve("atom.db")).exists();
    }

    @Test
    void rejectsAnUnknownDatabaseUrlWithoutEchoingItsParameters() {
        var properties = new AtomProperties(
                Path.of("."), new AtomProperties.Db("jdbc:mysql://h/db?password=hunter2", null, null));
        try {
            DataSources.create(properties);
            throw new AssertionError("expected a refusal");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("jdbc:sqlite:").doesNotContain("hunter2");
        }
    }
}
