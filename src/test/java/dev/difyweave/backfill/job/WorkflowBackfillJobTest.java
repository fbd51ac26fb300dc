package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.testsupport.Fault;
import dev.difyweave.backfill.testsupport.OwnThread;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedNode;
import dev.difyweave.demo.generator.GeneratedRun;

/** Whole-job runs of {@code migrate} on Dify's DDL with generated data, against the fake Weave. */
class WorkflowBackfillJobTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void fullRunSendsEveryFinishedRunWithItsNodesAsOneTree() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
        GeneratedRun failed = harness.generated.runs().stream().filter(r -> r.status().equals("failed")).findFirst()
                .orElseThrow();
        StoredCall failedRun = harness.weave.call(BackfillHarness.PROJECT, failed.id().toString()).orElseThrow();
        String runError = harness.difyJdbc().queryForObject("SELECT error FROM workflow_runs WHERE id = ?", String.class,
                failed.id());
        assertThat(runError).isNotBlank();
        assertThat(failedRun.exception()).isEqualTo(runError);
        GeneratedNode failedNode = failed.nodes().stream().filter(n -> n.status().equals("failed")).findFirst()
                .orElseThrow();
        String nodeError = harness.difyJdbc().queryForObject("SELECT error FROM workflow_node_executions WHERE id = ?",
                String.class, failedNode.id());
        assertThat(nodeError).isNotBlank();
        assertThat(harness.weave.call(BackfillHarness.PROJECT, failedNode.id().toString()).orElseThrow().exception())
                .as("C4: a failed node ends with its error").isEqualTo(nodeError);
        SourcePayloads.assertMatchTheirRows(harness.difyJdbc(), harness.weave.visibleCalls(BackfillHarness.PROJECT),
                BackfillHarness.FILES_URL);
        assertThat(result.out()).contains("COMPLETED");
        assertThat(harness.weave.strippedCallCount()).as("no call may hit Weave's row limit").isZero();
    }

    @Test
    void runningAndPausedRunsAndSingleStepNodesAreNotSent() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());

        assertThat(harness.run("migrate").exitStatus()).isZero();

        List<String> unfinished = harness.generated.runs().stream().filter(r -> !r.finished())
                .map(r -> r.id().toString()).toList();
        assertThat(unfinished).isNotEmpty();
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContainAnyElementsOf(unfinished);
        List<String> singleStep = harness.difyJdbc().queryForList(
                "SELECT id::text FROM workflow_node_executions WHERE triggered_from = 'single-step'", String.class);
        assertThat(singleStep).isNotEmpty();
        assertThat(harness.weave.allCallIds(BackfillHarness.PROJECT)).doesNotContainAnyElementsOf(singleStep);
    }

    @Test
    void aSecondRunOfTheSameWindowSendsNothing() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        assertThat(harness.run("migrate", "--to=2026-11-29T00:00:00Z").exitStatus()).isZero();
        long requests = harness.weave.writeRequestCount();

        BackfillHarness.Result again = harness.run("migrate", "--to=2026-11-29T00:00:00Z");

        assertThat(again.exitStatus()).isZero();
        assertThat(again.out()).contains("already completed");
        assertThat(harness.weave.writeRequestCount()).isEqualTo(requests);
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void aRunThatFailsMidwayResumesFromItsCheckpointAndEndsWithEveryCallOnce() throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.env.put("BACKFILL_RETRY_MAX", "2");

        // Weave goes down for good after a few requests: the run must fail, resumable.
        CompletableFuture<BackfillHarness.Result> first = OwnThread.supply(() -> harness.run("migrate"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (harness.weave.writeRequestCount() < 3 && System.nanoTime() < deadline && !first.isDone()) {
            Thread.sleep(5);
        }
        harness.weave.setRandomFaults(1, 0, 1.0, 0);
        BackfillHarness.Result failed = first.get(120, TimeUnit.SECONDS);
        assertThat(failed.exitStatus()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.err()).contains("resume");
        int sentBeforeFailure = harness.weave.visibleCalls(BackfillHarness.PROJECT).size();
        assertThat(sentBeforeFailure).isPositive().isLessThan(harness.expectedCalls().size());
        assertThat(harness.run("status").out()).contains("FAILED").contains("yes: run the same command again");

        harness.weave.clearRandomFaults();
        BackfillHarness.Result resumed = harness.run("migrate");

        assertThat(resumed.exitStatus()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("continuing the unfinished window").contains("resumed execution").doesNotContain("already completed");
        harness.assertEveryExpectedCallExactlyOnce();
        long resent = harness.weave.visibleCalls(BackfillHarness.PROJECT).stream()
                .filter(c -> c.partsReceived() > 2).count();
        assertThat(resent).as("only the chunk in flight at the failure is sent twice")
                .isLessThanOrEqualTo(harness.expectedCalls().size() / 2);
    }

    @Test
    void injectedFaultsLoseNothingAndDuplicateNothing() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.env.put("BACKFILL_BATCH_CALLS", "20");
        harness.weave.setRandomRetryAfter("0");
        harness.weave.setRandomFaults(7, 0.10, 0.05, 0.02);

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(harness.weave.faultsInjected()).isPositive();
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void aReplyThatIsNotJsonFailsTheRunWithItsReasonAndTheResumeLosesNothing() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        // something in front of the trace server answers the first request with a page of its own
        harness.weave.enqueueFault(Fault.htmlPage(200, "Sign in"));

        BackfillHarness.Result failed = harness.run("migrate");

        assertThat(failed.exitStatus()).as(failed.out() + failed.err()).isEqualTo(1);
        assertThat(failed.err()).contains("Weave answered HTTP 200 with text/html, not JSON, on POST /call/upsert_batch: "
                + "not the trace server (check WF_TRACE_SERVER_URL and any proxy in between); nothing was counted as "
                + "sent: <html> <head>").contains("run the same command again to resume");
        assertThat(harness.run("status").out()).contains("FAILED").contains("yes: run the same command again");

        BackfillHarness.Result resumed = harness.run("migrate");

        assertThat(resumed.exitStatus()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resumed execution");
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void aThirtySecondStallBeyondTheClientTimeoutIsRetriedWithoutLossOrDuplicate() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.env.put("BACKFILL_HTTP_TIMEOUT", "PT3S");
        harness.weave.enqueueFault(Fault.stall(java.time.Duration.ofSeconds(30)));

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(harness.weave.faultsInjected()).isEqualTo(1);
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void requestsAboveTheServerLimitAreSplitUntilTheyFit() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.weave.setMaxBodyBytes(64 * 1024);

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(harness.weave.requests()).anyMatch(r -> r.status() == 413);
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void aProjectInCallsCompleteModeIsWrittenThroughTheV2Endpoint() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.weave.setCompleteOnly(BackfillHarness.PROJECT);

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        // v1 only refused (once per partition that asked before the switch), every call written on v2
        assertThat(harness.weave.requestsTo("/call/upsert_batch")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(harness.weave.requestsTo("/v2/acme/dify-history/calls/complete")).isNotEmpty()
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        harness.assertEveryExpectedCallExactlyOnce();
        assertThat(harness.weave.visibleCalls(BackfillHarness.PROJECT))
                .allSatisfy(c -> assertThat(c.table()).isEqualTo("calls_complete"));
    }

    @Test
    void aDryRunReadsAndAssemblesButSendsNothing() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());

        BackfillHarness.Result result = harness.run("migrate", "--dry-run");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(result.out()).contains("COMPLETED");
        assertThat(harness.weave.requestCount()).isZero();
        // a dry run is its own instance: the real run afterwards still sends everything
        assertThat(harness.run("migrate").exitStatus()).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
    }

    @Test
    void exportWritesTheRequestBodiesReadableByTheOwnerOnly(@TempDir Path dir) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.env.remove("WANDB_API_KEY");
        Path exportDir = dir.resolve("out");

        BackfillHarness.Result result = harness.run("migrate", "--export-dir=" + exportDir);

        assertThat(result.exitStatus()).as(result.err()).isZero();
        Path file = exportDir.resolve("weave-requests.jsonl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = Files.readString(file);
        for (String id : harness.expectedCalls().keySet()) {
            assertThat(text).contains("\"id\":\"" + id + "\"");
        }
        assertThat(text).doesNotContain(BackfillHarness.API_KEY);
        assertThat(harness.weave.requestCount()).isZero();
    }

    @Test
    void windowAndAppFiltersSelectOnlyTheirRuns() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        String app = harness.generated.apps().get(0).id().toString();

        BackfillHarness.Result result = harness.run("migrate", "--app=" + app, "--from=2026-09-15",
                "--to=2026-10-15T00:00:00Z");

        assertThat(result.exitStatus()).as(result.err()).isZero();
        List<String> expectedRoots = harness.generated.runs().stream()
                .filter(r -> r.finished() && r.appId().toString().equals(app))
                .filter(r -> !r.createdAt().isBefore(java.time.LocalDateTime.parse("2026-09-15T00:00:00"))
                        && r.createdAt().isBefore(java.time.LocalDateTime.parse("2026-10-15T00:00:00")))
                .map(r -> r.id().toString()).toList();
        assertThat(expectedRoots).isNotEmpty();
        List<String> roots = harness.weave.visibleCalls(BackfillHarness.PROJECT).stream()
                .filter(c -> c.parentId() == null).map(StoredCall::id).toList();
        assertThat(roots).containsExactlyInAnyOrderElementsOf(expectedRoots);
    }

    @Test
    void aWeaveThatRejectsTheKeyStopsTheRunBeforeAnyWorkWithAClearReason() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.env.put("WANDB_API_KEY", "wrong-key");

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("WANDB_API_KEY").contains("401").doesNotContain("wrong-key");
        assertThat(harness.stateJdbc().queryForObject("SELECT to_regclass('backfill_dead_letter') IS NULL", Boolean.class))
                .as("no work at all: the state store's tables are not even created").isTrue();
        assertThat(harness.weave.writeRequestCount()).isZero();
    }

}
