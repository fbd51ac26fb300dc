package dev.difyweave.demo.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.demo.generator.GenerationResult;
import dev.difyweave.demo.generator.DifyDataGenerator.Spec;
import dev.difyweave.demo.generator.PayloadOffload.ObjectSink;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/** The generator's offload option writes what Dify >= 1.9 writes for large node payloads. */
class PayloadOffloadGeneratorTest {

    @TempDir
    Path storage;

    @Test
    void largeColumnsGoToStorageAndTheDatabaseKeepsATruncatedCopy() throws Exception {
        try (TestDatabase plainDb = TestDatabases.createDifyDatabase();
             TestDatabase offloadDb = TestDatabases.createDifyDatabase()) {
            new DifyDataGenerator().generate(plainDb.dataSource(), Spec.small());
            GenerationResult result = new DifyDataGenerator().generate(offloadDb.dataSource(),
                    Spec.small().toBuilder().offloadPayloads(400, ObjectSink.directory(storage)).build());
            JdbcTemplate plain = new JdbcTemplate(plainDb.dataSource());
            JdbcTemplate offloaded = new JdbcTemplate(offloadDb.dataSource());

            List<Map<String, Object>> rows = offloaded.queryForList("""
                    SELECT o.node_execution_id::text AS node, o.type, o.tenant_id, o.app_id, f.key, f.name, f.size,
                           f.extension, f.mime_type, f.tenant_id AS file_tenant, n.tenant_id AS node_tenant,
                           n.app_id AS node_app,
                           CASE o.type WHEN 'inputs' THEN n.inputs WHEN 'process_data' THEN n.process_data
                                ELSE n.outputs END AS column_value
                    FROM workflow_node_execution_offload o
                    JOIN upload_files f ON f.id = o.file_id
                    JOIN workflow_node_executions n ON n.id = o.node_execution_id
                    """);
            assertThat(rows).hasSize((int) result.rowCount("workflow_node_execution_offload")).hasSizeGreaterThan(20);
            assertThat(rows).extracting(r -> r.get("type")).contains("inputs", "process_data", "outputs");
            for (Map<String, Object> row : rows) {
                String key = (String) row.get("key");
                assertThat(key).startsWith("upload_files/" + row.get("node_tenant") + "/").endsWith(".json");
                assertThat(row.get("name")).isEqualTo("node_execution_" + row.get("node") + "_" + row.get("type") + ".json");
                assertThat(row.get("extension")).isEqualTo("json");
                assertThat(row.get("mime_type")).isEqualTo("application/json");
                assertThat(row.get("file_tenant")).isEqualTo(row.get("node_tenant")).isEqualTo(row.get("tenant_id"));
                assertThat(row.get("app_id")).isEqualTo(row.get("node_app"));
                byte[] object = Files.readAllBytes(storage.resolve(key));
                assertThat(object.length).isEqualTo(row.get("size")).isGreaterThan(400);
                // the object is what the column holds without offloading (same seed, same rows)
                String column = switch ((String) row.get("type")) {
                    case "inputs" -> "inputs";
                    case "process_data" -> "process_data";
                    default -> "outputs";
                };
                String full = plain.queryForObject("SELECT " + column + " FROM workflow_node_executions WHERE id = ?::uuid",
                        String.class, row.get("node"));
                assertThat(new String(object, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(full);
                String truncated = (String) row.get("column_value");
                assertThat(truncated).isNotEqualTo(full);
                assertThat(dev.difyweave.backfill.call.Json.MAPPER.readTree(truncated).isObject()).isTrue();
            }
            // what is not offloaded is untouched
            assertThat(offloaded.queryForObject("SELECT count(*) FROM workflow_node_executions", Long.class))
                    .isEqualTo(plain.queryForObject("SELECT count(*) FROM workflow_node_executions", Long.class));
        }
    }

    @Test
    void truncationCutsLongStringsAndArraysLikeDify() {
        var node = dev.difyweave.backfill.call.Json.MAPPER.readTree(
                "{\"s\": \"" + "a".repeat(100) + "\", \"short\": \"ok\", \"list\": [1,2,3,4,5,6,7], \"n\": 3}");
        var cut = NodePayloadOffloader.truncate(node);
        assertThat(cut.path("s").asString()).isEqualTo("a".repeat(64) + "...");
        assertThat(cut.path("short").asString()).isEqualTo("ok");
        assertThat(cut.path("list").size()).isEqualTo(5);
        assertThat(cut.path("n").asInt()).isEqualTo(3);
    }
}
