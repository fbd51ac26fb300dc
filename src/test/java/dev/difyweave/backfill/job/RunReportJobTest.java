package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.testsupport.CallTags;
import dev.difyweave.backfill.testsupport.OwnThread;
import dev.difyweave.backfill.testsupport.ReceivedRequest;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedNode;
import dev.difyweave.demo.generator.GeneratedRun;

/**
 * The run report of a real {@code migrate} through the CLI, against the fake Weave and a real
 * PostgreSQL: its numbers are checked against what Weave holds and what the state store recorded.
 */
class RunReportJobTest {

    /** An {@code src} or {@code href} that would make the page fetch something. */
    private static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href|xlink:href)\\s*=\\s*[\"']?\\s*(https?:)?//");

    private BackfillHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void theReportOfAMigrateMatchesWeaveAndTheStateStore(@TempDir Path dir) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        String refused = firstNodeOfAFinishedRun();
        harness.weave.rejectCallIds(refused);
        Path reportDir = dir.resolve("reports");

        BackfillHarness.Result result = harness.run("migrate", "--report-dir=" + reportDir);

        assertThat(result.exitStatus()).as(result.out() + result.err()).isEqualTo(3);
        long instance = harness.stateJdbc().queryForObject("SELECT job_instance_id FROM batch_job_instance", Long.class);
        Path json = reportDir.resolve("report-" + instance + ".json");
        Path html = reportDir.resolve("report-" + instance + ".html");
        assertThat(result.out()).contains(json.toAbsolutePath().normalize().toString())
                .contains(html.toAbsolutePath().normalize().toString());
        try (var files = Files.list(reportDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("only the two report files, no temporary file left behind")
                    .containsExactlyInAnyOrder(json.getFileName().toString(), html.getFileName().toString());
        }
        JsonNode report = Json.MAPPER.readTree(Files.readString(json));
        List<StoredCall> visible = harness.weave.visibleCalls(BackfillHarness.PROJECT);

        // calls per kind: what the fake Weave holds, classified the same way
        Map<String, Long> weaveByKind = visible.stream()
                .collect(Collectors.groupingBy(c -> CallTags.kind(c.attributes(), c.opName()), TreeMap::new,
                        Collectors.counting()));
        assertThat(weaveByKind.keySet()).as("the small spec has every kind").contains("workflow", "message", "tool",
                "dataset_retrieval", "moderation", "generate_name");
        assertThat(nonZero(report.get("calls_by_kind"))).isEqualTo(weaveByKind);
        assertThat(report.get("calls").asLong()).isEqualTo(visible.size());

        // per day: the totals add up, and match Weave's calls per UTC day of started_at and kind
        long sumOfDays = 0;
        Map<String, Map<String, Long>> reportDays = new TreeMap<>();
        for (JsonNode day : report.get("calls_by_day")) {
            Map<String, Long> perKind = nonZero(day.get("by_kind"));
            assertThat(day.get("calls").asLong()).isEqualTo(perKind.values().stream().mapToLong(Long::longValue).sum());
            sumOfDays += day.get("calls").asLong();
            reportDays.put(day.get("day").asString(), perKind);
        }
        assertThat(sumOfDays).isEqualTo(report.get("calls").asLong());
        Map<String, Map<String, Long>> weaveDays = visible.stream().collect(Collectors.groupingBy(
                c -> LocalDate.ofInstant(c.startedAt(), ZoneOffset.UTC).toString(), TreeMap::new,
                Collectors.groupingBy(c -> CallTags.kind(c.attributes(), c.opName()), TreeMap::new,
                        Collectors.counting())));
        assertThat(reportDays).isEqualTo(weaveDays);

        // dead letters and problems: the rows of the state store
        assertThat(report.get("dead_letters").asLong()).isEqualTo(1).isEqualTo(harness.deadLetters().size());
        assertThat(harness.deadLetters()).singleElement().satisfies(d -> assertThat(d.get("call_id")).isEqualTo(refused));
        assertThat(report.get("problems").asLong()).isEqualTo(harness.problems().size());
        assertThat(report.get("approximated_calls").asLong())
                .isEqualTo(visible.stream().filter(c -> CallTags.approximated(c.attributes())).count())
                .isPositive();
        assertThat(report.get("traces").asLong()).as("every root written is a trace root in Weave")
                .isEqualTo(visible.stream().filter(c -> c.parentId() == null).count());
        assertThat(report.get("suggested_questions_not_reproducible").asLong()).isNotNegative();
        assertThat(result.out()).contains(report.get("suggested_questions_not_reproducible").asLong()
                + " messages with suggested questions not reproducible");

        // the generated ratings and annotations, as Weave holds them
        JsonNode feedback = report.get("feedback");
        for (String type : List.of("wandb.reaction.1", "wandb.note.1", "dify.annotation")) {
            assertThat(feedback.path(type).path("created").asLong()).as(type)
                    .isEqualTo(harness.weave.feedback(BackfillHarness.PROJECT).stream()
                            .filter(f -> f.feedbackType().equals(type)).count())
                    .isPositive();
        }
        assertThat(feedback.path("dify.annotation").path("unlinked").asLong()).isPositive();

        // what went over the wire
        JsonNode delivery = report.get("delivery");
        // every write, and the feedback step's look-ups of which feedback Weave holds
        List<ReceivedRequest> counted = harness.weave.requests().stream()
                .filter(r -> !r.path().equals("/calls/stream_query")).toList();
        assertThat(delivery.get("requests").asLong()).isEqualTo(harness.weave.writeRequestCount()
                + harness.weave.requestsTo("/feedback/query").size()).isEqualTo(counted.size());
        assertThat(delivery.get("retries").asLong()).isZero();
        assertThat(delivery.get("bytes_sent").asLong()).as("the bodies the fake received")
                .isEqualTo(counted.stream().mapToLong(ReceivedRequest::bodyBytes).sum());

        // the window and the run
        assertThat(report.get("job_instance_id").asLong()).isEqualTo(instance);
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("sink").asString()).isEqualTo("weave");
        assertThat(report.get("project").asString()).isEqualTo(BackfillHarness.PROJECT);
        assertThat(report.get("window").get("to").asString()).isEqualTo("2026-11-29T23:50:00Z");
        assertThat(report.get("kinds")).hasSize(7);
        assertThat(report.get("failure").isNull()).isTrue();

        // the page: self-contained, with the same numbers
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<svg").contains("<style>");
        assertThat(EXTERNAL.matcher(page).find()).as("no external src or href").isFalse();
        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContain("@import").doesNotContain("url(");
        assertThat(page).contains(String.format(java.util.Locale.ROOT, "%,d", visible.size()));
        for (Map.Entry<String, Long> kind : weaveByKind.entrySet()) {
            assertThat(page).contains(">" + kind.getKey() + "</td><td class=\"n\">"
                    + String.format(java.util.Locale.ROOT, "%,d", kind.getValue()) + "</td>");
        }

        for (Path file : List.of(json, html)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
            assertThat(Files.readString(file)).doesNotContain(BackfillHarness.API_KEY);
        }
        assertThat(result.out()).doesNotContain(BackfillHarness.API_KEY);
    }

    @Test
    void aResumedWindowHasOneReportCoveringEveryExecution(@TempDir Path dir) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        harness.env.put("BACKFILL_RETRY_MAX", "2");
        Path reportDir = dir.resolve("reports");

        CompletableFuture<BackfillHarness.Result> first = OwnThread.supply(
                () -> harness.run("migrate", "--report-dir=" + reportDir));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (harness.weave.writeRequestCount() < 3 && System.nanoTime() < deadline && !first.isDone()) {
            Thread.sleep(5);
        }
        harness.weave.setRandomFaults(1, 0, 1.0, 0);
        BackfillHarness.Result failed = first.get(120, TimeUnit.SECONDS);
        assertThat(failed.exitStatus()).as(failed.out() + failed.err()).isEqualTo(1);
        long instance = harness.stateJdbc().queryForObject("SELECT job_instance_id FROM batch_job_instance", Long.class);
        Path json = reportDir.resolve("report-" + instance + ".json");
        JsonNode failedReport = Json.MAPPER.readTree(Files.readString(json));
        assertThat(failedReport.get("status").asString()).isEqualTo("FAILED");
        assertThat(failedReport.get("failure").asString()).isNotBlank().doesNotContain(BackfillHarness.API_KEY);
        assertThat(failedReport.get("delivery").get("retries").asLong()).isPositive();
        long callsBefore = failedReport.get("calls").asLong();
        assertThat(callsBefore).isPositive().isLessThan(harness.expectedCalls().size());

        harness.weave.clearRandomFaults();
        BackfillHarness.Result resumed = harness.run("migrate", "--report-dir=" + reportDir);

        assertThat(resumed.exitStatus()).as(resumed.out() + resumed.err()).isZero();
        JsonNode report = Json.MAPPER.readTree(Files.readString(json));
        List<StoredCall> visible = harness.weave.visibleCalls(BackfillHarness.PROJECT);
        assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(report.get("execution_ids")).hasSize(2);
        assertThat(report.get("calls").asLong()).as("every call once, over both executions").isEqualTo(visible.size());
        Map<String, Long> weaveByKind = visible.stream()
                .collect(Collectors.groupingBy(c -> CallTags.kind(c.attributes(), c.opName()), TreeMap::new,
                        Collectors.counting()));
        assertThat(nonZero(report.get("calls_by_kind"))).isEqualTo(weaveByKind);
        assertThat(report.get("traces").asLong()).isEqualTo(visible.stream().filter(c -> c.parentId() == null).count());
        assertThat(report.get("delivery").get("requests").asLong()).as("requests of both executions")
                .isEqualTo(harness.weave.writeRequestCount() + harness.weave.requestsTo("/feedback/query").size());
        assertThat(report.get("dead_letters").asLong()).isZero();
        assertThat(report.get("failure").isNull()).isTrue();
    }

    private String firstNodeOfAFinishedRun() {
        for (GeneratedRun run : harness.generated.runs()) {
            if (run.finished()) {
                for (GeneratedNode node : run.nodes()) {
                    if (!"paused".equals(node.status())) {
                        return node.id().toString();
                    }
                }
            }
        }
        throw new IllegalStateException("no node of a finished run");
    }

    private static Map<String, Long> nonZero(JsonNode counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.properties().forEach(e -> {
            if (e.getValue().asLong() != 0) {
                out.put(e.getKey(), e.getValue().asLong());
            }
        });
        return out;
    }
}
