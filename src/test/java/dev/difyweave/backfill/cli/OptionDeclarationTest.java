package dev.difyweave.backfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each option is declared once, and that declaration is all there is: it is what the command accepts,
 * the line of its usage, and its key in a job definition; nothing undeclared is accepted.
 */
class OptionDeclarationTest {

    /** The options object of every command but the demo (see {@link BackfillCliTest}). */
    private static final Map<String, Supplier<Object>> COMMANDS = Map.of(
            "migrate", MigrateCommand.Options::new, "sync", SyncCommand.Options::new, "verify", VerifyCommand.Options::new,
            "status", StatusCommand.Options::new, "stop", StopCommand.Options::new,
            "schedule", ScheduleCommand.Options::new, "worker", WorkerCommand.Options::new);

    /** A good value of every option of migrate and sync, as the command line writes it. */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("from", "2025-01-01T00:00:00Z"), Map.entry("to", "2025-02-01T00:00:00Z"),
            Map.entry("app", "11111111-1111-1111-1111-111111111111,22222222-2222-2222-2222-222222222222"),
            Map.entry("tenant", "33333333-3333-3333-3333-333333333333"), Map.entry("kinds", "workflow,message"),
            Map.entry("safety-lag", "PT5M"), Map.entry("stale-after", "P2D"), Map.entry("project", "acme/dify"),
            Map.entry("content", "hash"), Map.entry("dry-run", "true"), Map.entry("export-dir", "out"),
            Map.entry("also-send", "true"), Map.entry("report-dir", "reports"), Map.entry("project-routing", "dify"),
            Map.entry("chunk-size", "7"), Map.entry("max-rows-per-second", "9"), Map.entry("partitions", "3"),
            Map.entry("batch-calls", "11"), Map.entry("batch-bytes", "65536"), Map.entry("remote", "true"));

    @Test
    void everyDeclaredOptionHasItsLineInTheUsage() {
        List<Object> all = new java.util.ArrayList<>(COMMANDS.values().stream().map(Supplier::get).toList());
        all.addAll(ExtraCommand.installed());
        for (Object options : all) {
            String usage = OptionParser.usage(options);
            for (OptionSpec option : OptionParser.options(options)) {
                assertThat(usage.lines()).as(option.longestName() + " in the usage of " + options.getClass().getName())
                        .anyMatch(line -> line.trim().startsWith(option.longestName())
                                || line.trim().startsWith(option.shortestName() + ", " + option.longestName()));
                // the whole description, wrapped as it may be
                assertThat(usage.replaceAll("\\s+", "")).as(option.longestName())
                        .contains(String.join("", option.description()).replaceAll("\\s+", ""));
            }
        }
    }

    @Test
    void aJobDefinitionHoldsExactlyTheOptionsOfItsCommandAndEachMeansWhatTheOptionDoes(@TempDir Path dir) throws IOException {
        for (String command : List.of("migrate", "sync")) {
            Object declared = COMMANDS.get(command).get();
            List<String> options = OptionParser.options(declared).stream().map(OptionParser::key)
                    .filter(key -> !key.equals("job") && !key.equals("help")).toList();
            assertThat(JobDefinition.optionKeys(command)).as(command).containsExactlyElementsOf(options);
            for (String key : options) {
                String example = Objects.requireNonNull(EXAMPLES.get(key), "no example for --" + key + ": add one");
                Path file = dir.resolve(command + "-" + key + ".yaml");
                String value = example.contains(",") ? "[" + example + "]" : "\"" + example + "\"";
                Files.writeString(file, "name: n\ncommand: " + command + "\n" + key + ": " + value + "\n");

                CommandSpec fromJob = OptionParser.parse(COMMANDS.get(command).get(), List.of(),
                        JobDefinition.load(file).options());
                CommandSpec fromLine = OptionParser.parse(COMMANDS.get(command).get(), List.of("--" + key + "=" + example),
                        Map.of());
                CommandSpec neither = OptionParser.parse(COMMANDS.get(command).get(), List.of(), Map.of());

                Object value1 = fromJob.findOption(key).getValue();
                assertThat(value1).as(command + " " + key).isEqualTo(fromLine.findOption(key).getValue())
                        .isNotEqualTo(neither.findOption(key).getValue());
            }
        }
    }

    @Test
    void nothingUndeclaredIsAccepted(@TempDir Path dir) throws IOException {
        for (Map.Entry<String, Supplier<Object>> command : COMMANDS.entrySet()) {
            assertThatThrownBy(() -> OptionParser.parse(command.getValue().get(), List.of("--window=2025"), Map.of()))
                    .as(command.getKey()).isInstanceOf(UsageException.class).hasMessage("unknown option --window");
        }
        assertThatThrownBy(() -> OptionParser.parse(new StatusCommand.Options(), List.of("--limit=3", "extra"), Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("unexpected argument 'extra'");
        Path file = dir.resolve("job.yaml");
        Files.writeString(file, "name: n\ncommand: migrate\nwindow: 2025\n");
        assertThatThrownBy(() -> JobDefinition.load(file)).isInstanceOf(UsageException.class)
                .hasMessageEndingWith("unknown key 'window'; known: name, command, schedule, description, "
                        + String.join(", ", JobDefinition.optionKeys("migrate")));
        Path job = dir.resolve("meta.yaml");
        Files.writeString(job, "name: n\ncommand: sync\njob: other.yaml\n");
        assertThatThrownBy(() -> JobDefinition.load(job)).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown key 'job'");
    }

    @Test
    void wrongValuesAreNamedByTheirOptionAsBefore() {
        assertThat(reason("--from=yesterday")).isEqualTo("--from must be an ISO-8601 date-time such as 2025-06-01T00:00:00Z, "
                + "got 'yesterday'");
        assertThat(reason("--safety-lag=-PT1M")).isEqualTo("--safety-lag must not be negative");
        assertThat(reason("--stale-after=1d")).isEqualTo("--stale-after must be an ISO-8601 duration such as PT10M, got '1d'");
        assertThat(reason("--app=x")).isEqualTo("--app must be a UUID, got 'x'");
        assertThat(reason("--chunk-size=0")).isEqualTo("--chunk-size must be a number from 1 to 10000, got '0'");
        assertThat(reason("--partitions=many")).isEqualTo("--partitions must be a number from 1 to 64, got 'many'");
        assertThat(reason("--dry-run=maybe")).isEqualTo("--dry-run takes no value (or true/false), got 'maybe'");
        assertThat(reason("--project=")).isEqualTo("--project needs a value: --project=...");
        assertThat(reason("--from")).isEqualTo("--from needs a value: --from=...");
        assertThatThrownBy(() -> OptionParser.parse(new StatusCommand.Options(), List.of("--limit=0"), Map.of()))
                .hasMessage("--limit must be a positive number");
        assertThatThrownBy(() -> OptionParser.parse(new StopCommand.Options(), List.of("--execution=last"), Map.of()))
                .hasMessage("--execution must be an execution id (see status)");
    }

    @Test
    void flagsTakeTrueOrFalseAndTheLastOfARepeatedOptionWins() {
        MigrateCommand.Options options = new MigrateCommand.Options();
        OptionParser.parse(options, List.of("--dry-run=false", "--remote", "--chunk-size=5", "--chunk-size=6"), Map.of());
        assertThat(options.dryRun).isFalse();
        assertThat(options.remote).isTrue();
        assertThat(options.chunk.chunkSize).isEqualTo(6);
        assertThat(OptionParser.usage(options)).contains("  --dry-run  ").doesNotContain("--dry-run=");
    }

    private static String reason(String arg) {
        try {
            OptionParser.parse(new MigrateCommand.Options(), List.of(arg), Map.of());
        } catch (UsageException e) {
            return e.getMessage();
        }
        throw new AssertionError(arg + " was accepted");
    }
}
