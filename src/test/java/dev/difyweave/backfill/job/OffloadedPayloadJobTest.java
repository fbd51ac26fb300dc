package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.PayloadOffload.ObjectSink;
import dev.difyweave.backfill.testsupport.FakeS3Server;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.JsonNode;

/**
 * Dify >= 1.9 offloads large node payloads to its storage and keeps a truncated copy in the
 * database. The backfill sends the full payload read from Dify's storage (a directory or an S3
 * bucket); an object it cannot read leaves the truncated value, marked on the call and recorded.
 */
class OffloadedPayloadJobTest {

    /** Columns above this many bytes of JSON are offloaded by the generator. */
    private static final int OFFLOAD_ABOVE = 400;

    /** Offloaded outputs of nodes that are sent: workflow-run rows of finished runs, chatflow runs included. */
    private static final String SENT_OUTPUT_OFFLOADS = """
            SELECT n.id::text AS node_id, r.type AS run_type, f.key
            FROM workflow_node_execution_offload o
            JOIN upload_files f ON f.id = o.file_id
            JOIN workflow_node_executions n ON n.id = o.node_execution_id
            JOIN workflow_runs r ON r.id = n.workflow_run_id
            WHERE o.type = 'outputs' AND n.triggered_from = 'workflow-run' AND n.status <> 'paused'
              AND r.status IN ('succeeded', 'failed', 'stopped', 'partial-succeeded')
            ORDER BY r.type, n.id
            """;

    @TempDir
    Path storage;

