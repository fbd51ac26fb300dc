package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedRun;

/**
 * A root whose trace cannot be assembled (a mapper bug on one odd row) neither stops the window nor is
 * lost without a trace: it becomes an "unsent" dead letter (status 0, the source key, the reason), the
 * rest of the window is delivered, and the run says so in its exit status. The bug is injected into a
 * child JVM by {@link FailingAssembly}.
 */
class AssemblyFailureJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aRootThatCannotBeAssembledIsAnUnsentDeadLetterWithItsReasonAndTheWindowGoesOn(@TempDir Path work)
            throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        GeneratedRun broken = harness.generated.runs().stream().filter(GeneratedRun::finished).toList().get(3);
        String runId = broken.id().toString();

        Process process = BackfillHarness.child(work, "migrate", harness.env,
                List.of("-Dspring.main.sources=" + FailingAssembly.class.getName(), "-D" + FailingAssembly.RUN + "=" + runId),
                "migrate", "--to=2026-11-29T00:00:00Z");
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(work.resolve("migrate.err"));
        String out = Files.readString(work.resolve("migrate.out"));

        assertThat(process.exitValue()).as(out + err).isEqualTo(3);
        assertThat(err.lines().filter(l -> l.startsWith("migrate"))).containsExactly("migrate: 1 traces could not be "
                + "assembled from their Dify rows and were not sent (a bug: please report it with the reason); each is "
                + "recorded in backfill_dead_letter with its reason (execution 1)");
        assertThat(harness.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.get("call_id")).isNull();
            assertThat(d.get("source_key")).isEqualTo("workflow_runs:" + runId);
            assertThat(d.get("http_status")).isEqualTo(0);
            assertThat(d.get("reason")).isEqualTo("could not assemble the trace: java.lang.IllegalStateException: "
                    + FailingAssembly.BUG);
        });
        Map<String, BackfillHarness.Expected> expected = new java.util.HashMap<>(harness.expectedCalls());
        assertThat(expected.values().removeIf(e -> e.trace().equals(runId))).isTrue();
        harness.assertEveryExpectedCallExactlyOnce(expected);
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContain(runId);
    }
}
