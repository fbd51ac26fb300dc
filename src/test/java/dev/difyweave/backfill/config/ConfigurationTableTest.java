package dev.difyweave.backfill.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * README.md's configuration table names every setting by its property and its variable, side by
 * side in one row; docs/operations.md names each of Dify's own fallback names.
 */
class ConfigurationTableTest {

    /** Bound by the contexts of --remote and worker ({@code remote.RemoteSettings}), not before them. */
    private static final Map<String, String> CONTEXT_SETTINGS = Map.of("backfill.remote.queue", "BACKFILL_REMOTE_QUEUE",
            "backfill.remote.poll", "BACKFILL_REMOTE_POLL");

    @Test
    void theReadmeTableHasEverySettingWithItsPropertyAndItsVariableInOneRow() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("README.md")).stream().filter(l -> l.startsWith("| `")).toList();
        for (Setting setting : Setting.values()) {
            if (setting.property() != null) {
                assertRow(rows, setting.property(), setting.variable());
            }
        }
        CONTEXT_SETTINGS.forEach((property, variable) -> assertRow(rows, property, variable));
    }

    @Test
    void theOperationsGuideNamesDifysOwnFallbacks() throws IOException {
        String operations = Files.readString(Path.of("docs/operations.md"));
        for (Setting setting : Setting.values()) {
            if (setting.property() == null) {
                assertThat(operations).as(setting.variable()).contains("`" + setting.variable() + "`");
            }
        }
    }

    private static void assertRow(List<String> rows, String property, String variable) {
        assertThat(rows).as(property + " and " + variable + " in one row of README.md's configuration table")
                .anyMatch(row -> row.contains("`" + property + "`") && row.contains("`" + variable + "`"));
    }
}