    private BackfillHarness harness;
    private FakeS3Server s3;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void fullPayloadsComeFromTheStorageDirectoryAndAMissingObjectIsSentTruncatedAndMarked() throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder()
                .offloadPayloads(OFFLOAD_ABOVE, ObjectSink.directory(storage)).build());
        harness.env.put("DIFY_STORAGE_PATH", storage.toString());
        List<Map<String, Object>> offloads = harness.difyJdbc().queryForList(SENT_OUTPUT_OFFLOADS);
        Map<String, Object> workflowNode = first(offloads, "workflow");
        Map<String, Object> chatflowNode = first(offloads, "chat");
        Map<String, Object> lostNode = offloads.stream().filter(o -> "workflow".equals(o.get("run_type")))
                .skip(1).findFirst().orElseThrow();
        String lostKey = (String) lostNode.get("key");
        Files.delete(storage.resolve(lostKey));

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isZero();
        assertThat(harness.weave.visibleCalls(BackfillHarness.PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(harness.expectedCalls().keySet());
        for (Map<String, Object> offload : List.of(workflowNode, chatflowNode)) {
            JsonNode full = Json.MAPPER.readTree(storage.resolve((String) offload.get("key")).toFile());
            String longValue = longString(full);
            StoredCall call = call((String) offload.get("node_id"));
            assertThat(strings(call.output())).as("full output of %s", offload).contains(longValue)
                    .containsAll(strings(full));
            assertThat(call.attributes().path("backfill").path("offloaded").toString()).contains("outputs");
            assertThat(call.attributes().path("backfill").has("dify_truncated")).isFalse();
        }

        String lostId = (String) lostNode.get("node_id");
        StoredCall lost = call(lostId);
        String truncatedInDb = harness.difyJdbc().queryForObject(
                "SELECT outputs FROM workflow_node_executions WHERE id = ?::uuid", String.class, lostId);
        assertThat(lost.output().toString()).contains("...");
        assertThat(strings(lost.output())).containsAll(strings(Json.MAPPER.readTree(truncatedInDb)));
        assertThat(lost.attributes().path("backfill").path("dify_truncated").toString()).isEqualTo("[\"outputs\"]");
        assertThat(harness.problems()).anySatisfy(p -> {
            assertThat(p.get("source_table")).isEqualTo("workflow_node_executions");
            assertThat(p.get("source_key")).isEqualTo(lostId);
            assertThat(p.get("source_column")).isEqualTo("outputs");
            assertThat((String) p.get("reason")).contains("not read from Dify's storage").contains("no file")
                    .contains(lostKey).contains("truncated value is sent");
        });
        assertThat(harness.problems()).filteredOn(p -> ((String) p.get("reason")).contains("storage")).hasSize(1);
    }

    /** Through the AWS SDK against the in-process S3 (FakeS3Server), which checks each request's signature; a lost object is recorded. */
    @Test
    void fullPayloadsComeFromAnS3BucketAndAMissingObjectIsRecorded() throws Exception {
        s3 = new FakeS3Server("dify-storage", null, "AKIDTEST", "secret/test+key").start();
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder()
                .offloadPayloads(OFFLOAD_ABOVE, s3::put).build());
        harness.env.put("DIFY_STORAGE_S3_ENDPOINT", s3.endpoint());
        harness.env.put("DIFY_STORAGE_S3_BUCKET", "dify-storage");
        harness.env.put("DIFY_STORAGE_S3_REGION", "eu-central-1");
        harness.env.put("DIFY_STORAGE_S3_ACCESS_KEY", "AKIDTEST");
        harness.env.put("DIFY_STORAGE_S3_SECRET_KEY", "secret/test+key");
        List<Map<String, Object>> offloads = harness.difyJdbc().queryForList(SENT_OUTPUT_OFFLOADS);
        assertThat(offloads).hasSizeGreaterThan(5);
        Map<String, Object> lostNode = offloads.get(offloads.size() - 1);
        String lostKey = (String) lostNode.get("key");
        s3.delete(lostKey);
        Map<String, byte[]> stored = s3.objects();

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isZero();
        int cut = 0;
        for (Map<String, Object> offload : offloads.subList(0, offloads.size() - 1)) {
            JsonNode full = Json.MAPPER.readTree(stored.get((String) offload.get("key")));
            StoredCall call = call((String) offload.get("node_id"));
            assertThat(strings(call.output())).as("full output of %s", offload).containsAll(strings(full));
            cut += strings(full).stream().anyMatch(v -> v.length() > 64) ? 1 : 0;
        }
        assertThat(cut).as("offloads whose database copy lost text").isPositive();
        String lostId = (String) lostNode.get("node_id");
        assertThat(call(lostId).attributes().path("backfill").path("dify_truncated").toString())
                .isEqualTo("[\"outputs\"]");
        assertThat(harness.problems()).filteredOn(p -> ((String) p.get("reason")).contains("storage")).singleElement()
                .satisfies(p -> {
                    assertThat(p.get("source_key")).isEqualTo(lostId);
                    assertThat((String) p.get("reason")).contains("no object s3://dify-storage/" + lostKey + " (NoSuchKey)");
                });
        assertThat(result.out() + result.err()).doesNotContain("secret/test+key");
    }

    /** A secret S3 refuses ends the run before any work (preflight), naming the variables, never the secret. */
    @Test
    void aWrongS3SecretStopsTheRunBeforeAnyWork() {
        s3 = new FakeS3Server("dify-storage", null, "AKIDTEST", "secret/test+key").start();
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small().toBuilder()
                .offloadPayloads(OFFLOAD_ABOVE, s3::put).build());
        harness.env.put("STORAGE_TYPE", "s3");
        harness.env.put("S3_ENDPOINT", s3.endpoint());
        harness.env.put("S3_BUCKET_NAME", "dify-storage");
        harness.env.put("S3_REGION", "us-east-1");
        harness.env.put("S3_ACCESS_KEY", "AKIDTEST");
        harness.env.put("S3_SECRET_KEY", "not-the-secret-0000");

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isEqualTo(2);
        assertThat(result.err()).contains("configuration error: Dify's storage, bucket dify-storage at " + s3.endpoint()
                + ": S3 refused the credentials for bucket dify-storage (403 SignatureDoesNotMatch): check "
                + "S3_ACCESS_KEY/S3_SECRET_KEY");
        assertThat(result.out() + result.err()).doesNotContain("not-the-secret-0000");
        assertThat(harness.weave.projectIds()).isEmpty();
    }

    @Test
    void aDifyOlderThanOffloadsHasNoOffloadTableAndStillWorks() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.difyJdbc().execute("DROP TABLE workflow_node_execution_offload");
        harness.env.put("DIFY_STORAGE_PATH", storage.toString());

        BackfillHarness.Result result = harness.run("migrate");

        assertThat(result.exitStatus()).as(result.out() + result.err()).isZero();
        assertThat(harness.weave.visibleCalls(BackfillHarness.PROJECT)).extracting(StoredCall::id)
                .containsExactlyInAnyOrderElementsOf(harness.expectedCalls().keySet());
    }

    private StoredCall call(String id) {
        return harness.weave.call(BackfillHarness.PROJECT, id).orElseThrow();
    }

    private static Map<String, Object> first(List<Map<String, Object>> offloads, String runType) {
        return offloads.stream().filter(o -> runType.equals(o.get("run_type"))).findFirst()
                .orElseThrow(() -> new AssertionError("the generator offloaded no output of a " + runType + " run"));
    }

    /** A string of the full JSON that Dify's truncation would have cut. */
    private static String longString(JsonNode full) {
        return strings(full).stream().filter(s -> s.length() > 64).findFirst()
                .orElseThrow(() -> new AssertionError("no long string in " + full));
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new java.util.ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isString()) {
            out.add(node.stringValue());
        }
        node.forEach(child -> collect(child, out));
        if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), out));
        }
    }
}
