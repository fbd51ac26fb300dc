package dev.difyweave.backfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job definitions in {@code jobs/}: the shipped examples load, values become defaults, options win. */
class JobDefinitionTest {

    @Test
    void everyShippedJobDefinitionLoads() throws IOException {
        List<JobDefinition> jobs = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("jobs"), "*.yaml")) {
            files.forEach(file -> jobs.add(JobDefinition.load(file)));
        }
        assertThat(jobs).extracting(JobDefinition::name)
                .contains("nightly-sync", "full-history-migration", "support-bot-june");
        JobDefinition nightly = jobs.stream().filter(j -> j.name().equals("nightly-sync")).findFirst().orElseThrow();
        assertThat(nightly.command()).isEqualTo("sync");
        assertThat(nightly.schedule()).isEqualTo("0 15 2 * * *");
        assertThat(nightly.options().get("kinds")).hasSize(7);
    }

    @Test
    void commandLineOptionsOverrideTheDefinition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, """
                name: window
                command: migrate
                from: 2025-01-01T00:00:00Z
                to: 2025-02-01T00:00:00Z
                apps: [11111111-1111-1111-1111-111111111111]
                kinds: [workflow, message]
                """);
        JobDefinition job = JobDefinition.load(file);

        MigrateCommand.Options options = new MigrateCommand.Options();
        OptionParser.parse(options, List.of("--to=2025-01-15T00:00:00Z"), job.options());

        assertThat(options.window.from).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(options.window.to).isEqualTo(Instant.parse("2025-01-15T00:00:00Z"));
        assertThat(options.window.kinds).containsExactly("workflow", "message");
        assertThat(options.window.apps()).containsExactly(UUID.fromString("11111111-1111-1111-1111-111111111111"));
    }

    @Test
    void aDefinitionWithAnUnknownKeyOrNoNameIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
        Path unknown = dir.resolve("unknown.yaml");
        Files.writeString(unknown, "name: x\nwindow_start: 2025-01-01\n");
        Path nameless = dir.resolve("nameless.yaml");
        Files.writeString(nameless, "command: sync\n");

        assertThatThrownBy(() -> JobDefinition.load(unknown)).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown key 'window_start'");
        assertThatThrownBy(() -> JobDefinition.load(nameless)).isInstanceOf(UsageException.class)
                .hasMessageContaining("'name' is required");
    }
}
