package dev.difyweave.backfill.weave;

import java.nio.charset.StandardCharsets;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.WeaveCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
            assertThat(d.reason()).isEqualTo("{\"reason\":\"Invalid id format for id: 'NOT-A-VALID-ID'. Expected a "
                    + "lowercase UUID string (e.g. 01234567-89ab-cdef-0123-456789abcdef) or a 16-character lowercase "
                    + "hex string\"}");
        });
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(ids(calls.stream().filter(c -> c != bad).toList()));
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
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(ids(calls.subList(0, 12)));
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.call().id()).isEqualTo(big.id());
            assertThat(d.httpStatus()).isEqualTo(413);
            assertThat(d.reason()).isEqualTo("call too large for Weave even alone: {\"reason\":\"Request too large\"}");
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
    void retryAfterInSecondsIsTheWaitBeforeTheNextAttempt() {
        weave.enqueueFault(Fault.tooManyRequests(1));
        List<WeaveCall> calls = calls(2);

        List<DeadLetter> dead = delivery(KEY, 100).deliver(PROJECT, calls);

        assertThat(dead).isEmpty();
        assertThat(stats.retries()).isEqualTo(1);
        // the back-off alone would be 5..20 ms: the wait is the server's second
        assertThat(stats.retryWaitMillis()).isEqualTo(1000);
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id).containsExactlyInAnyOrderElementsOf(ids(calls));
    }

    @Test
    void retryAfterAsAnHttpDateIsTheTimeUntilThatDate() {
        // RFC 9110 IMF-fixdate, one and a half seconds after the client's clock: a wait of exactly 1.5 s
        weave.enqueueFault(Fault.statusWithRetryAfter(429, "Sun, 01 Mar 2026 10:00:01 GMT"));
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:59:59.500Z"), ZoneOffset.UTC);
        List<WeaveCall> calls = calls(2);

        List<DeadLetter> dead = delivery(KEY, 100, clock).deliver(PROJECT, calls);

        assertThat(dead).isEmpty();
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.retryWaitMillis()).isEqualTo(1500);
        assertThat(weave.requestsTo("/call/upsert_batch")).extracting(r -> r.status()).containsExactly(429, 200);
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id).containsExactlyInAnyOrderElementsOf(ids(calls));
    }

    @Test
    void aRetryAfterDateBeyondTheCapIsWaitedOnlyUpToTheCap() {
        // five seconds ahead: waited only the cap on Retry-After, 2 s (see retry())
        weave.enqueueFault(Fault.statusWithRetryAfter(503, "Sun, 01 Mar 2026 10:00:05 GMT"));
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

        List<DeadLetter> dead = delivery(KEY, 100, clock).deliver(PROJECT, calls(3));

        assertThat(dead).isEmpty();
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.retryWaitMillis()).isEqualTo(2000);
        assertThat(weave.visibleCalls(PROJECT)).hasSize(3);
    }

    @Test
    void aRetryAfterDateInThePastOrUnreadableLeavesTheBackOffAlone() {
        weave.enqueueFault(Fault.statusWithRetryAfter(429, "Sat, 28 Feb 2026 10:00:00 GMT"),
                Fault.statusWithRetryAfter(429, "in a while"));
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

        assertThat(delivery(KEY, 100, clock).deliver(PROJECT, calls(1))).isEmpty();

        assertThat(stats.retries()).isEqualTo(2);
        // only the back-off of retry(): 5 ms jittered to 2..4, then 10 ms jittered to 5..10
        assertThat(stats.retryWaitMillis()).isBetween(2L + 5, 4L + 10);
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
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(ids(calls.subList(0, 14)));
    }

    @Test
    void aCallThatAlwaysGets500AloneInItsRequestIsADeadLetterOnceWeaveAcceptsAnEarlierCallAgain() {
        WeaveDelivery delivery = delivery(KEY, 1000);
        assertThat(delivery.deliver(PROJECT, calls(3))).isEmpty();
        WeaveCall poison = calls(1).get(0);
        weave.failCallIdsWith(500, poison.id());

        List<DeadLetter> dead = delivery.deliver(PROJECT, List.of(poison));

        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.call().id()).isEqualTo(poison.id());
            assertThat(d.httpStatus()).isEqualTo(500);
        });
        assertThat(weave.visibleCalls(PROJECT)).hasSize(3).noneMatch(c -> c.id().equals(poison.id()));
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
            assertThat(d.reason()).isEqualTo("{\"reason\":\"Call " + refused.id() + " failed with HTTP 422 (by the test)\"}");
        });
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(ids(calls.stream().filter(c -> c != refused).toList()));
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
        assertThat(stats.retries()).isEqualTo(1);
        assertThat(stats.requestsWithoutResponse()).as("the stalled request timed out").isEqualTo(1);
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
    void aV2PathThatAnswers404SendsTheProjectBackToV1ForGood() {
        // one replica of a server in the middle of an upgrade asks for v2, the older one behind the same
        // address has no v2 path and takes the batch on v1
        weave.setV2CallsCompleteServed(false);
        weave.enqueueFault(Fault.completeModeRequired(PROJECT));
        WeaveDelivery delivery = delivery(KEY, 100);
        List<WeaveCall> first = calls(4);
        List<WeaveCall> second = calls(2);

        assertThat(delivery.deliver(PROJECT, first)).isEmpty();
        assertThat(delivery.deliver(PROJECT, second)).isEmpty();

        assertThat(delivery.isCompleteMode(PROJECT)).isFalse();
        assertThat(weave.requests()).extracting(r -> r.path() + " " + r.status()).containsExactly(
                "/call/upsert_batch 400", "/v2/team/project/calls/complete 404", "/call/upsert_batch 200",
                "/call/upsert_batch 200");
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(ids(java.util.stream.Stream.concat(first.stream(), second.stream()).toList()));
        assertThat(weave.visibleCalls(PROJECT)).allSatisfy(c -> assertThat(c.table()).isEqualTo("calls_merged"));
        assertThat(stats.deadLetters()).isZero();
    }

    @Test
    void aProjectThatWantsV2OnAServerWithoutItStopsTheDeliveryWithoutDeadLetters() {
        weave.setCompleteOnly(PROJECT);
        weave.setV2CallsCompleteServed(false);

        assertThatThrownBy(() -> delivery(KEY, 100).deliver(PROJECT, calls(5)))
                .isInstanceOf(WeaveRejectedException.class)
                .hasMessage("Weave asks for calls-complete mode for project team/project (CALLS_COMPLETE_MODE_REQUIRED "
                        + "on /call/upsert_batch) but answered 404 on /v2/team/project/calls/complete: the server behind "
                        + "WF_TRACE_SERVER_URL is of two versions or a proxy does not forward /v2/; nothing was sent for "
                        + "these calls");

        assertThat(weave.requests()).extracting(r -> r.path() + " " + r.status()).containsExactly(
                "/call/upsert_batch 400", "/v2/team/project/calls/complete 404", "/call/upsert_batch 400");
        assertThat(stats.deadLetters()).isZero();
        assertThat(weave.allCallIds(PROJECT)).isEmpty();
    }

    @Test
    void aSuccessThatIsAnHtmlPageIsNotTakenForAcceptedCalls() {
        // a login page or a frontend answering for the trace server: 200, but nothing was stored
        weave.enqueueFault(Fault.htmlPage(200, "Sign in"));
        WeaveDelivery delivery = delivery(KEY, 100);
        List<WeaveCall> calls = calls(3);

        assertThatThrownBy(() -> delivery.deliver(PROJECT, calls))
                .isInstanceOf(WeaveRejectedException.class)
                .hasMessageStartingWith("Weave answered HTTP 200 with text/html, not JSON, on POST /call/upsert_batch: "
                        + "not the trace server (check WF_TRACE_SERVER_URL and any proxy in between); nothing was "
                        + "counted as sent: <html> <head><title>Sign in</title></head>");

        assertThat(stats.callsAccepted()).isZero();
        assertThat(stats.deadLetters()).isZero();
        assertThat(weave.allCallIds(PROJECT)).isEmpty();
        // the same calls go through once the trace server answers again
        assertThat(delivery.deliver(PROJECT, calls)).isEmpty();
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id).containsExactlyInAnyOrderElementsOf(ids(calls));
    }

    @Test
    void aProxysHtml502PageIsAnOutageNamedByItsPageAndNoCallIsLost() {
        for (int i = 0; i < 10; i++) {
            weave.enqueueFault(Fault.htmlPage(502, "502 Bad Gateway"));
        }
        WeaveDelivery delivery = delivery(KEY, 100);
        List<WeaveCall> calls = calls(2);

        assertThatThrownBy(() -> delivery.deliver(PROJECT, calls))
                .isInstanceOf(WeaveUnavailableException.class)
                .hasMessage("Weave unavailable after 3 retries of POST /call/upsert_batch: HTTP 502 on POST "
                        + "/call/upsert_batch (text/html): <html> <head><title>502 Bad Gateway</title></head> <body> "
                        + "<center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>");

        // the batch with its retries, then each call alone with two: all pages, so an outage, not a refusal
        assertThat(weave.pendingFaults()).isZero();
        assertThat(stats.deadLetters()).isZero();
        assertThat(delivery.deliver(PROJECT, calls)).isEmpty();
        assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id).containsExactlyInAnyOrderElementsOf(ids(calls));
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
        return delivery(key, maxBatchCalls, Clock.systemUTC());
    }

    private WeaveDelivery delivery(String key, int maxBatchCalls, Clock clock) {
        WeaveHttpClient client = new WeaveHttpClient(URI.create(weave.baseUrl()), key, Duration.ofSeconds(2),
                Duration.ofSeconds(5), clock);
        return new WeaveDelivery(client, retry(3), new WeaveDelivery.Settings(8L << 20, maxBatchCalls), stats);
    }

    private static List<String> ids(List<WeaveCall> calls) {
        return calls.stream().map(WeaveCall::id).toList();
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
