package dev.difyweave.backfill.weave;

import java.nio.charset.StandardCharsets;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.testsupport.Fault;
import dev.difyweave.backfill.testsupport.FakeWeaveServer;
import dev.difyweave.backfill.testsupport.StoredCall;
import tools.jackson.databind.node.ObjectNode;

/** The delivery protocol against the fake Weave server, over real HTTP. */
class WeaveDeliveryTest {

    private static final String KEY = "delivery-test-key";
    private static final String PROJECT = "team/project";

    private FakeWeaveServer weave;
    private DeliveryStats stats;

    @BeforeEach
    void start() {
        weave = new FakeWeaveServer(KEY).start();
        stats = new DeliveryStats();
    }

    @AfterEach
    void stop() {
        weave.close();
    }

    @Test
    void aCallWeaveRejectsIsBisectedOutAndDeadLetteredWhileTheOthersArrive() {
        List<WeaveCall> calls = calls(9);
        WeaveCall bad = call("NOT-A-VALID-ID", null);
        calls.add(4, bad);

        List<DeadLetter> dead = delivery(KEY, 3).deliver(PROJECT, calls);

        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.call().id()).isEqualTo("NOT-A-VALID-ID");
            assertThat(d.httpStatus()).isEqualTo(400);
            assertThat(d.reason()).isNotBlank();
        });
        assertThat(weave.visibleCalls(PROJECT)).hasSize(9);
        assertThat(stats.deadLetters()).isEqualTo(1);
    }

    @Test
    void a413HalvesTheBatchAndASingleCallThatStillDoesNotFitIsADeadLetter() {
        weave.setMaxBodyBytes(6_000);
        List<WeaveCall> calls = calls(12);
        WeaveCall big = call(UUID.randomUUID().toString(), "x".repeat(20_000));
        calls.add(big);

        List<DeadLetter> dead = delivery(KEY, 1000).deliver(PROJECT, calls);

        assertThat(weave.requests()).anyMatch(r -> r.status() == 413);
        assertThat(weave.visibleCalls(PROJECT)).hasSize(12);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.call().id()).isEqualTo(big.id());
            assertThat(d.httpStatus()).isEqualTo(413);
        });
    }

    @Test
    void aWrongKeyStopsDeliveryWithoutDeadLetteringAnything() {
        assertThatThrownBy(() -> delivery("wrong", 100).deliver(PROJECT, calls(3)))
                .isInstanceOf(WeaveRejectedException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining("wrong");
        assertThat(stats.deadLetters()).isZero();
    }

    @Test
    void retryAfterIsHonouredBeforeTheNextAttempt() {
        weave.enqueueFault(Fault.tooManyRequests(1));
        long start = System.nanoTime();

        List<DeadLetter> dead = delivery(KEY, 100).deliver(PROJECT, calls(2));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(dead).isEmpty();
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(weave.visibleCalls(PROJECT)).hasSize(2);
    }

    @Test
    void aWeaveThatStaysDownEndsInAClearFailureAfterTheRetryBudget() {
        for (int i = 0; i < 10; i++) {
            weave.enqueueFault(Fault.status(503));
        }

        assertThatThrownBy(() -> delivery(KEY, 100).deliver(PROJECT, calls(2)))
                .isInstanceOf(WeaveUnavailableException.class)
                .hasMessageContaining("3 retries");
        // the batch with its 3 retries, then each half probed with 2 retries: nothing answered, an outage
        assertThat(weave.writeRequestCount()).isEqualTo(4 + 2 * 3);
        assertThat(stats.deadLetters()).isZero();
    }

    @Test
    void aCallThatAlwaysGets500WhileTheOthersAreAcceptedIsADeadLetterWithItsReason() {
        List<WeaveCall> calls = calls(50);
        WeaveCall poison = calls.get(17);
        weave.failCallIdsWith(500, poison.id());

        List<DeadLetter> dead = delivery(KEY, 1000).deliver(PROJECT, calls);

        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.call().id()).isEqualTo(poison.id());
            assertThat(d.httpStatus()).isEqualTo(500);
            assertThat(d.reason()).contains("Weave kept answering HTTP 500 for this call alone")
                    .contains("failed with HTTP 500 (by the test)");
        });
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(calls.stream().filter(c -> c != poison).map(WeaveCall::id).toList());
        assertThat(stats.deadLetters()).isEqualTo(1);
        assertThat(stats.callsAccepted()).isEqualTo(49);
    }

    @Test
    void twoNeighbouringCallsThatAlwaysGet502AreBothDeadLetters() {
        List<WeaveCall> calls = calls(16);
        weave.failCallIdsWith(502, calls.get(14).id(), calls.get(15).id());

        List<DeadLetter> dead = delivery(KEY, 1000).deliver(PROJECT, calls);

        assertThat(dead).extracting(d -> d.call().id()).containsExactlyInAnyOrder(calls.get(14).id(), calls.get(15).id());
        assertThat(dead).allSatisfy(d -> assertThat(d.httpStatus()).isEqualTo(502));
        assertThat(weave.visibleCalls(PROJECT)).hasSize(14);
    }

    @Test
    void aCallThatAlwaysGets500AloneInItsRequestIsADeadLetterOnceWeaveAcceptsAnEarlierCallAgain() {
        WeaveDelivery delivery = delivery(KEY, 1000);
        assertThat(delivery.deliver(PROJECT, calls(3))).isEmpty();
        WeaveCall poison = calls(1).get(0);
        weave.failCallIdsWith(500, poison.id());

        List<DeadLetter> dead = delivery.deliver(PROJECT, List.of(poison));

        assertThat(dead).singleElement().satisfies(d -> assertThat(d.httpStatus()).isEqualTo(500));
        assertThat(weave.visibleCalls(PROJECT)).hasSize(3);
    }

    @Test
    void aCallThatWeaveRefusesWith422AmongFiftyIsADeadLetter() {
        List<WeaveCall> calls = calls(50);
        WeaveCall refused = calls.get(33);
        weave.failCallIdsWith(422, refused.id());

        List<DeadLetter> dead = delivery(KEY, 1000).deliver(PROJECT, calls);

        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.call().id()).isEqualTo(refused.id());
            assertThat(d.httpStatus()).isEqualTo(422);
            assertThat(d.reason()).contains("failed with HTTP 422");
        });
        assertThat(weave.visibleCalls(PROJECT)).hasSize(49);
    }

    @Test
    void anOutageIsAResumableFailureWithoutDeadLettersAfterABoundedNumberOfRequests() {
        WeaveDelivery delivery = delivery(KEY, 1000);
        assertThat(delivery.deliver(PROJECT, calls(2))).isEmpty();
        long before = weave.writeRequestCount();
        for (int i = 0; i < 500; i++) {
            weave.enqueueFault(Fault.status(503));
        }

        assertThatThrownBy(() -> delivery.deliver(PROJECT, calls(50)))
                .isInstanceOf(WeaveUnavailableException.class)
                .hasMessageContaining("503");

        assertThat(stats.deadLetters()).isZero();
        // the batch (1 + 3 tries), its two halves (1 + 2 tries each), one re-send of a call Weave took before
        assertThat(weave.writeRequestCount() - before).isEqualTo(4 + 2 * 3 + 3);
        assertThat(weave.visibleCalls(PROJECT)).hasSize(2);
    }

    @Test
    void aCallThatKeepsLosingItsReplyIsNeverADeadLetter() {
        List<WeaveCall> calls = calls(4);
        for (int i = 0; i < 500; i++) {
            weave.enqueueFault(Fault.lostReply());
        }

        assertThatThrownBy(() -> delivery(KEY, 1000).deliver(PROJECT, calls))
                .isInstanceOf(WeaveUnavailableException.class);
        assertThat(stats.deadLetters()).isZero();
        assertThat(weave.writeRequestCount()).isEqualTo(4);
    }

    @Test
    void aLostReplyIsRetriedAndTheRepeatedPartsMergeIntoOneCall() {
        weave.enqueueFault(Fault.lostReply());
        List<WeaveCall> calls = calls(3);

        assertThat(delivery(KEY, 100).deliver(PROJECT, calls)).isEmpty();

        assertThat(weave.visibleCalls(PROJECT)).hasSize(3);
        assertThat(weave.partsReceived(PROJECT, calls.get(0).id())).isEqualTo(4);
    }

    @Test
    void aStallBeyondTheReadTimeoutIsRetried() {
        weave.enqueueFault(Fault.stall(Duration.ofSeconds(3)));

        WeaveHttpClient client = new WeaveHttpClient(URI.create(weave.baseUrl()), KEY, Duration.ofSeconds(2),
                Duration.ofMillis(500));
        WeaveDelivery delivery = new WeaveDelivery(client, retry(3), new WeaveDelivery.Settings(1 << 20, 100), stats);

        assertThat(delivery.deliver(PROJECT, calls(2))).isEmpty();
        assertThat(weave.visibleCalls(PROJECT)).hasSize(2);
        assertThat(stats.retries()).isPositive();
    }

    @Test
    void callsCompleteModeSwitchesTheProjectToTheV2Endpoint() {
        weave.setCompleteOnly(PROJECT);
        WeaveDelivery delivery = delivery(KEY, 100);

        assertThat(delivery.deliver(PROJECT, calls(4))).isEmpty();
        assertThat(delivery.deliver(PROJECT, calls(2))).isEmpty();

        assertThat(delivery.isCompleteMode(PROJECT)).isTrue();
        assertThat(weave.requestsTo("/call/upsert_batch")).hasSize(1);
        assertThat(weave.requestsTo("/v2/team/project/calls/complete")).hasSize(2);
        assertThat(weave.visibleCalls(PROJECT)).hasSize(6);
    }

    @Test
    void theKeyTravelsOnlyAsBasicAuthAndNeverInTheUrl() {
        delivery(KEY, 100).deliver(PROJECT, calls(1));

        assertThat(weave.requests()).allSatisfy(r -> {
            assertThat(r.uri().toString()).doesNotContain(KEY);
            assertThat(r.header("Authorization")).startsWith("Basic ");
        });
    }

    private WeaveDelivery delivery(String key, int maxBatchCalls) {
        WeaveHttpClient client = new WeaveHttpClient(URI.create(weave.baseUrl()), key, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
        return new WeaveDelivery(client, retry(3), new WeaveDelivery.Settings(8L << 20, maxBatchCalls), stats);
    }

    private WeaveRetry retry(int maxRetries) {
        return new WeaveRetry(new WeaveRetry.Settings(maxRetries, Duration.ofMillis(5), 2.0, Duration.ofMillis(20),
                Duration.ofSeconds(2)), stats);
    }

    private static List<WeaveCall> calls(int n) {
        List<WeaveCall> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(call(UUID.randomUUID().toString(), "value " + i));
        }
        return calls;
    }

    private static WeaveCall call(String id, String text) {
        Instant start = Instant.parse("2025-03-01T10:00:00.123456Z");
        ObjectNode inputs = Json.NODES.objectNode().put("query", text == null ? "q" : text);
        ObjectNode summary = Json.NODES.objectNode();
        summary.putObject("status_counts").put("success", 1).put("error", 0);
        return new WeaveCall(id, id, null, "workflow", null, start, start.plusMillis(1500),
                Json.NODES.objectNode(), inputs, Json.NODES.objectNode().put("answer", "a"), null, summary,
                TraceKind.WORKFLOW, RootKind.WORKFLOW_RUNS.key(UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8))));
    }
}
