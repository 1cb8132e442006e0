package dev.atom.workspace.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atom.shared.db.AtomProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances (or two application contexts in one test JVM) on one data dir: the first owns
 * {@code <data>/search}, the second builds a throw-away index beside it instead of failing to start.
 */
class SearchIndexDirectoryTest {
    @TempDir
    Path data;

    private final SearchConfig config = new SearchConfig();
    private final SearchProperties defaults =
            new SearchProperties(null, null, null, null, null, null, null, null, null);

    @Test
    void aSecondInstanceOnTheSameDataDirBuildsItsOwnIndexAndDropsItOnClose() throws Exception {
        AtomProperties atom = new AtomProperties(data, new AtomProperties.Db(null, null, null));
        try (LuceneIndex first = config.searchLuceneIndex(defaults, atom)) {
            assertThat(data.resolve("search/write.lock")).exists();
            Path own;
            try (LuceneIndex second = config.searchLuceneIndex(defaults, atom)) {
                try (var dirs = Files.list(data)) {
                    own = dirs.filter(p -> p.getFileName().toString().startsWith("search-instance-"))
                            .findFirst()
                            .orElseThrow();
                }
                assertThat(own.resolve("write.lock")).exists();
                assertThat(second.generation("task")).isEqualTo(-1);
            }
            assertThat(own).doesNotExist();
            assertThat(data.resolve("search"))
                    .as("the first instance's index is untouched")
                    .exists();
        }
    }
}
