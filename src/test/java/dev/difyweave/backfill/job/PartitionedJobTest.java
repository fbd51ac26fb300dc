package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.testsupport.OwnThread;
import dev.difyweave.demo.generator.DifyDataGenerator;

/** Local partitioning: whole jobs over several partitions on threads, a failure and a resume. */
class PartitionedJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void threePartitionsPerStepSendEveryCallOnceAndCountEveryTraceOnce() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.demo());

        BackfillHarness.Result result = harness.run("migrate", "--partitions=3");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
        long roots = harness.expectedCalls().values().stream().filter(e -> e.parent().isEmpty()).count();
        assertThat(result.out()).contains(" " + roots + " traces, " + harness.expectedCalls().size() + " calls delivered");
        List<Map<String, Object>> partitions = harness.stateJdbc().queryForList(
                "SELECT step_name, status, write_count FROM batch_step_execution WHERE step_name LIKE '%:p%' ORDER BY step_name");
        assertThat(partitions).extracting(p -> p.get("step_name")).containsExactly(
                "conversationPartition:p000", "conversationPartition:p001", "conversationPartition:p002",
                "messagePartition:p000", "messagePartition:p001", "messagePartition:p002",
                "workflowRunPartition:p000", "workflowRunPartition:p001", "workflowRunPartition:p002");
        assertThat(partitions).allSatisfy(p -> assertThat(p.get("status")).isEqualTo("COMPLETED"));
        assertThat(partitions).filteredOn(p -> p.get("step_name").toString().startsWith("workflowRun"))
                .allSatisfy(p -> assertThat(((Number) p.get("write_count")).longValue()).isPositive());
        assertTheJobsOwnStepsRanOneAfterAnother();
    }

    /**
     * Spring Batch creates a step execution in a SERIALIZABLE transaction; PostgreSQL aborts one of two that
     * run at once ("could not serialize access"), which fails the job. So the job's own steps (not the
     * partitions of one step, which the manager creates on one thread) never start side by side.
     */
    private void assertTheJobsOwnStepsRanOneAfterAnother() {
        List<Map<String, Object>> steps = harness.stateJdbc().queryForList("SELECT step_name, start_time, end_time "
                + "FROM batch_step_execution WHERE step_name NOT LIKE '%:p%' ORDER BY step_execution_id");
        assertThat(steps).hasSizeGreaterThan(3);
        for (int i = 1; i < steps.size(); i++) {
            Map<String, Object> before = steps.get(i - 1);
            Map<String, Object> step = steps.get(i);
            assertThat(((Timestamp) step.get("start_time")).toLocalDateTime())
                    .as("%s starts after %s ended", step.get("step_name"), before.get("step_name"))
                    .isAfterOrEqualTo(((Timestamp) before.get("end_time")).toLocalDateTime());
        }
    }

    @Test
    void aResumeRunsOnlyUnfinishedPartitionsWithTheFirstRunsBoundsWhateverPartitionCountItIsGiven() throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.demo());
        harness.env.put("BACKFILL_RETRY_MAX", "1");

        CompletableFuture<BackfillHarness.Result> first = OwnThread.supply(
                () -> harness.run("migrate", "--partitions=4"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (harness.weave.writeRequestCount() < 40 && System.nanoTime() < deadline && !first.isDone()) {
            Thread.sleep(5);
        }
        harness.weave.setRandomFaults(1, 0, 1.0, 0);
        BackfillHarness.Result failed = first.get(120, TimeUnit.SECONDS);
        assertThat(failed.exitStatus()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.err()).doesNotContain("Partition handler returned");
        List<String> completedFirst = harness.stateJdbc().queryForList(
                "SELECT step_name FROM batch_step_execution WHERE step_name LIKE '%:p%' AND status = 'COMPLETED'",
                String.class);
        List<String> unfinishedFirst = harness.stateJdbc().queryForList(
                "SELECT step_name FROM batch_step_execution WHERE step_name LIKE '%:p%' AND status <> 'COMPLETED'",
                String.class);
        assertThat(unfinishedFirst).isNotEmpty().allMatch(name -> name.matches(".*:p00[0-3]"));

        harness.weave.clearRandomFaults();
        BackfillHarness.Result resumed = harness.run("migrate", "--partitions=2");

        assertThat(resumed.exitStatus()).as(resumed.err()).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
        long secondExecution = harness.stateJdbc().queryForObject("SELECT max(job_execution_id) FROM batch_job_execution",
                Long.class);
        List<String> rerun = harness.stateJdbc().queryForList("SELECT step_name FROM batch_step_execution "
                + "WHERE job_execution_id = ? AND step_name LIKE '%:p%'", String.class, secondExecution);
        assertThat(rerun).doesNotContainAnyElementsOf(completedFirst);
        assertThat(rerun).as("a failed step keeps the first run's four partitions, not the two asked for now")
                .containsAll(unfinishedFirst);
    }
}
