package dev.difyweave.backfill.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Tests of the fake itself, over real HTTP/1.1 with java.net.http. */
class FakeWeaveServerTest {

    private static final String API_KEY = "test-api-key-123";
    private static final String PROJECT = "team/project";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeWeaveServer weave;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @BeforeEach
    void startServer() {
        weave = new FakeWeaveServer(API_KEY).start();
    }

    @AfterEach
    void stopServer() {
        weave.close();
    }

    // =========================================================================================================
    @Nested
    class Authentication {

        @Test
        void healthNeedsNoAuth() throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health")).GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response)).isEqualTo(JSON.readTree("{\"status\": \"ok\"}"));
        }

        @Test
        void missingCredentialsGet401AndNothingIsStored() throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/call/upsert_batch"))
                    .POST(HttpRequest.BodyPublishers.ofString(oneCall(uuid(1)).toString())));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).path("reason").stringValue()).isNotBlank();
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"api:wrong-key", "alice:" + API_KEY, "api:"})
        void wrongBasicCredentialsGet401(String credentials) throws Exception {
            String header = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/calls/query_stats"))
                    .header("Authorization", header)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"project_id\": \"team/project\"}")));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).has("reason")).isTrue();
        }

        @Test
        void bearerTokenIsNotAccepted() throws Exception {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/server_info"))
                    .header("Authorization", "Bearer " + API_KEY).GET());

            assertThat(response.statusCode()).isEqualTo(401);
        }

        @Test
        void serverInfoWithBasicAuth() throws Exception {
            HttpResponse<String> response = send(authorized("/server_info").GET());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("min_required_weave_python_version").isString()).isTrue();
        }
    }

    // =========================================================================================================
    @Nested
    class RequestShape {

        @Test
        void unknownTopLevelKeyGets422() throws Exception {
            ObjectNode body = oneCall(uuid(1)).put("client_version", "1.0");

            HttpResponse<String> response = post("/call/upsert_batch", body);

            assertThat(response.statusCode()).isEqualTo(422);
            JsonNode error = json(response).path("detail").get(0);
            assertThat(error.path("type").stringValue()).isEqualTo("extra_forbidden");
            assertThat(error.path("loc")).isEqualTo(JSON.readTree("[\"body\", \"client_version\"]"));
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void unknownKeyInBatchItemOrReqGets422() throws Exception {
            ObjectNode extraInItem = batch(startItem(start(uuid(1))).put("priority", 1));
            ObjectNode extraInReq = batch(startItem(start(uuid(2))));
            ((ObjectNode) extraInReq.path("batch").get(0).path("req")).put("trace_server", "x");

            assertThat(post("/call/upsert_batch", extraInItem).statusCode()).isEqualTo(422);
            assertThat(post("/call/upsert_batch", extraInReq).statusCode()).isEqualTo(422);
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void unknownKeysInsideStartAndEndAreIgnored() throws Exception {
            ObjectNode start = start(uuid(1)).put("not_a_field", "dropped");
            ObjectNode end = end(uuid(1)).put("display_name", "the TS SDK sends this on end; it is dropped");

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start), endItem(end)));

            assertThat(response.statusCode()).isEqualTo(200);
            StoredCall call = weave.call(PROJECT, uuid(1)).orElseThrow();
            assertThat(call.fields().has("not_a_field")).isFalse();
            assertThat(call.displayName()).isNull();
        }

        @Test
        void endWithoutSummaryGets422() throws Exception {
            ObjectNode end = end(uuid(1));
            end.remove("summary");

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start(uuid(1))), endItem(end)));

            assertThat(response.statusCode()).isEqualTo(422);
            JsonNode error = json(response).path("detail").get(0);
            assertThat(error.path("type").stringValue()).isEqualTo("missing");
            assertThat(error.path("loc"))
                    .isEqualTo(JSON.readTree("[\"body\", \"batch\", 1, \"req\", \"end\", \"summary\"]"));
        }

        @Test
        void startNeedsAttributesAndObjectInputsAndEveryErrorIsListed() throws Exception {
            ObjectNode start = start(uuid(1));
            start.remove("attributes");
            start.putArray("inputs").add("not an object");

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start)));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).path("detail").findValuesAsString("type"))
                    .containsExactlyInAnyOrder("missing", "dict_type");
        }

        @Test
        void startNeedsOpNameAndAValidStartedAt() throws Exception {
            ObjectNode start = start(uuid(1)).put("started_at", "yesterday");
            start.remove("op_name");

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start)));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).path("detail")).hasSize(2);
        }

        @Test
        void usageCountsMustBeIntegers() throws Exception {
            ObjectNode fractional = end(uuid(1));
            fractional.putObject("summary").putObject("usage").putObject("gpt-4o").put("prompt_tokens", 1.5);
            ObjectNode integral = end(uuid(2));
            ObjectNode usage = integral.putObject("summary").putObject("usage").putObject("gpt-4o")
                    .put("prompt_tokens", 9).put("completion_tokens", 1.0);
            usage.putNull("total_tokens");
            usage.putObject("prompt_tokens_details").put("cached_tokens", 0);

            assertThat(post("/call/upsert_batch", batch(endItem(fractional))).statusCode()).isEqualTo(422);
            assertThat(post("/call/upsert_batch", batch(startItem(start(uuid(2))), endItem(integral))).statusCode())
                    .isEqualTo(200);
            JsonNode stored = weave.call(PROJECT, uuid(2)).orElseThrow().summary().path("usage").path("gpt-4o");
            assertThat(stored.path("completion_tokens").isIntegralNumber()).isTrue();
            assertThat(stored.path("prompt_tokens_details").path("cached_tokens").asInt()).isZero();
        }

        @Test
        void statusCountsKeysMustBeTraceStatuses() throws Exception {
            ObjectNode end = end(uuid(1));
            end.putObject("summary").putObject("status_counts").put("success", 2).put("failed", 1);

            HttpResponse<String> response = post("/call/upsert_batch", batch(endItem(end)));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).path("detail").get(0).path("loc").get(7).stringValue()).isEqualTo("failed");
        }

        @Test
        void unknownModeGets422() throws Exception {
            ObjectNode item = startItem(start(uuid(1))).put("mode", "upsert");

            assertThat(post("/call/upsert_batch", batch(item)).statusCode()).isEqualTo(422);
        }

        @Test
        void oneBadItemRejectsTheWholeBatch() throws Exception {
            ObjectNode badEnd = end(uuid(2));
            badEnd.remove("summary");
            ObjectNode shapeError = batch(startItem(start(uuid(1))), endItem(end(uuid(1))), endItem(badEnd));
            ObjectNode contentError = batch(startItem(start(uuid(3))), startItem(start(uuid(4).toUpperCase())));

            assertThat(post("/call/upsert_batch", shapeError).statusCode()).isEqualTo(422);
            assertThat(post("/call/upsert_batch", contentError).statusCode()).isEqualTo(400);
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void missingContentTypeIsAcceptedOtherTypesAreNot() throws Exception {
            HttpResponse<String> noContentType = send(authorized("/call/upsert_batch")
                    .POST(HttpRequest.BodyPublishers.ofString(oneCall(uuid(1)).toString())));
            HttpResponse<String> textPlain = send(authorized("/call/upsert_batch")
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString(oneCall(uuid(2)).toString())));

            assertThat(noContentType.statusCode()).isEqualTo(200);
            assertThat(textPlain.statusCode()).isEqualTo(422);
            assertThat(weave.allCallIds(PROJECT)).containsExactly(uuid(1));
        }

        @Test
        void malformedJsonGets422() throws Exception {
            HttpResponse<String> response = send(authorized("/call/upsert_batch")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"batch\": [")));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).path("detail").get(0).path("type").stringValue()).isEqualTo("json_invalid");
        }

        @Test
        void gzipRequestBodiesAreDecoded() throws Exception {
            byte[] gzipped = gzip(oneCall(uuid(1)).toString().getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> response = send(authorized("/call/upsert_batch")
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(gzipped)));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(weave.visibleCalls(PROJECT)).hasSize(1);
            assertThat(weave.lastRequest().orElseThrow().bodyBytes()).isEqualTo(gzipped.length);
        }
    }

    // =========================================================================================================
    @Nested
    class ContentChecks {

        @ParameterizedTest
        @ValueSource(strings = {
                "0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B", // uppercase
                "0190a1b2c3d47e5f8a9b0c1d2e3f4a5b", // no hyphens (only valid as a trace_id)
                "{0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b}",
                "1-2-3-4-5", // Java's UUID.fromString accepts this; the server does not
                "0123456789abcde", // 15 hex
                "0123456789ABCDEF", // 16 hex, uppercase
                "dify-message-42"})
        void invalidCallIdsGet400(String id) throws Exception {
            ObjectNode start = start(uuid(1)).put("id", id);

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start)));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("reason").stringValue()).startsWith("Invalid id format");
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void otelStyleIdsAreAccepted() throws Exception {
            ObjectNode start = start("0123456789abcdef").put("trace_id", "0123456789abcdef0123456789abcdef")
                    .put("parent_id", "fedcba9876543210");

            assertThat(post("/call/upsert_batch", batch(startItem(start))).statusCode()).isEqualTo(200);
        }

        @Test
        void traceIdAndParentIdFormatsAreChecked() throws Exception {
            ObjectNode shortTrace = start(uuid(1)).put("trace_id", "0123456789abcdef");
            ObjectNode badParent = start(uuid(2)).put("parent_id", "parent-of-2");
            ObjectNode badEndId = end("END-1");

            assertThat(post("/call/upsert_batch", batch(startItem(shortTrace))).statusCode()).isEqualTo(400);
            assertThat(post("/call/upsert_batch", batch(startItem(badParent))).statusCode()).isEqualTo(400);
            assertThat(post("/call/upsert_batch", batch(endItem(badEndId))).statusCode()).isEqualTo(400);
        }

        @Test
        void opNameIsAtMost128CharsUnlessItIsAnOpRef() throws Exception {
            String opRef = "weave:///team/project/op/" + "a".repeat(200) + ":abc123";

            assertThat(post("/call/upsert_batch", batch(startItem(start(uuid(1)).put("op_name", "x".repeat(128)))))
                    .statusCode()).isEqualTo(200);
            assertThat(post("/call/upsert_batch", batch(startItem(start(uuid(2)).put("op_name", "x".repeat(129)))))
                    .statusCode()).isEqualTo(400);
            assertThat(post("/call/upsert_batch", batch(startItem(start(uuid(3)).put("op_name", opRef))))
                    .statusCode()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"weave:///team/project/op/chat", "weave:///team/project/object/chat:v1",
                "weave:///op/chat:v1", "weave:///"})
        void malformedOpRefGets400(String opName) throws Exception {
            HttpResponse<String> response =
                    post("/call/upsert_batch", batch(startItem(start(uuid(1)).put("op_name", opName))));

            assertThat(response.statusCode()).isEqualTo(400);
        }

        @Test
        void malformedWeaveRefsInsideInputsOrOutputGet400() throws Exception {
            ObjectNode inInputs = start(uuid(1));
            inInputs.putObject("inputs").putArray("messages").addObject().put("content", "weave:///not-a-ref");
            ObjectNode inOutput = end(uuid(2)).put("output", "weave:///team/project/object/name-without-digest");

            assertThat(post("/call/upsert_batch", batch(startItem(inInputs))).statusCode()).isEqualTo(400);
            assertThat(post("/call/upsert_batch", batch(endItem(inOutput))).statusCode()).isEqualTo(400);
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void validRefsAndEscapedRefLookalikesAreAccepted() throws Exception {
            ObjectNode start = start(uuid(1));
            start.putObject("inputs")
                    .put("dataset", "weave:///team/project/object/examples:abc123/attr/rows/index/0")
                    .put("table", "weave:///team/project/table/0123abcd")
                    .put("escaped", "\u200bweave:///not-a-ref")
                    .put("prose", "see weave:///whatever for details");

            assertThat(post("/call/upsert_batch", batch(startItem(start))).statusCode()).isEqualTo(200);
        }

        @Test
        void refsElsewhereNeedAnEntityAndProject() throws Exception {
            ObjectNode unscoped = start(uuid(1));
            unscoped.putObject("attributes").put("source", "weave:///nowhere");
            ObjectNode scoped = start(uuid(2));
            scoped.putObject("attributes").put("source", "weave:///team/project/anything");

            assertThat(post("/call/upsert_batch", batch(startItem(unscoped))).statusCode()).isEqualTo(400);
            assertThat(post("/call/upsert_batch", batch(startItem(scoped))).statusCode()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"project-only", "team/project/extra", "/project", "team/"})
        void projectIdMustBeEntitySlashProject(String projectId) throws Exception {
            ObjectNode start = start(uuid(1)).put("project_id", projectId);

            assertThat(post("/call/upsert_batch", batch(startItem(start))).statusCode()).isEqualTo(400);
        }

        @Test
        void timestampsAreNormalizedToUtcMicroseconds() throws Exception {
            ObjectNode withOffset = start(uuid(1)).put("started_at", "2024-03-01T12:00:00.123456789+05:30");
            ObjectNode naive = start(uuid(2)).put("started_at", "2024-03-01T12:00:00");
            ObjectNode end = end(uuid(2)).put("ended_at", "2024-03-01T12:00:01.5Z");

            post("/call/upsert_batch", batch(startItem(withOffset), startItem(naive), endItem(end)));

            assertThat(weave.call(PROJECT, uuid(1)).orElseThrow().startedAt())
                    .isEqualTo(Instant.parse("2024-03-01T06:30:00.123456Z"));
            StoredCall naiveCall = weave.call(PROJECT, uuid(2)).orElseThrow();
            assertThat(naiveCall.startedAt()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));
            JsonNode row = streamQuery(JSON.createObjectNode().put("project_id", PROJECT)).get(1);
            assertThat(row.path("started_at").stringValue()).isEqualTo("2024-03-01T12:00:00.000000Z");
            assertThat(row.path("ended_at").stringValue()).isEqualTo("2024-03-01T12:00:01.500000Z");
        }
    }

    // =========================================================================================================
    @Nested
    class Storage {

        @Test
        void startAndEndMergeIntoOneCall() throws Exception {
            HttpResponse<String> response = post("/call/upsert_batch", oneCall(uuid(1)));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response)).isEqualTo(JSON.readTree(
                    "{\"res\": [{\"id\": \"" + uuid(1) + "\", \"trace_id\": \"" + uuid(1) + "\"}, {}]}"));
            StoredCall call = weave.call(PROJECT, uuid(1)).orElseThrow();
            assertThat(call.opName()).isEqualTo("llm");
            assertThat(call.inputs().path("prompt").stringValue()).isEqualTo("hi");
            assertThat(call.output().path("text").stringValue()).isEqualTo("hello");
            assertThat(call.endedAt()).isEqualTo(Instant.parse("2024-03-01T12:00:01Z"));
            assertThat(call.table()).isEqualTo("calls_merged");
            assertThat(call.fields().path("wb_user_id").isString()).isTrue();
        }

        @Test
        void resentPartsMergeWithoutDuplicatesAndAreCounted() throws Exception {
            post("/call/upsert_batch", oneCall(uuid(1)));
            ObjectNode changedStart = start(uuid(1)).put("display_name", "second version");

            assertThat(post("/call/upsert_batch", oneCall(uuid(1))).statusCode()).isEqualTo(200);
            assertThat(post("/call/upsert_batch", batch(startItem(changedStart))).statusCode()).isEqualTo(200);

            assertThat(weave.visibleCalls(PROJECT)).hasSize(1);
            assertThat(weave.partsReceived(PROJECT, uuid(1))).isEqualTo(5);
            assertThat(weave.call(PROJECT, uuid(1)).orElseThrow().partsReceived()).isEqualTo(5);
            // any(): the first non-null value wins (the first start had no display_name)
            assertThat(weave.call(PROJECT, uuid(1)).orElseThrow().displayName()).isEqualTo("second version");
        }

        @Test
        void endBeforeStartIsInvisibleUntilTheStartArrives() throws Exception {
            assertThat(post("/call/upsert_batch", batch(endItem(end(uuid(1))))).statusCode()).isEqualTo(200);

            assertThat(weave.visibleCalls(PROJECT)).isEmpty();
            assertThat(weave.endOnlyIds(PROJECT)).containsExactly(uuid(1));
            assertThat(streamQuery(JSON.createObjectNode().put("project_id", PROJECT))).isEmpty();
            assertThat(queryStats(JSON.createObjectNode().put("project_id", PROJECT))).isZero();

            post("/call/upsert_batch", batch(startItem(start(uuid(1)))));

            StoredCall call = weave.call(PROJECT, uuid(1)).orElseThrow();
            assertThat(call.hasEnd()).isTrue();
            assertThat(call.output().path("text").stringValue()).isEqualTo("hello");
            assertThat(weave.endOnlyIds(PROJECT)).isEmpty();
        }

        @Test
        void startWithoutEndIsVisibleAndRunning() throws Exception {
            post("/call/upsert_batch", batch(startItem(start(uuid(1)))));

            assertThat(weave.incompleteCalls(PROJECT)).extracting(StoredCall::id).containsExactly(uuid(1));
            JsonNode row = streamQuery(JSON.createObjectNode().put("project_id", PROJECT)).get(0);
            assertThat(row.path("ended_at").isNull()).isTrue();
            assertThat(row.path("summary").path("weave").path("status").stringValue()).isEqualTo("running");
        }

        @Test
        void callStartAndCallEndEndpoints() throws Exception {
            ObjectNode startBody = JSON.createObjectNode();
            startBody.set("start", start(uuid(1)));
            ObjectNode endBody = JSON.createObjectNode();
            endBody.set("end", end(uuid(1)));

            HttpResponse<String> started = post("/call/start", startBody);
            HttpResponse<String> ended = post("/call/end", endBody);

            assertThat(json(started)).isEqualTo(JSON.readTree(
                    "{\"id\": \"" + uuid(1) + "\", \"trace_id\": \"" + uuid(1) + "\"}"));
            assertThat(json(ended)).isEqualTo(JSON.readTree("{}"));
            assertThat(weave.call(PROJECT, uuid(1)).orElseThrow().hasEnd()).isTrue();
        }

        @Test
        void serverGeneratesIdsForAStartWithoutThem() throws Exception {
            ObjectNode start = start(uuid(1));
            start.remove("id");
            start.putNull("trace_id");
            ObjectNode body = JSON.createObjectNode();
            body.set("start", start);

            JsonNode reply = json(post("/call/start", body));

            String id = reply.path("id").stringValue();
            assertThat(WeaveIds.isCanonicalUuid(id)).isTrue();
            assertThat(id.charAt(14)).isEqualTo('7');
            assertThat(WeaveIds.isCanonicalUuid(reply.path("trace_id").stringValue())).isTrue();
            assertThat(weave.call(PROJECT, id)).isPresent();
        }

        @Test
        void concurrentWritersAreAllStored() throws Exception {
            weave.setRandomFaults(7, 0.1, 0.1, 0.0);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> statuses = new ArrayList<>();
                for (int i = 0; i < 320; i++) {
                    String id = uuid(i);
                    statuses.add(pool.submit(() -> post("/call/upsert_batch", oneCall(id)).statusCode()));
                }
                long ok = 0;
                for (Future<Integer> status : statuses) {
                    ok += status.get() == 200 ? 1 : 0;
                }

                assertThat(weave.visibleCalls(PROJECT)).hasSize((int) ok).allSatisfy(call ->
                        assertThat(call.partsReceived()).isEqualTo(2));
                assertThat(weave.writeRequestCount()).isEqualTo(320);
                assertThat(weave.faultsInjected()).isEqualTo(320 - ok);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void resetForgetsEverything() throws Exception {
            post("/call/upsert_batch", oneCall(uuid(1)));
            weave.setCompleteOnly("team/other");
            weave.enqueueFault(Fault.tooManyRequests());

            weave.reset();

            assertThat(weave.allCallIds(PROJECT)).isEmpty();
            assertThat(weave.requests()).isEmpty();
            assertThat(weave.requestCount()).isZero();
            assertThat(weave.isCompleteOnly("team/other")).isFalse();
            assertThat(post("/call/upsert_batch", oneCall(uuid(2))).statusCode()).isEqualTo(200);
        }
    }

    // =========================================================================================================
    @Nested
    class CallsCompleteMode {

        @Test
        void v1WritesToACompleteOnlyProjectGet400WithErrorCode() throws Exception {
            weave.setCompleteOnly(PROJECT);
            ObjectNode startBody = JSON.createObjectNode();
            startBody.set("start", start(uuid(2)));
            ObjectNode endBody = JSON.createObjectNode();
            endBody.set("end", end(uuid(3)));

            for (HttpResponse<String> response : List.of(post("/call/upsert_batch", oneCall(uuid(1))),
                    post("/call/start", startBody), post("/call/end", endBody))) {
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(json(response).path("error_code").stringValue())
                        .isEqualTo("CALLS_COMPLETE_MODE_REQUIRED");
                assertThat(json(response).path("reason").stringValue()).isNotBlank();
            }
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void v2CompleteStoresCompletedCallsAndMergesExactResends() throws Exception {
            weave.setCompleteOnly(PROJECT);
            ObjectNode body = completeBatch(complete(uuid(1), "2024-03-01T12:00:00Z"));

            HttpResponse<String> first = post("/v2/team/project/calls/complete", body);
            HttpResponse<String> resend = post("/v2/team/project/calls/complete", body);

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json(first)).isEqualTo(JSON.readTree("{}"));
            assertThat(resend.statusCode()).isEqualTo(200);
            List<StoredCall> calls = weave.visibleCalls(PROJECT);
            assertThat(calls).singleElement().satisfies(call -> {
                assertThat(call.table()).isEqualTo("calls_complete");
                assertThat(call.endedAt()).isEqualTo(Instant.parse("2024-03-01T12:00:01Z"));
                assertThat(call.partsReceived()).isEqualTo(2);
            });
        }

        @Test
        void v2ResendWithAnotherStartedAtIsADuplicate() throws Exception {
            post("/v2/team/project/calls/complete", completeBatch(complete(uuid(1), "2024-03-01T12:00:00Z")));
            post("/v2/team/project/calls/complete", completeBatch(complete(uuid(1), "2024-03-01T12:00:00.000001Z")));

            assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id).containsExactly(uuid(1), uuid(1));
        }

        @Test
        void v2ChecksProjectAndRequiredFields() throws Exception {
            ObjectNode noEnd = complete(uuid(2), "2024-03-01T12:00:00Z");
            noEnd.remove("ended_at");

            HttpResponse<String> mismatch =
                    post("/v2/team/other/calls/complete", completeBatch(complete(uuid(1), "2024-03-01T12:00:00Z")));
            HttpResponse<String> missing = post("/v2/team/project/calls/complete", completeBatch(noEnd));

            assertThat(mismatch.statusCode()).isEqualTo(400);
            assertThat(missing.statusCode()).isEqualTo(422);
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
            assertThat(weave.allCallIds("team/other")).isEmpty();
        }

        @Test
        void withoutV2ThePathIsAnUnknownRouteAndStoresNothing() throws Exception {
            weave.setV2CallsCompleteServed(false);

            HttpResponse<String> response =
                    post("/v2/team/project/calls/complete", completeBatch(complete(uuid(1), "2024-03-01T12:00:00Z")));

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).isEqualTo("{\"detail\":\"Not Found\"}");
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
            assertThat(post("/call/upsert_batch", oneCall(uuid(2))).statusCode()).as("v1 as before").isEqualTo(200);
        }

        @Test
        void aV2WriteLocksAnEmptyProjectIntoCompleteMode() throws Exception {
            post("/v2/team/project/calls/complete", completeBatch(complete(uuid(1), "2024-03-01T12:00:00Z")));

            assertThat(weave.isCompleteOnly(PROJECT)).isTrue();
            assertThat(post("/call/upsert_batch", oneCall(uuid(2))).statusCode()).isEqualTo(400);
        }

        @Test
        void aV2WriteToAProjectWithV1DataGoesToCallsMerged() throws Exception {
            post("/call/upsert_batch", oneCall(uuid(1)));

            post("/v2/team/project/calls/complete", completeBatch(complete(uuid(2), "2024-03-01T12:00:05Z")));

            assertThat(weave.isCompleteOnly(PROJECT)).isFalse();
            assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::table)
                    .containsExactly("calls_merged", "calls_merged");
        }
    }

    // =========================================================================================================
    @Nested
    class Reading {

        /** root(1) -> child(2) -> grandchild(3); root(4) alone; 5 starts at the same time as 2. */
        @BeforeEach
        void storeCalls() throws Exception {
            ObjectNode failedEnd = end(uuid(3)).put("exception", "ValueError: boom");
            ObjectNode parentEnd = end(uuid(1));
            parentEnd.putObject("summary").putObject("status_counts").put("success", 1).put("error", 1);
            post("/call/upsert_batch", batch(
                    startItem(start(uuid(1), uuid(1), null, ts(0)).put("display_name", "chat #1")),
                    startItem(start(uuid(5), uuid(5), null, ts(1))),
                    startItem(start(uuid(2), uuid(1), uuid(1), ts(1)).put("op_name", "retrieve")),
                    startItem(start(uuid(3), uuid(1), uuid(2), ts(2))),
                    startItem(start(uuid(4), uuid(4), null, ts(3))),
                    endItem(end(uuid(2)).put("ended_at", ts(2))),
                    endItem(failedEnd.put("ended_at", ts(3))),
                    endItem(parentEnd.put("ended_at", ts(4)))));
        }

        @Test
        void streamQueryReturnsJsonlInStartedAtThenIdOrder() throws Exception {
            HttpResponse<String> response = post("/calls/stream_query", JSON.createObjectNode().put("project_id", PROJECT));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/jsonl");
            assertThat(response.body()).startsWith("{").endsWith("}\n");
            List<JsonNode> rows = jsonLines(response.body());
            assertThat(rows).extracting(row -> row.path("id").stringValue())
                    .containsExactly(uuid(1), uuid(2), uuid(5), uuid(3), uuid(4));
            assertThat(rows.get(0).propertyNames()).contains("id", "project_id", "op_name", "display_name",
                    "trace_id", "parent_id", "started_at", "attributes", "inputs", "ended_at", "exception", "output",
                    "summary", "deleted_at");
            assertThat(rows.get(0).path("project_id").stringValue()).isEqualTo(PROJECT);
            assertThat(rows).allSatisfy(row -> assertThat(row.path("started_at").stringValue())
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        }

        @Test
        void derivedSummaryWeave() throws Exception {
            List<JsonNode> rows = streamQuery(JSON.createObjectNode().put("project_id", PROJECT));

            JsonNode root = rows.get(0).path("summary").path("weave");
            assertThat(root.path("status").stringValue()).isEqualTo("descendant_error");
            assertThat(root.path("latency_ms").asLong()).isEqualTo(4000);
            assertThat(root.path("trace_name").stringValue()).isEqualTo("chat #1");
            assertThat(rows.get(0).path("summary").path("status_counts").path("success").asInt()).isEqualTo(1);
            JsonNode child = rows.get(1).path("summary").path("weave");
            assertThat(child.path("status").stringValue()).isEqualTo("success");
            assertThat(child.path("trace_name").stringValue()).isEqualTo("retrieve");
            assertThat(rows.get(3).path("summary").path("weave").path("status").stringValue()).isEqualTo("error");
            assertThat(rows.get(4).path("summary").path("weave").path("status").stringValue()).isEqualTo("running");
            assertThat(rows.get(4).path("summary").path("weave").has("latency_ms")).isFalse();
        }

        @Test
        void filters() throws Exception {
            assertThat(ids(query(filter -> filter.putArray("call_ids").add(uuid(4)).add(uuid(2)).add(uuid(99)))))
                    .containsExactly(uuid(2), uuid(4));
            assertThat(ids(query(filter -> filter.put("trace_roots_only", true))))
                    .containsExactly(uuid(1), uuid(5), uuid(4));
            assertThat(ids(query(filter -> filter.putArray("parent_ids").add(uuid(1)))))
                    .containsExactly(uuid(2));
            assertThat(ids(query(filter -> filter.putArray("trace_ids").add(uuid(1)))))
                    .containsExactly(uuid(1), uuid(2), uuid(3));
            assertThat(ids(query(filter -> filter.putArray("op_names").add("retrieve"))))
                    .containsExactly(uuid(2));
            // like the server, an empty list does not filter at all
            assertThat(ids(query(filter -> filter.putArray("call_ids")))).hasSize(5);
        }

        @Test
        void limitOffsetAndSortBy() throws Exception {
            ObjectNode page = JSON.createObjectNode().put("project_id", PROJECT).put("limit", 2).put("offset", 1);
            ObjectNode newestFirst = JSON.createObjectNode().put("project_id", PROJECT);
            newestFirst.putArray("sort_by").addObject().put("field", "started_at").put("direction", "desc");

            assertThat(ids(streamQuery(page))).containsExactly(uuid(2), uuid(5));
            assertThat(ids(streamQuery(newestFirst))).containsExactly(uuid(4), uuid(3), uuid(2), uuid(5), uuid(1));
        }

        @Test
        void columnsRestrictTheFieldsButRequiredOnesStay() throws Exception {
            ObjectNode request = JSON.createObjectNode().put("project_id", PROJECT);
            request.putArray("columns").add("id").add("ended_at");

            JsonNode row = streamQuery(request).get(0);

            assertThat(row.path("ended_at").stringValue()).isEqualTo(ts(4));
            assertThat(row.path("trace_id").stringValue()).isEqualTo(uuid(1));
            assertThat(row.path("op_name").stringValue()).isEqualTo("llm");
            assertThat(row.path("started_at").stringValue()).isEqualTo(ts(0));
            assertThat(row.path("project_id").stringValue()).isEqualTo(PROJECT);
            assertThat(row.path("output").isNull()).isTrue();
            assertThat(row.path("inputs").isEmpty()).isTrue();
            assertThat(row.path("summary").isNull()).isTrue();
        }

        @Test
        void filterListsAreCappedAt1000() throws Exception {
            ArrayNode thousand = JSON.createArrayNode();
            IntStream.range(0, 1000).forEach(i -> thousand.add(uuid(1000 + i)));

            assertThat(post("/calls/stream_query", queryWith("call_ids", thousand)).statusCode()).isEqualTo(200);
            thousand.add(uuid(1));
            HttpResponse<String> tooMany = post("/calls/stream_query", queryWith("call_ids", thousand));
            assertThat(tooMany.statusCode()).isEqualTo(400);
            assertThat(json(tooMany).path("reason").stringValue()).contains("1000");
            assertThat(post("/calls/query_stats", queryWith("trace_ids", thousand)).statusCode()).isEqualTo(400);
        }

        @Test
        void emptyResultIsAnEmptyBody() throws Exception {
            HttpResponse<String> response =
                    post("/calls/stream_query", JSON.createObjectNode().put("project_id", "team/empty"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
        }

        @Test
        void queryRequestsAreStrict() throws Exception {
            ObjectNode unknownKey = JSON.createObjectNode().put("project_id", PROJECT).put("page_size", 10);
            ObjectNode unknownFilter = JSON.createObjectNode().put("project_id", PROJECT);
            unknownFilter.putObject("filter").putArray("ids").add(uuid(1));

            assertThat(post("/calls/stream_query", unknownKey).statusCode()).isEqualTo(422);
            assertThat(post("/calls/stream_query", unknownFilter).statusCode()).isEqualTo(422);
            assertThat(post("/calls/stream_query", JSON.createObjectNode()).statusCode()).isEqualTo(422);
        }

        @Test
        void queryStatsCounts() throws Exception {
            ObjectNode roots = JSON.createObjectNode().put("project_id", PROJECT);
            roots.putObject("filter").put("trace_roots_only", true);

            HttpResponse<String> all = post("/calls/query_stats", JSON.createObjectNode().put("project_id", PROJECT));

            assertThat(json(all)).isEqualTo(JSON.readTree("{\"count\": 5}"));
            assertThat(queryStats(roots)).isEqualTo(3);
        }

        @Test
        void callRead() throws Exception {
            ObjectNode request = JSON.createObjectNode().put("project_id", PROJECT).put("id", uuid(3));

            JsonNode call = json(post("/call/read", request)).path("call");

            assertThat(call.path("exception").stringValue()).isEqualTo("ValueError: boom");
            assertThat(json(post("/call/read", request.put("id", uuid(99)))).path("call").isNull()).isTrue();
        }

        @Test
        void deleteCascadesToDescendantsAndIsPermanent() throws Exception {
            ObjectNode delete = JSON.createObjectNode().put("project_id", PROJECT);
            delete.putArray("call_ids").add(uuid(1));

            HttpResponse<String> response = post("/calls/delete", delete);

            assertThat(json(response)).isEqualTo(JSON.readTree("{\"num_deleted\": 1}"));
            assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id).containsExactly(uuid(5), uuid(4));
            assertThat(weave.deletedIds(PROJECT)).containsExactlyInAnyOrder(uuid(1), uuid(2), uuid(3));
            assertThat(queryStats(JSON.createObjectNode().put("project_id", PROJECT))).isEqualTo(2);

            post("/call/upsert_batch", batch(startItem(start(uuid(1))), startItem(start(uuid(2), uuid(1), uuid(1),
                    ts(1)))));

            assertThat(weave.visibleCalls(PROJECT)).extracting(StoredCall::id).containsExactly(uuid(5), uuid(4));
            assertThat(weave.allCallIds(PROJECT)).contains(uuid(1), uuid(2), uuid(3));
        }

        @Test
        void deleteIsCappedAt1000Ids() throws Exception {
            ObjectNode delete = JSON.createObjectNode().put("project_id", PROJECT);
            ArrayNode ids = delete.putArray("call_ids");
            IntStream.range(0, 1001).forEach(i -> ids.add(uuid(i)));

            HttpResponse<String> response = post("/calls/delete", delete);

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(weave.visibleCalls(PROJECT)).hasSize(5);
        }

        private List<JsonNode> query(java.util.function.Consumer<ObjectNode> filter) throws Exception {
            ObjectNode request = JSON.createObjectNode().put("project_id", PROJECT);
            filter.accept(request.putObject("filter"));
            return streamQuery(request);
        }

        private ObjectNode queryWith(String filterName, ArrayNode values) {
            ObjectNode request = JSON.createObjectNode().put("project_id", PROJECT);
            request.putObject("filter").set(filterName, values.deepCopy());
            return request;
        }
    }

    // =========================================================================================================
    /** The server's ref converter reads every string value, JSON text inside strings too (8 levels). */
    @Nested
    class RefsEverywhere {

        @ParameterizedTest
        @ValueSource(strings = {"display_name", "exception", "summary", "attributes", "op_name"})
        void aBadRefInAnyFieldGets400(String field) throws Exception {
            ObjectNode start = start(uuid(1));
            ObjectNode end = end(uuid(1));
            switch (field) {
                case "display_name" -> start.put("display_name", "weave:///node-title");
                case "exception" -> end.put("exception", "weave:///broken");
                case "summary" -> end.putObject("summary").putObject("weave").put("note", "weave:///x");
                case "attributes" -> start.putObject("attributes").putObject("dify").put("title", "weave:///x");
                default -> start.put("op_name", "weave-trace-internal:///p/op/x:1");
            }

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start), endItem(end)));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void internalRefsAreRefusedEvenWithAProjectScope() throws Exception {
            ObjectNode start = start(uuid(1));
            start.putObject("attributes").put("ref", "weave-trace-internal:///team/project/object/x:1");

            assertThat(post("/call/upsert_batch", batch(startItem(start))).statusCode()).isEqualTo(400);
        }

        @Test
        void jsonTextHoldingABadRefGets400() throws Exception {
            ObjectNode end = end(uuid(1));
            end.putObject("output").put("answer", "{\"docs\": [{\"url\": \"weave:///not-a-ref\"}]}");
            ObjectNode pythonOnly = end(uuid(2));
            pythonOnly.putObject("output").put("answer", " [NaN, Infinity, \"weave:///not-a-ref\"]\n");

            assertThat(post("/call/upsert_batch", batch(endItem(end))).statusCode()).isEqualTo(400);
            assertThat(post("/call/upsert_batch", batch(endItem(pythonOnly))).statusCode()).isEqualTo(400);
        }

        @Test
        void textThatIsNotJsonForPythonOrMentionsARefMidStringIsAccepted() throws Exception {
            ObjectNode end = end(uuid(1));
            end.putObject("output")
                    .put("prose", "{\"text\": \"see weave:///not-a-ref here\"}")
                    .put("trailing", "[\"weave:///not-a-ref\"] and more")
                    .put("escaped", "[escaped] {\"url\": \"weave:///not-a-ref\"}")
                    .put("key", "{\"weave:///not-a-ref\": 1}")
                    .put("repeated", "{\"a\": \"weave:///not-a-ref\", \"a\": \"ok\"}");

            HttpResponse<String> response = post("/call/upsert_batch", batch(endItem(end)));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        @Test
        void jsonInsideJsonIsFollowedEightLevelsDeep() throws Exception {
            String text = "weave:///not-a-ref";
            for (int i = 0; i < 8; i++) {
                text = JSON.writeValueAsString(JSON.createArrayNode().add(text));
            }
            ObjectNode eight = end(uuid(1));
            eight.putObject("output").put("answer", text);
            ObjectNode nine = end(uuid(2));
            nine.putObject("output").put("answer", JSON.writeValueAsString(JSON.createArrayNode().add(text)));

            assertThat(post("/call/upsert_batch", batch(endItem(eight))).statusCode()).isEqualTo(400);
            assertThat(post("/call/upsert_batch", batch(endItem(nine))).statusCode()).isEqualTo(200);
        }
    }

    // =========================================================================================================
    @Nested
    class Nesting {

        /** {"batch":[{"mode":..,"req":{"start":{"inputs":{..}}}}]}: inputs are at level 6, 194 more make 200. */
        private ObjectNode startNested(String id, int levelsBelowInputs) {
            ObjectNode start = start(id);
            JsonNode node = JSON.getNodeFactory().stringNode("bottom");
            for (int i = 0; i < levelsBelowInputs; i++) {
                node = JSON.createArrayNode().add(node);
            }
            start.putObject("inputs").set("deep", node);
            return start;
        }

        @Test
        void aBodyNestedDeeperThan200LevelsGets413() throws Exception {
            HttpResponse<String> tooDeep = post("/call/upsert_batch", batch(startItem(startNested(uuid(1), 195))));
            HttpResponse<String> atTheLimit = post("/call/upsert_batch", batch(startItem(startNested(uuid(2), 194))));

            assertThat(tooDeep.statusCode()).isEqualTo(413);
            assertThat(json(tooDeep).path("reason").stringValue()).contains("201 levels");
            assertThat(atTheLimit.statusCode()).as(atTheLimit.body()).isEqualTo(200);
            assertThat(weave.allCallIds(PROJECT)).containsExactly(uuid(2));
        }

        @Test
        void bracketsInsideStringsDoNotCount() throws Exception {
            ObjectNode start = start(uuid(1));
            start.putObject("inputs").put("text", "[\"[{".repeat(1000));

            assertThat(post("/call/upsert_batch", batch(startItem(start))).statusCode()).isEqualTo(200);
        }

        @Test
        void theRulesAreAvailableWithoutAServer() {
            byte[] body = JSON.writeValueAsBytes(batch(startItem(startNested(uuid(1), 195))));

            assertThat(WeaveRequestRules.nesting(body)).isEqualTo(201);
            assertThat(WeaveRequestRules.upsertBatchRefusal(body)).hasValueSatisfying(r -> assertThat(r).startsWith("413"));
            assertThat(WeaveRequestRules.upsertBatchRefusal(JSON.writeValueAsBytes(oneCall(uuid(2))))).isEmpty();
        }
    }

    // =========================================================================================================
    @Nested
    class SizeLimits {

        @Test
        void bodyOverTheLimitGets413AndStoresNothing() throws Exception {
            weave.setMaxBodyBytes(2_000);
            ObjectNode big = start(uuid(1));
            big.putObject("inputs").put("text", "x".repeat(2_000));

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(big)));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(json(response)).isEqualTo(JSON.readTree("{\"reason\": \"Request too large\"}"));
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
            assertThat(post("/call/upsert_batch", oneCall(uuid(2))).statusCode()).isEqualTo(200);
        }

        @Test
        void defaultLimitIs32MiB() throws Exception {
            ObjectNode start = start(uuid(1));
            start.putObject("inputs").put("text", "x".repeat(32 * 1024 * 1024));

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start)));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void oversizeRowIsStrippedButAccepted() throws Exception {
            ObjectNode start = start(uuid(1));
            start.putObject("inputs").put("document", "x".repeat(3_700_000));
            start.putObject("attributes").put("source", "dify");

            HttpResponse<String> response = post("/call/upsert_batch", batch(startItem(start), endItem(end(uuid(1)))));

            assertThat(response.statusCode()).isEqualTo(200);
            StoredCall call = weave.call(PROJECT, uuid(1)).orElseThrow();
            assertThat(call.inputs()).isEqualTo(JSON.readTree("{\"_weave\": {\"error\": \"<EXCEEDS_LIMITS>\"}}"));
            assertThat(call.attributes().path("source").stringValue()).isEqualTo("dify");
            assertThat(call.output().path("text").stringValue()).isEqualTo("hello");
            assertThat(weave.strippedCallCount()).isEqualTo(1);
        }

        /** The row limit is on UTF-8 bytes: 1.3 million CJK characters are 3.9 MB. */
        @Test
        void theRowLimitCountsUtf8Bytes() throws Exception {
            ObjectNode start = start(uuid(1));
            start.putObject("inputs").put("document", "\u65e5".repeat(1_300_000));

            assertThat(post("/call/upsert_batch", batch(startItem(start))).statusCode()).isEqualTo(200);

            assertThat(weave.strippedCallCount()).isEqualTo(1);
        }

        @Test
        void callsUnderTheRowLimitAreNotStripped() throws Exception {
            ObjectNode start = start(uuid(1));
            start.putObject("inputs").put("document", "x".repeat(3_000_000));

            post("/call/upsert_batch", batch(startItem(start)));

            assertThat(weave.strippedCallCount()).isZero();
            assertThat(weave.call(PROJECT, uuid(1)).orElseThrow().inputs().path("document").stringValue())
                    .hasSize(3_000_000);
        }
    }

    // =========================================================================================================
    @Nested
    class Faults {

        @Test
        void tooManyRequestsWithRetryAfterStoresNothing() throws Exception {
            weave.enqueueFault(Fault.tooManyRequests(7));

            HttpResponse<String> limited = post("/call/upsert_batch", oneCall(uuid(1)));
            HttpResponse<String> retried = post("/call/upsert_batch", oneCall(uuid(1)));

            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(weave.partsReceived(PROJECT, uuid(1))).isEqualTo(2);
            assertThat(weave.faultsInjected()).isEqualTo(1);
        }

        @ParameterizedTest
        @ValueSource(ints = {500, 502, 503})
        void serverErrors(int status) throws Exception {
            weave.enqueueFault(Fault.status(status), Fault.status(status, 2));

            HttpResponse<String> plain = post("/call/upsert_batch", oneCall(uuid(1)));
            HttpResponse<String> withRetryAfter = post("/call/upsert_batch", oneCall(uuid(1)));

            assertThat(plain.statusCode()).isEqualTo(status);
            assertThat(plain.headers().firstValue("Retry-After")).isEmpty();
            assertThat(json(plain).path("reason").stringValue()).isNotBlank();
            assertThat(withRetryAfter.statusCode()).isEqualTo(status);
            assertThat(withRetryAfter.headers().firstValue("Retry-After")).hasValue("2");
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
        }

        @Test
        void aCannedReplyIsSentVerbatimAndStoresNothing() throws Exception {
            weave.enqueueFault(Fault.htmlPage(200, "Sign in"), Fault.completeModeRequired(PROJECT));

            HttpResponse<String> page = post("/call/upsert_batch", oneCall(uuid(1)));
            HttpResponse<String> completeMode = post("/call/upsert_batch", oneCall(uuid(1)));

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html");
            assertThat(page.body()).isEqualTo("<html>\r\n<head><title>Sign in</title></head>\r\n<body>\r\n"
                    + "<center><h1>Sign in</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
            assertThat(completeMode.statusCode()).isEqualTo(400);
            assertThat(json(completeMode).path("error_code").stringValue()).isEqualTo("CALLS_COMPLETE_MODE_REQUIRED");
            assertThat(weave.allCallIds(PROJECT)).isEmpty();
            assertThat(weave.isCompleteOnly(PROJECT)).as("a canned reply changes no state").isFalse();
        }

        @Test
        void lostReplyStoresTheRequestButTheClientSeesAnIoError() {
            weave.enqueueFault(Fault.LOST_REPLY);

            assertThatThrownBy(() -> post("/call/upsert_batch", oneCall(uuid(1)))).isInstanceOf(IOException.class);

            assertThat(weave.call(PROJECT, uuid(1))).hasValueSatisfying(call -> assertThat(call.hasEnd()).isTrue());
            ReceivedRequest request = weave.lastRequest().orElseThrow();
            assertThat(request.replyLost()).isTrue();
            assertThat(request.fault()).isEqualTo(Fault.LOST_REPLY);
        }

        @Test
        void lostReplyOnTheOtherWriteEndpoints() throws Exception {
            ObjectNode startBody = JSON.createObjectNode();
            startBody.set("start", start(uuid(1)));
            weave.enqueueFault(Fault.lostReply(), Fault.lostReply());

            assertThatThrownBy(() -> post("/call/start", startBody)).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> post("/v2/team/other/calls/complete",
                    completeBatch(complete(uuid(2), "2024-03-01T12:00:00Z").put("project_id", "team/other"))))
                    .isInstanceOf(IOException.class);

            assertThat(weave.call(PROJECT, uuid(1))).isPresent();
            assertThat(weave.call("team/other", uuid(2))).isPresent();
        }

        @Test
        void stallOutlastsAShortClientTimeoutAndIsStoredAfterwards() throws Exception {
            weave.enqueueFault(Fault.stall(Duration.ofMillis(1_500)));
            HttpRequest request = authorized("/call/upsert_batch")
                    .timeout(Duration.ofMillis(300))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(oneCall(uuid(1)).toString()))
                    .build();

            assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(HttpTimeoutException.class);
            assertThat(weave.allCallIds(PROJECT)).isEmpty();

            awaitStored(uuid(1));
            assertThat(post("/call/upsert_batch", oneCall(uuid(2))).statusCode()).isEqualTo(200);
        }

        @Test
        void stallAnswersNormallyForAPatientClient() throws Exception {
            weave.enqueueFault(Fault.stall(Duration.ofMillis(200)));
            long before = System.nanoTime();

            HttpResponse<String> response = post("/call/upsert_batch", oneCall(uuid(1)));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        }

        @Test
        void faultsSkipReadsAndUnauthenticatedRequests() throws Exception {
            weave.enqueueFault(Fault.tooManyRequests());

            assertThat(post("/calls/stream_query", JSON.createObjectNode().put("project_id", PROJECT)).statusCode())
                    .isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(uri("/call/upsert_batch"))
                    .POST(HttpRequest.BodyPublishers.ofString(oneCall(uuid(1)).toString()))).statusCode())
                    .isEqualTo(401);
            assertThat(weave.pendingFaults()).isEqualTo(1);
            assertThat(post("/call/upsert_batch", oneCall(uuid(1))).statusCode()).isEqualTo(429);
        }

        @Test
        void randomFaultsAreSeededAndCounted() throws Exception {
            weave.setRandomFaults(42, 0.2, 0.2, 0.2);

            List<String> outcomes = sendSingleCalls(60);

            assertThat(outcomes).contains("200", "429", "lost").anyMatch(outcome -> outcome.startsWith("5"));
            long faulty = outcomes.stream().filter(outcome -> !outcome.equals("200")).count();
            assertThat(weave.faultsInjected()).isEqualTo(faulty);
            assertThat(weave.writeRequestCount()).isEqualTo(60);
            assertThat(weave.requestsTo("/call/upsert_batch"))
                    .filteredOn(request -> request.status() == 429)
                    .allSatisfy(request -> assertThat(request.fault()).isEqualTo(Fault.statusWithRetryAfter(429, "1")));
            List<String> storedIds = IntStream.range(0, 60)
                    .filter(i -> outcomes.get(i).equals("200") || outcomes.get(i).equals("lost"))
                    .mapToObj(FakeWeaveServerTest::uuid).sorted().toList();
            assertThat(weave.allCallIds(PROJECT)).containsExactlyElementsOf(storedIds);

            try (FakeWeaveServer twin = new FakeWeaveServer(API_KEY).start()) {
                twin.setRandomFaults(42, 0.2, 0.2, 0.2);
                FakeWeaveServer original = weave;
                weave = twin;
                try {
                    assertThat(sendSingleCalls(60)).isEqualTo(outcomes);
                } finally {
                    weave = original;
                }
            }
        }

        @Test
        void randomRetryAfterIsConfigurable() throws Exception {
            weave.setRandomFaults(1, 1.0, 0, 0);
            weave.setRandomRetryAfter("3");

            HttpResponse<String> response = post("/call/upsert_batch", oneCall(uuid(1)));

            assertThat(response.statusCode()).isEqualTo(429);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
            weave.clearRandomFaults();
            assertThat(post("/call/upsert_batch", oneCall(uuid(1))).statusCode()).isEqualTo(200);
        }

        private List<String> sendSingleCalls(int count) throws Exception {
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                try {
                    outcomes.add(Integer.toString(post("/call/upsert_batch", oneCall(uuid(i))).statusCode()));
                } catch (IOException lost) {
                    outcomes.add("lost");
                }
            }
            return outcomes;
        }

        private void awaitStored(String id) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (weave.call(PROJECT, id).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(weave.call(PROJECT, id)).isPresent();
        }
    }

    // =========================================================================================================
    @Nested
    class RequestLog {

        @Test
        void recordsPathHeadersAndSize() throws Exception {
            String body = oneCall(uuid(1)).toString();

            send(authorized("/call/upsert_batch").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));

            ReceivedRequest request = weave.lastRequest().orElseThrow();
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/call/upsert_batch");
            assertThat(request.uri().toString()).doesNotContain(API_KEY).doesNotContain("?");
            assertThat(request.header("authorization")).startsWith("Basic ");
            assertThat(weave.lastRequestHeaders().get("Content-Type")).containsExactly("application/json");
            assertThat(request.bodyBytes()).isEqualTo(body.getBytes(StandardCharsets.UTF_8).length);
            assertThat(request.status()).isEqualTo(200);
            assertThat(request.replyLost()).isFalse();
        }

        @Test
        void countsEveryRequest() throws Exception {
            send(HttpRequest.newBuilder(uri("/health")).GET());
            post("/call/upsert_batch", oneCall(uuid(1)));
            post("/calls/query_stats", JSON.createObjectNode().put("project_id", PROJECT));
            post("/nope", JSON.createObjectNode());

            assertThat(weave.requestCount()).isEqualTo(4);
            assertThat(weave.writeRequestCount()).isEqualTo(1);
            assertThat(weave.requests()).extracting(ReceivedRequest::status).containsExactly(200, 200, 200, 404);
        }

        @Test
        void defaultHttpClientVersionWorksToo() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient().send(authorized("/call/upsert_batch")
                    .POST(HttpRequest.BodyPublishers.ofString(oneCall(uuid(1)).toString())).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        }
    }

    // =========================================================================================================
    /** The feedback endpoints with Weave's rules (weave/trace_server/feedback.py, trace_server_interface.py). */
    @Nested
    class Feedback {

        private static final String THUMBS_UP = "\uD83D\uDC4D";

        private ObjectNode item(String id, String type, ObjectNode payload) {
            ObjectNode item = JSON.createObjectNode().put("id", id).put("project_id", PROJECT)
                    .put("weave_ref", "weave:///" + PROJECT + "/call/" + uuid(99)).put("creator", "user-42")
                    .put("feedback_type", type);
            item.set("payload", payload);
            return item;
        }

        private ObjectNode reaction(String id, String emoji) {
            return item(id, "wandb.reaction.1", JSON.createObjectNode().put("emoji", emoji));
        }

        private ObjectNode note(String id, String note) {
            return item(id, "wandb.note.1", JSON.createObjectNode().put("note", note));
        }

        private ObjectNode batch(ObjectNode... items) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode batch = body.putArray("batch");
            for (ObjectNode item : items) {
                batch.add(item);
            }
            return body;
        }

        private HttpResponse<String> create(ObjectNode... items) throws Exception {
            return post("/feedback/batch/create", batch(items));
        }

        private ObjectNode idQuery(String operator, ObjectNode... operations) {
            ObjectNode query = JSON.createObjectNode();
            ArrayNode args = query.putObject("$expr").putArray(operator);
            for (ObjectNode operation : operations) {
                args.add(operation);
            }
            return query;
        }

        private ObjectNode idEquals(String id) {
            ObjectNode eq = JSON.createObjectNode();
            eq.putArray("$eq").add(JSON.createObjectNode().put("$getField", "id"))
                    .add(JSON.createObjectNode().put("$literal", id));
            return eq;
        }

        private HttpResponse<String> purge(JsonNode query) throws Exception {
            ObjectNode body = JSON.createObjectNode().put("project_id", PROJECT);
            body.set("query", query);
            return post("/feedback/purge", body);
        }

        private List<String> storedIds() {
            return weave.feedback(PROJECT).stream().map(StoredFeedback::id).toList();
        }

        @Test
        void aBatchIsStoredWithTheClientsIdsAndReactionsAsTheServerProcessesThem() throws Exception {
            HttpResponse<String> response = create(reaction(uuid(1), THUMBS_UP), note(uuid(2), "Nice"));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("res")).extracting(r -> r.path("id").stringValue())
                    .containsExactly(uuid(1), uuid(2));
            assertThat(storedIds()).containsExactly(uuid(1), uuid(2));
            StoredFeedback reaction = weave.feedback(PROJECT).get(0);
            assertThat(reaction.payload().path("alias").stringValue()).isEqualTo(":thumbs_up:");
            assertThat(reaction.creator()).isEqualTo("user-42");
            assertThat(reaction.wbUserId()).isEqualTo(WeaveRequestValidator.AUTHENTICATED_USER_ID);
        }

        @Test
        void everyFeedbackEndpointNeedsTheKey() throws Exception {
            for (String path : List.of("/feedback/batch/create", "/feedback/query", "/feedback/purge",
                    "/feedback/replace")) {
                HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString(batch(reaction(uuid(1), THUMBS_UP)).toString())));
                assertThat(response.statusCode()).as(path).isEqualTo(401);
            }
            assertThat(weave.feedback(PROJECT)).isEmpty();
        }

        @Test
        void oneBadItemRefusesTheWholeBatch() throws Exception {
            HttpResponse<String> response = create(reaction(uuid(1), THUMBS_UP), reaction(uuid(2), "ok"),
                    note(uuid(3), "fine"));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).path("reason").stringValue()).contains("exactly one emoji");
            assertThat(weave.feedback(PROJECT)).isEmpty();
        }

        @Test
        void aProjectIdIsRequiredAndMustBeEntitySlashProject() throws Exception {
            ObjectNode noProject = reaction(uuid(1), THUMBS_UP);
            noProject.remove("project_id");
            ObjectNode badProject = reaction(uuid(2), THUMBS_UP).put("project_id", "no-slash");

            assertThat(create(noProject).statusCode()).isEqualTo(422);
            assertThat(create(badProject).statusCode()).isEqualTo(400);
            assertThat(weave.feedback(PROJECT)).isEmpty();
        }

        @Test
        void anUnknownKeyIsRefusedByTheStrictModel() throws Exception {
            HttpResponse<String> response = create(reaction(uuid(1), THUMBS_UP).put("dify_id", "x"));

            assertThat(response.statusCode()).isEqualTo(422);
            assertThat(json(response).path("detail").get(0).path("type").stringValue()).isEqualTo("extra_forbidden");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\uD83D\uDC4D", "\uD83D\uDC4E", "\uD83D\uDC4D\uD83C\uDFFD", "\u2764\uFE0F",
                "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "\uD83C\uDDEB\uD83C\uDDF7", "1\uFE0F\u20E3",
                "a\uD83D\uDC4D"})
        void aReactionWithExactlyOneEmojiIsTaken(String emoji) throws Exception {
            assertThat(create(reaction(uuid(1), emoji)).statusCode()).isEqualTo(200);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "ok", "\uD83D\uDC4D\uD83D\uDC4D", "\uD83D\uDC4D \uD83D\uDC4E", ":thumbs_up:"})
        void aReactionWithoutExactlyOneEmojiIsRefused(String emoji) throws Exception {
            assertThat(create(reaction(uuid(1), emoji)).statusCode()).isEqualTo(400);
        }

        @Test
        void aNoteHoldsOneTo1024CharactersCountedAsPythonCountsThem() throws Exception {
            String astral = "\uD83D\uDE00";

            assertThat(create(note(uuid(1), astral.repeat(1024))).statusCode()).isEqualTo(200);
            assertThat(create(note(uuid(2), astral.repeat(1025))).statusCode()).isEqualTo(400);
            assertThat(create(note(uuid(3), "")).statusCode()).isEqualTo(400);
            assertThat(create(item(uuid(4), "wandb.note.1", JSON.createObjectNode().put("text", "x"))).statusCode())
                    .isEqualTo(400);
            assertThat(storedIds()).containsExactly(uuid(1));
        }

        @Test
        void aPayloadIsAtMostOneMebibyteAsJsonDumpsWritesIt() throws Exception {
            // 600 KB of UTF-8, but json.dumps escapes each character to six: 1,200,000 characters
            ObjectNode tooLarge = JSON.createObjectNode().put("answer", "\u6F22".repeat(200_000));
            ObjectNode fits = JSON.createObjectNode().put("answer", "\u6F22".repeat(170_000));

            HttpResponse<String> refused = create(item(uuid(1), "dify.annotation", tooLarge));

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(json(refused).path("reason").stringValue()).isEqualTo("Feedback payload too large");
            assertThat(create(item(uuid(2), "dify.annotation", fits)).statusCode()).isEqualTo(200);
            assertThat(storedIds()).containsExactly(uuid(2));
        }

        @Test
        void theWeaveRefIsNotChecked() throws Exception {
            assertThat(create(reaction(uuid(1), THUMBS_UP).put("weave_ref", "weave:///other/place/call/nope"))
                    .statusCode()).isEqualTo(200);
        }

        @Test
        void theSameIdCreatedTwiceIsTwoRowsAndAPurgeOfItRemovesBoth() throws Exception {
            create(reaction(uuid(1), THUMBS_UP));
            create(reaction(uuid(1), THUMBS_UP), reaction(uuid(2), THUMBS_UP));

            ObjectNode query = JSON.createObjectNode().put("project_id", PROJECT);
            query.set("query", idQuery("$or", idEquals(uuid(1))).deepCopy());
            assertThat(json(post("/feedback/query", query)).path("result")).hasSize(2);
            assertThat(storedIds()).containsExactly(uuid(1), uuid(1), uuid(2));

            HttpResponse<String> purged = purge(idQuery("$or", idEquals(uuid(1))));

            assertThat(purged.statusCode()).isEqualTo(200);
            assertThat(storedIds()).containsExactly(uuid(2));
        }

        @Test
        void aPurgeMustNameIdsByEqualityOrAnOrOfThose() throws Exception {
            create(reaction(uuid(1), THUMBS_UP), reaction(uuid(2), THUMBS_UP), reaction(uuid(3), THUMBS_UP));
            ObjectNode in = JSON.createObjectNode();
            in.putObject("$expr").putArray("$in").add(JSON.createObjectNode().put("$getField", "id"))
                    .addArray().add(JSON.createObjectNode().put("$literal", uuid(1)));
            ObjectNode byRef = JSON.createObjectNode();
            byRef.putObject("$expr").putArray("$eq").add(JSON.createObjectNode().put("$getField", "weave_ref"))
                    .add(JSON.createObjectNode().put("$literal", "weave:///" + PROJECT + "/call/" + uuid(99)));

            assertThat(purge(in).statusCode()).isEqualTo(400);
            assertThat(purge(byRef).statusCode()).isEqualTo(400);
            assertThat(purge(idQuery("$and", idEquals(uuid(1)))).statusCode()).isEqualTo(400);
            assertThat(purge(JSON.createObjectNode().put("id", uuid(1))).statusCode()).isEqualTo(422);
            assertThat(storedIds()).containsExactly(uuid(1), uuid(2), uuid(3));

            ObjectNode one = JSON.createObjectNode();
            one.set("$expr", idEquals(uuid(1)));
            assertThat(purge(one).statusCode()).isEqualTo(200);
            assertThat(purge(idQuery("$or", idEquals(uuid(2)), idEquals(uuid(3)))).statusCode()).isEqualTo(200);
            assertThat(weave.feedback(PROJECT)).isEmpty();
        }

        @Test
        void aQueryFiltersSortsPagesAndNarrowsToTheFieldsAsked() throws Exception {
            create(reaction(uuid(3), THUMBS_UP), note(uuid(1), "a"), reaction(uuid(2), THUMBS_UP));
            ObjectNode query = JSON.createObjectNode().put("project_id", PROJECT).put("limit", 2).put("offset", 0);
            query.putArray("fields").add("id");
            query.putArray("sort_by").addObject().put("field", "id").put("direction", "asc");
            query.putObject("query").putObject("$expr").putArray("$in")
                    .add(JSON.createObjectNode().put("$getField", "id")).addArray()
                    .add(JSON.createObjectNode().put("$literal", uuid(3)))
                    .add(JSON.createObjectNode().put("$literal", uuid(2)));

            JsonNode first = json(post("/feedback/query", query)).path("result");
            JsonNode second = json(post("/feedback/query", query.put("offset", 2))).path("result");

            assertThat(first).hasSize(2);
            assertThat(first.get(0).propertyNames()).containsExactly("id");
            assertThat(first).extracting(r -> r.path("id").stringValue()).containsExactly(uuid(2), uuid(3));
            assertThat(second).isEmpty();
        }

        @Test
        void aReplacePurgesFirstAndThenCreatesSoAnInvalidReplacementLosesTheOldOne() throws Exception {
            create(reaction(uuid(1), THUMBS_UP));
            ObjectNode replacement = reaction(uuid(2), "not an emoji").put("feedback_id", uuid(1));

            HttpResponse<String> refused = post("/feedback/replace", replacement);

            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(weave.feedback(PROJECT)).isEmpty();
            HttpResponse<String> replaced = post("/feedback/replace",
                    reaction(uuid(3), THUMBS_UP).put("feedback_id", uuid(1)));
            assertThat(replaced.statusCode()).isEqualTo(200);
            assertThat(json(replaced).path("id").stringValue()).isEqualTo(uuid(3));
            assertThat(storedIds()).containsExactly(uuid(3));
        }

        @Test
        void faultsApplyToFeedbackWritesLikeToCallWrites() throws Exception {
            weave.enqueueFault(Fault.status(503), Fault.lostReply());

            assertThat(create(reaction(uuid(1), THUMBS_UP)).statusCode()).isEqualTo(503);
            assertThat(weave.feedback(PROJECT)).isEmpty();
            assertThatThrownBy(() -> create(reaction(uuid(2), THUMBS_UP))).isInstanceOf(IOException.class);
            assertThat(storedIds()).containsExactly(uuid(2));
            assertThat(weave.writeRequestCount()).isEqualTo(2);
        }
    }

    // =========================================================================================================
    // Helpers: HTTP
    // =========================================================================================================

    private URI uri(String path) {
        return URI.create(weave.baseUrl() + path);
    }

    private HttpRequest.Builder authorized(String path) {
        String credentials = Base64.getEncoder().encodeToString(("api:" + API_KEY).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + credentials);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(authorized(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
    }

    private List<JsonNode> streamQuery(ObjectNode request) throws Exception {
        HttpResponse<String> response = post("/calls/stream_query", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return jsonLines(response.body());
    }

    private long queryStats(ObjectNode request) throws Exception {
        HttpResponse<String> response = post("/calls/query_stats", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("count").asLong();
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static List<JsonNode> jsonLines(String body) {
        return body.lines().map(JSON::readTree).toList();
    }

    private static List<String> ids(List<JsonNode> rows) {
        return rows.stream().map(row -> row.path("id").stringValue()).toList();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(bytes);
        }
        return buffer.toByteArray();
    }

    // =========================================================================================================
    // Helpers: wire objects
    // =========================================================================================================

    static String uuid(int n) {
        return String.format("0190a1b2-c3d4-7e5f-8a9b-%012x", n);
    }

    private static String ts(int second) {
        return String.format("2024-03-01T12:00:%02d.000000Z", second);
    }

    private static ObjectNode start(String id) {
        return start(id, id, null, ts(0));
    }

    private static ObjectNode start(String id, String traceId, String parentId, String startedAt) {
        ObjectNode start = JSON.createObjectNode()
                .put("project_id", PROJECT)
                .put("id", id)
                .put("trace_id", traceId)
                .put("parent_id", parentId)
                .put("op_name", "llm")
                .put("started_at", startedAt);
        start.putObject("attributes");
        start.putObject("inputs").put("prompt", "hi");
        return start;
    }

    private static ObjectNode end(String id) {
        ObjectNode end = JSON.createObjectNode()
                .put("project_id", PROJECT)
                .put("id", id)
                .put("ended_at", ts(1));
        end.putNull("exception");
        end.putObject("output").put("text", "hello");
        end.putObject("summary");
        return end;
    }

    private static ObjectNode complete(String id, String startedAt) {
        ObjectNode call = JSON.createObjectNode()
                .put("project_id", PROJECT)
                .put("id", id)
                .put("trace_id", id)
                .put("op_name", "llm")
                .put("started_at", startedAt)
                .put("ended_at", "2024-03-01T12:00:01Z");
        call.putObject("attributes");
        call.putObject("inputs").put("prompt", "hi");
        call.putObject("output").put("text", "hello");
        call.putObject("summary");
        return call;
    }

    private static ObjectNode startItem(ObjectNode start) {
        ObjectNode item = JSON.createObjectNode().put("mode", "start");
        item.putObject("req").set("start", start);
        return item;
    }

    private static ObjectNode endItem(ObjectNode end) {
        ObjectNode item = JSON.createObjectNode().put("mode", "end");
        item.putObject("req").set("end", end);
        return item;
    }

    private static ObjectNode batch(ObjectNode... items) {
        ObjectNode batch = JSON.createObjectNode();
        ArrayNode array = batch.putArray("batch");
        for (ObjectNode item : items) {
            array.add(item);
        }
        return batch;
    }

    private static ObjectNode completeBatch(ObjectNode... calls) {
        return batch(calls);
    }

    /** A start and its end for one root call, in one upsert_batch body. */
    private static ObjectNode oneCall(String id) {
        return batch(startItem(start(id)), endItem(end(id)));
    }
}
