package dev.difyweave.backfill.trace;

import static dev.difyweave.backfill.trace.TraceRows.node;
import static dev.difyweave.backfill.trace.TraceRows.nodeId;
import static dev.difyweave.backfill.trace.TraceRows.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.source.NodeExecutionRow;
import dev.difyweave.backfill.source.OffloadedPayload;
import dev.difyweave.backfill.source.WorkflowTraceSource;
import dev.difyweave.backfill.call.WeaveCall;

/** How the mapper shows offloaded node payloads: read in full, or sent truncated (marked and recorded). */
class OffloadedPayloadMappingTest {

    private final WorkflowTraceMapper mapper = new WorkflowTraceMapper(new Provenance("dify-weave-backfill", "0.1.0", "job"));

    @Test
    void aPayloadReadFromStorageIsListedAsOffloadedWithoutProblem() {
        WorkflowTraceSource source = withOffloads(List.of(new OffloadedPayload("outputs", "upload_files/t/a.json", null)));

        AssembledTrace trace = mapper.map(source);

        WeaveCall node = trace.calls().get(1);
        assertThat(node.attributes().path("backfill").path("offloaded").toString()).isEqualTo("[\"outputs\"]");
        assertThat(node.attributes().path("backfill").has("dify_truncated")).isFalse();
        assertThat(trace.problems()).isEmpty();
        assertThat(trace.notes()).isEmpty();
    }

    @Test
    void anUnreadPayloadIsMarkedOnTheCallRecordedAndNoted() {
        WorkflowTraceSource source = withOffloads(List.of(
                new OffloadedPayload("inputs", "upload_files/t/i.json", null),
                new OffloadedPayload("outputs", "upload_files/t/o.json", "no file /data/upload_files/t/o.json")));

        AssembledTrace trace = mapper.map(source);

        WeaveCall node = trace.calls().get(1);
        assertThat(node.attributes().path("backfill").path("offloaded").toString()).isEqualTo("[\"inputs\"]");
        assertThat(node.attributes().path("backfill").path("dify_truncated").toString()).isEqualTo("[\"outputs\"]");
        assertThat(node.output().path("text").asString()).isEqualTo("cut...");
        assertThat(trace.problems()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("workflow_node_executions");
            assertThat(p.key()).isEqualTo(nodeId(1).toString());
            assertThat(p.column()).isEqualTo("outputs");
            assertThat(p.reason()).contains("no file /data/upload_files/t/o.json").contains("truncated value is sent");
        });
        assertThat(trace.notes()).containsExactly(AssembledTrace.OFFLOADED_PAYLOAD_TRUNCATED);
    }

    private static WorkflowTraceSource withOffloads(List<OffloadedPayload> offloads) {
        WorkflowTraceSource plain = run().nodes(node(1, "code").outputs("{\"text\": \"cut...\"}")).build();
        NodeExecutionRow row = plain.nodes().get(0);
        NodeExecutionRow offloaded = row.withPayloads(row.inputs(), row.processData(), row.outputs(), offloads);
        return new WorkflowTraceSource(plain.run(), List.of(offloaded), plain.appLogId(), plain.endUserSessionId(),
                plain.accountFound());
    }
}
