package dev.difyweave.backfill.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.RootKind;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.WeaveCall;
import tools.jackson.databind.JsonNode;

/** Planning calls into requests, and what a dry run counts of them. */
class RequestBatchTest {

    private static final String PROJECT = "team/project";

    private static List<WeaveCall> calls(int n) {
        List<WeaveCall> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.nameUUIDFromBytes(("call " + i).getBytes());
            calls.add(new WeaveCall(id.toString(), id.toString(), null, "workflow", null, Instant.parse("2025-11-20T08:15:02Z"),
                    Instant.parse("2025-11-20T08:15:04Z"), Json.NODES.objectNode().put("n", i),
                    Json.NODES.objectNode().put("q", "x".repeat(i * 10)), null, null, Json.NODES.objectNode(),
                    TraceKind.WORKFLOW, RootKind.WORKFLOW_RUNS.key(id)));
        }
        return calls;
    }

    @Test
    void batchesAreBoundedByCountAndBytesAndTheirLengthIsTheirBodysLength() {
        List<WeaveCall> calls = calls(25);

        List<RequestBatch> byCount = RequestBatch.plan(PROJECT, calls, 8 * 1024 * 1024, 10);
        assertThat(byCount).extracting(RequestBatch::size).containsExactly(10, 10, 5);

        List<RequestBatch> byBytes = RequestBatch.plan(PROJECT, calls, 4000, 1000);
        assertThat(byBytes).hasSizeGreaterThan(2);
        List<String> ids = new ArrayList<>();
        for (RequestBatch batch : byBytes) {
            byte[] body = batch.upsertBody();
            assertThat(batch.upsertBodyLength()).isEqualTo(body.length);
            assertThat(body.length <= 4000 || batch.size() == 1).as("under the cap, or one call alone").isTrue();
            JsonNode items = Json.MAPPER.readTree(body).get("batch");
            assertThat(items.size()).isEqualTo(2 * batch.size());
            for (int i = 0; i < items.size(); i += 2) {
                ids.add(items.get(i).path("req").path("start").path("id").asString());
            }
        }
        assertThat(ids).as("every call once, in order").containsExactlyElementsOf(calls.stream().map(WeaveCall::id).toList());
    }

    @Test
    void aDryRunCountsTheRequestsAndBytesItWouldSend() {
        List<WeaveCall> calls = calls(25);
        DryRunSink sink = new DryRunSink(4000, 1000);

        assertThat(sink.write(PROJECT, calls)).isEmpty();

        List<RequestBatch> planned = RequestBatch.plan(PROJECT, calls, 4000, 1000);
        assertThat(sink.requests()).isEqualTo(planned.size());
        assertThat(sink.bytes()).isEqualTo(planned.stream().mapToLong(b -> b.upsertBody().length).sum());
    }
}
