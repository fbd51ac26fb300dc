package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * The W&B API key never reaches logs, exception messages, job parameters, the state store, exported
 * files or reports; a test greps them all after runs that succeed, dead-letter calls and fail.
 */
class SecretsNeverLeakTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theApiKeyIsNowhereAfterSuccessfulRefusedAndFailedRuns(@TempDir Path work) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        String refused = harness.generated.runs().stream().filter(r -> r.finished()).findFirst().orElseThrow()
                .nodes().get(1).id().toString();
        harness.weave.rejectCallIds(refused);
        Path export = work.resolve("export");
        List<String> outputs = new ArrayList<>();

        // a child JVM, so that its real log output (stderr) is captured too
        Process child = harness.startChild(work, "run", "migrate", "--to=2026-11-29T00:00:00Z", "--export-dir=" + export,
                "--also-send", "--report-dir=" + work.resolve("reports"));
        assertThat(child.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(work.resolve("run.err"))).isEqualTo(3);
        BackfillHarness.Result status = harness.run("status");
        outputs.add(status.out() + status.err());
        // a run that fails: every write answered 500 until the retries give up
        harness.weave.setRandomFaults(1, 0, 1.0, 0);
        BackfillHarness.Result failed = harness.run("migrate", "--from=2026-10-01T00:00:00Z", "--to=2026-10-15T00:00:00Z");
        assertThat(failed.exitStatus()).as(failed.err()).isEqualTo(1);
        outputs.add(failed.out() + failed.err());
        harness.weave.clearRandomFaults();
        // a key Weave refuses: the preflight stops the run (exit 2), naming the setting, not the key
        harness.env.put("WANDB_API_KEY", BackfillHarness.API_KEY + "-but-wrong");
        BackfillHarness.Result wrongKey = harness.run("migrate", "--from=2026-10-15T00:00:00Z", "--to=2026-10-20T00:00:00Z");
        assertThat(wrongKey.exitStatus()).as(wrongKey.err()).isEqualTo(2);
        assertThat(wrongKey.err()).contains("WANDB_API_KEY").contains("401");
        outputs.add(wrongKey.out() + wrongKey.err());

        List<String> leaks = new ArrayList<>();
        for (String output : outputs) {
            if (output.contains(BackfillHarness.API_KEY)) {
                leaks.add("command output: " + output);
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.readString(file).contains(BackfillHarness.API_KEY)) {
                    leaks.add("file " + file);
                }
            }
        }
        for (String table : List.of("batch_job_execution_params", "batch_job_execution_context",
                "batch_step_execution_context", "batch_job_execution", "batch_step_execution", "backfill_dead_letter",
                "backfill_problem")) {
            Long hits = harness.stateJdbc().queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text LIKE ?",
                    Long.class, "%" + BackfillHarness.API_KEY + "%");
            if (hits != null && hits > 0) {
                leaks.add("state table " + table);
            }
        }
        assertThat(leaks).as("places the API key leaked to").isEmpty();
        assertThat(Files.readString(work.resolve("run.err"))).as("the child's log is real").contains("WeaveDelivery");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(export.resolve("weave-requests.jsonl"))))
                .isEqualTo("rw-------");
        assertThat(harness.weave.requests()).allSatisfy(r -> assertThat(r.uri().toString())
                .doesNotContain(BackfillHarness.API_KEY));
    }
}
