package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.demo.generator.DifyDataGenerator;
/** {@code verify} reconciles a window against what Weave holds, through /calls/stream_query. */
class VerifyCommandTest {

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aCompleteBackfillVerifiesAndAMissingCallIsListedWithItsSourceRow() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder().withoutMessageApps().build());
        String refused = harness.generated.runs().stream().filter(r -> r.finished()).findFirst().orElseThrow()
                .nodes().get(2).id().toString();
        harness.weave.rejectCallIds(refused);
        assertThat(harness.run("migrate", "--to=2026-11-29T00:00:00Z").exitStatus()).isEqualTo(3);
        int queriesBefore = harness.weave.requestsTo("/calls/stream_query").size();

        BackfillHarness.Result verify = harness.run("verify", "--to=2026-11-29T00:00:00Z");

        assertThat(verify.exitStatus()).as(verify.out() + verify.err()).isEqualTo(1);
        int expected = harness.expectedCalls().size();
        assertThat(verify.out()).containsPattern("workflow\\s+" + expected + "\\s+" + (expected - 1) + "\\s+1");
        assertThat(verify.out()).contains(refused + "  workflow_node_executions:" + refused);
        assertThat(verify.err()).contains("1 expected calls are missing");
        // the preflight's one access check, then one query per 1000 expected ids
        assertThat(harness.weave.requestsTo("/calls/stream_query"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(200))
                .hasSize(queriesBefore + 1 + (expected + 999) / 1000);
    }

    @Test
    void everythingPresentExitsZero() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        // every unfinished generated root is days old: stale after an hour, so the migrate sent it (C15)
        assertThat(harness.run("migrate", "--to=2026-11-29T00:00:00Z", "--stale-after=PT1H").exitStatus()).isZero();

        BackfillHarness.Result verify = harness.run("verify", "--to=2026-11-29T00:00:00Z", "--stale-after=PT1H");

        assertThat(verify.exitStatus()).as(verify.err()).isZero();
        assertThat(verify.out()).contains("every expected call is in Weave, complete")
                .doesNotContain("not finished yet");
    }

    @Test
    void rootsNotFinishedYetAreCountedAndTheWindowIsNotCalledComplete() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        long unfinishedRuns = harness.generated.runs().stream().filter(r -> !r.finished()).count();
        long unfinishedMessages = harness.generated.messages().stream().filter(m -> !m.finished()).count();
        assertThat(unfinishedRuns).isPositive();
        assertThat(harness.run("migrate", "--to=2026-11-29T00:00:00Z").exitStatus()).isZero();

        BackfillHarness.Result verify = harness.run("verify", "--to=2026-11-29T00:00:00Z");

        assertThat(verify.exitStatus()).isEqualTo(1);
        assertThat(verify.out()).contains((unfinishedRuns + unfinishedMessages) + " roots not finished yet")
                .doesNotContain("complete");
        assertThat(verify.err()).contains((unfinishedRuns + unfinishedMessages) + " roots not finished yet");
    }
}
