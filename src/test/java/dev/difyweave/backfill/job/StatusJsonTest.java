package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.difyweave.demo.generator.DifyDataGenerator;

/** {@code status --json}: the facts of {@code status} as one JSON document, the same numbers as its table. */
class StatusJsonTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ROW = Pattern.compile(
            "(?m)^(\\d+)\\s+(\\w+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)  (.+)$");

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theJsonHasTheNumbersOfTheTable() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        JsonNode before = json(harness.run("status", "--json"));
        assertThat(before.path("executions").isArray()).isTrue();
        assertThat(before.path("executions")).isEmpty();
        assertThat(before.path("dify_source").path("readable").asBoolean()).isTrue();

        assertThat(harness.run("migrate", "--to=2026-10-15T00:00:00Z").exitStatus()).isZero();
        assertThat(harness.run("migrate", "--from=2026-10-15T00:00:00Z", "--to=2026-11-29T00:00:00Z")
                .exitStatus()).isZero();
        String text = harness.run("status").out();
        JsonNode status = json(harness.run("status", "--json"));

        JsonNode dify = status.path("dify_source");
        assertThat(text).contains("Dify source: " + dify.path("version_range").asString() + " (alembic "
                + dify.path("alembic_revision").asString() + "): ");
        List<String[]> rows = new ArrayList<>();
        Matcher m = ROW.matcher(text);
        while (m.find()) {
            rows.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7),
                    m.group(8), m.group(9), m.group(10)});
        }
        JsonNode executions = status.path("executions");
        assertThat(rows).hasSize(2).hasSize(executions.size());
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i);
            JsonNode e = executions.get(i);
            assertThat(e.path("id").asLong()).isEqualTo(Long.parseLong(row[0]));
            assertThat(e.path("status").asString()).isEqualTo(row[1]).isEqualTo("COMPLETED");
            assertThat(e.path("window_from").asString()).isEqualTo(row[2]);
            assertThat(e.path("window_to").asString()).isEqualTo(row[3]);
            assertThat(e.path("sink").asString()).isEqualTo(row[4]);
            assertThat(String.join(",", e.path("kinds").valueStream().map(JsonNode::asString).toList()))
                    .isEqualTo(row[5]);
            assertThat(e.path("traces").asLong()).isEqualTo(Long.parseLong(row[6])).isPositive();
            assertThat(e.path("calls").asLong()).isEqualTo(Long.parseLong(row[7])).isPositive();
            assertThat(e.path("dead_letters").asLong()).isEqualTo(Long.parseLong(row[8]));
            assertThat(e.path("resumable").asString()).isEqualTo("no").isEqualTo(row[9]);
        }
        assertThat(executions.get(0).path("calls").asLong() + executions.get(1).path("calls").asLong())
                .isEqualTo(harness.expectedCalls().size());

        long pending = status.path("pending").valueStream().mapToLong(p -> p.path("roots").asLong()).sum();
        assertThat(pending).isPositive();
        assertThat(text).contains("roots not finished yet in Dify (pending; the next run over the same filters and "
                + "target sends them once finished or stale): " + pending);
        for (JsonNode p : status.path("pending")) {
            assertThat(text).contains("  " + p.path("roots").asLong() + " " + p.path("kind").asString()
                    + ", oldest created " + p.path("oldest_created").asString() + ", scope " + p.path("scope").asString());
        }
        Map<String, List<String>> feedback = new HashMap<>();
        for (JsonNode f : status.path("feedback")) {
            feedback.computeIfAbsent(f.path("feedback_type").asString(), t -> new ArrayList<>())
                    .add(f.path("count").asLong() + " " + f.path("outcome").asString().replace('_', ' '));
        }
        assertThat(feedback).isNotEmpty();
        feedback.forEach((type, counts) -> assertThat(text).contains("  " + type + ": " + String.join(", ", counts)));
        status.path("feedback_held").properties().forEach(project -> assertThat(text).contains("  in " + project.getKey()
                + " now: "));
    }

    private static JsonNode json(BackfillHarness.Result result) {
        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(result.out().lines()).as("one line").hasSize(1);
        return JSON.readTree(result.out());
    }
}
