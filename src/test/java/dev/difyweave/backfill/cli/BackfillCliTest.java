package dev.difyweave.backfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.config.BackfillSettings;

/** The command-line contract of cli.md that needs no database: help, usage errors, configuration errors. */
class BackfillCliTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new BackfillCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Clock.systemUTC()).run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"migrate", "sync", "schedule", "verify", "status", "stop", "demo"})
    void everyCommandAnswersHelpOnStdoutWithStatusZero(String command) {
        Run run = run(Map.of(), command, "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("Usage: java -jar dify-weave-backfill.jar " + command);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void noCommandPrintsTheUsageAndFailsAndHelpSucceeds() {
        assertThat(run(Map.of()).status()).isEqualTo(BackfillCli.USAGE);
        Run help = run(Map.of(), "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("migrate").contains("sync").contains("schedule").contains("verify");
    }

    @Test
    void versionPrintsTheNameAndTheBuildsVersionAndNeedsNoConfiguration() {
        Run version = run(Map.of(), "--version");
        assertThat(version.status()).isZero();
        assertThat(version.out()).isEqualTo("dify-weave-backfill " + dev.difyweave.backfill.BuildInfo.version() + "\n")
                .doesNotContain("unknown").matches("(?s)dify-weave-backfill \\d+\\.\\d+\\.\\d+.*");
        assertThat(run(Map.of(), "version").out()).isEqualTo(version.out());
        assertThat(version.err()).isEmpty();
    }

    @Test
    void theDemoIsAnExtraCommandFromItsOwnPackageTreeListedInTheUsage() {
        ExtraCommand demo = ExtraCommand.installed().stream().filter(c -> c.name().equals("demo")).findFirst()
                .orElseThrow(() -> new AssertionError("no ExtraCommand 'demo' on the class path"));
        assertThat(demo.getClass().getPackageName()).isEqualTo("dev.difyweave.demo");
        Run help = run(Map.of(), "--help");
        assertThat(help.out()).contains("\n  worker    long-running")
                .contains("\n  demo      the whole pipeline on an embedded PostgreSQL with generated Dify data")
                .contains("\n\nRun '<command> --help' for the options of a command, '--version' for the version.");
        assertThat(run(Map.of(), "demo", "--help").out()).isEqualTo(demo.usage());
    }

    @Test
    void anUnknownCommandOrOptionGetsTheUsageAndAReason() {
        Run unknown = run(Map.of(), "backfill");
        assertThat(unknown.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(unknown.err()).contains("unknown command 'backfill'").contains("Usage:");
        Run option = run(Map.of("DIFY_DB_URL", "jdbc:postgresql://127.0.0.1:1/none"), "migrate", "--window=2025");
        assertThat(option.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(option.err()).contains("unknown option --window");
    }

    @Test
    void configurationErrorsNameTheVariableBeforeAnyWork() {
        assertThat(run(Map.of("WEAVE_PROJECT", "a/b"), "migrate").err()).contains("DIFY_DB_URL is not set");
        assertThat(run(Map.of("DIFY_DB_URL", "mysql://x"), "migrate").err()).contains("DIFY_DB_URL must be a PostgreSQL JDBC URL");
        Map<String, String> noKey = Map.of("DIFY_DB_URL", "jdbc:postgresql://127.0.0.1:1/none", "WEAVE_PROJECT", "a/b");
        assertThat(run(noKey, "migrate").err()).contains("WANDB_API_KEY is not set");
        Map<String, String> noProject = Map.of("DIFY_DB_URL", "jdbc:postgresql://127.0.0.1:1/none", "WANDB_API_KEY", "k");
        assertThat(run(noProject, "migrate").err()).contains("WEAVE_PROJECT is not set");
        assertThat(run(Map.of("WF_TRACE_SERVER_URL", "ftp://x"), "status").err()).contains("WF_TRACE_SERVER_URL must be");
        assertThat(run(Map.of("BACKFILL_CHUNK_SIZE", "lots"), "status").err()).contains("BACKFILL_CHUNK_SIZE must be a number");
        Run badDate = run(Map.of("DIFY_DB_URL", "jdbc:postgresql://127.0.0.1:1/none"), "migrate", "--from=yesterday", "--dry-run");
        assertThat(badDate.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(badDate.err()).contains("--from must be an ISO-8601 date-time");
    }

    @Test
    void springPropertiesOnTheCommandLineAndInTheFilesTheyNameAreSettings(@TempDir Path dir) throws IOException {
        Run direct = run(Map.of(), "migrate", "--dify.db.url=mysql://x");
        assertThat(direct.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(direct.err()).contains("DIFY_DB_URL must be a PostgreSQL JDBC URL");
        Path file = dir.resolve("backfill.yml");
        Files.writeString(file, "backfill:\n  chunk-size: lots\n");
        Run located = run(Map.of(), "status", "--spring.config.location=" + file);
        assertThat(located.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(located.err()).isEqualTo("configuration error: BACKFILL_CHUNK_SIZE must be a number, got 'lots'\n");
        Run missing = run(Map.of(), "status", "--spring.config.location=" + dir.resolve("missing.yml"));
        assertThat(missing.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(missing.err()).startsWith("configuration error: a configuration file cannot be read: ")
                .contains("missing.yml").hasLineCount(1);
        Files.writeString(dir.resolve("broken.yml"), "dify:\n  db: [unclosed\n");
        Run broken = run(Map.of(), "status", "--spring.config.location=" + dir.resolve("broken.yml"));
        assertThat(broken.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(broken.err()).startsWith("configuration error: a configuration file cannot be read: ")
                .contains("line 2").hasLineCount(1);
        Run noValue = run(Map.of(), "status", "--spring.config.location");
        assertThat(noValue.status()).isEqualTo(BackfillCli.USAGE);
        assertThat(noValue.err()).contains("--spring.config.location needs a value");
    }

    @Test
    void aSecretFromAConfigFileOrTheCommandLineIsMaskedInTheReason(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("backfill.yml");
        Files.writeString(file, "wandb.api-key: key-in-a-file-0123\nweave.project: key-in-a-file-0123\n");
        Run fromFile = run(Map.of(), "status", "--spring.config.location=" + file);
        assertThat(fromFile.err()).isEqualTo("configuration error: WEAVE_PROJECT must be entity/project, got '***'\n");
        Run fromArgs = run(Map.of(), "migrate", "--wandb.api-key=key-on-the-line-0123", "--project=key-on-the-line-0123");
        assertThat(fromArgs.err()).contains("--project must be entity/project, got '***'").doesNotContain("key-on-the-line");
    }

    @Test
    void difysOwnEnvNamesAreFallbacks() {
        BackfillSettings settings = BackfillSettings.fromEnvironment(Map.of("DB_HOST", "db", "DB_PORT", "5433",
                "DB_DATABASE", "dify", "DB_USERNAME", "postgres", "DB_PASSWORD", "secret", "FILES_URL", "https://files.example"));
        assertThat(settings.dify().url()).isEqualTo("jdbc:postgresql://db:5433/dify");
        assertThat(settings.dify().username()).isEqualTo("postgres");
        assertThat(settings.dify().password()).isEqualTo("secret");
        assertThat(settings.dify().toString()).doesNotContain("secret");
        assertThat(settings.filesUrl()).isEqualTo("https://files.example");
        BackfillSettings own = BackfillSettings.fromEnvironment(Map.of("DIFY_DB_URL", "jdbc:postgresql://h/d",
                "DB_HOST", "ignored", "DIFY_FILES_URL", "http://mine", "FILES_URL", "http://theirs", "WANDB_API_KEY", "k-123"));
        assertThat(own.dify().url()).isEqualTo("jdbc:postgresql://h/d");
        assertThat(own.filesUrl()).isEqualTo("http://mine");
        assertThat(own.weave().toString()).doesNotContain("k-123");
    }
}
