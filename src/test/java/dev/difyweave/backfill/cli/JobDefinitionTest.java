package dev.difyweave.backfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

        CliArguments args = CliArguments.parse(new String[] {"migrate", "--to=2025-01-15T00:00:00Z"})
                .withDefaults(job.options());

        assertThat(args.value("from")).isEqualTo("2025-01-01T00:00:00Z");
        assertThat(args.value("to")).isEqualTo("2025-01-15T00:00:00Z");
        assertThat(args.values("kinds")).containsExactly("workflow", "message");
        assertThat(args.values("app")).containsExactly("11111111-1111-1111-1111-111111111111");
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
