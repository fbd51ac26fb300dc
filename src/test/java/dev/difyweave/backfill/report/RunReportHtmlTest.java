package dev.difyweave.backfill.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.difyweave.backfill.call.Json;

/** The HTML page and JSON of a small hand-made report. */
class RunReportHtmlTest {

    private static final Pattern RECT = Pattern.compile("<rect [^>]*><title>([^<]*)</title></rect>");

    @Test
    void thePageShowsEveryCountAndOneBarSegmentPerDayAndKind() {
        String page = sample("COMPLETED", null, 0).toHtml();

        assertThat(page).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">").contains("<meta charset=\"utf-8\">")
                .endsWith("</html>\n");
        assertThat(page).contains("<title>Backfill report: job instance 42, COMPLETED</title>");
        assertThat(page).contains(">workflow</td><td class=\"n\">1,200</td>")
                .contains(">message</td><td class=\"n\">35</td>")
                .contains(">tool</td><td class=\"n\">0</td>")
                .contains("<th>all kinds</th><th class=\"n\">1,235</th>");
        assertThat(page).contains("<td>traces (root rows written)</td><td class=\"n\">40</td>")
                .contains("<td>dead letters (see backfill_dead_letter)</td><td class=\"n\">0</td>")
                .contains("<td>source problems (see backfill_problem)</td><td class=\"n\">3</td>")
                .contains("<td>calls with approximated fields</td><td class=\"n\">7</td>")
                .contains("suggested questions cannot be reproduced (C11)</td><td class=\"n\">2</td>")
                .contains("<td>requests to Weave</td><td class=\"n\">9</td>")
                .contains("<td>retries</td><td class=\"n\">1</td>")
                .contains("<td>bytes sent</td><td class=\"n\">3,145,728 (3.0 MiB)</td>");
        assertThat(page).contains("2026-03-01T00:00:00Z to 2026-03-04T00:00:00Z").contains("1 min 05 s")
                .contains("class=\"status ok\"");

        // two days with calls and the empty one between them, shown as a gap: 3 bars
        Matcher rects = RECT.matcher(page);
        List<String> segments = new java.util.ArrayList<>();
        while (rects.find()) {
            segments.add(rects.group(1));
        }
        assertThat(segments).containsExactly("2026-03-01 · workflow: 1,000", "2026-03-01 · message: 30",
                "2026-03-03 · workflow: 200", "2026-03-03 · message: 5");
        assertThat(page).contains(" 3 bars</text>").contains("calls per day (UTC)");
        // the per-day table, one row per day with calls
        assertThat(page).contains("<tr><td>2026-03-01</td><td class=\"n\">1,000</td><td class=\"n\">30</td>"
                + "<td class=\"n\">1,030</td></tr>");
    }

    @Test
    void thePageIsSelfContainedAndEscapesWhatItShows() {
        RunReport report = sample("FAILED", "WeaveUnavailableException: Weave <down> & \"out\"", 0);
        String page = report.toHtml();

        assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<iframe").doesNotContain("url(")
                .doesNotContain("@import").doesNotContain("http://").doesNotContain("https://")
                .doesNotContainPattern("(?i)(src|href)\\s*=");
        assertThat(page).contains("Weave &lt;down&gt; &amp; &quot;out&quot;").doesNotContain("<down>")
                .contains("class=\"status bad\"").contains("Run the same command again");
        assertThat(page).contains("&lt;nightly&gt;").doesNotContain("<nightly>");
    }

    @Test
    void aLongWindowIsDrawnPerWeekOrPerMonth() {
        TreeMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
        LocalDate first = LocalDate.parse("2024-01-03");
        for (int i = 0; i < 600; i += 3) {
            days.put(first.plusDays(i), Map.of("workflow", 2L));
        }
        String weekly = withDays(days).toHtml();
        assertThat(weekly).contains("Calls per week (from Monday) and kind")
                .contains("<title>2024-01-01 · workflow: 4</title>");

        days.put(LocalDate.parse("2033-06-30"), Map.of("message", 1L));
        String monthly = withDays(days).toHtml();
        assertThat(monthly).contains("Calls per month and kind").contains("<title>2024-01 · workflow: 20</title>")
                .contains("<title>2033-06 · message: 1</title>");
        assertThat(RECT.matcher(monthly).results().count()).isLessThanOrEqualTo(RunReportHtml.MAX_BARS);
    }

    @Test
    void aWindowWithoutCallsSaysSoInsteadOfDrawing() {
        String page = withDays(new TreeMap<>()).toHtml();
        assertThat(page).contains("No calls were delivered in this window.").doesNotContain("<svg");
    }

    @Test
    void theGridlinesAreRoundNumbers() {
        assertThat(RunReportChart.tickStep(1)).isEqualTo(1);
        assertThat(RunReportChart.tickStep(3)).isEqualTo(1);
        assertThat(RunReportChart.tickStep(5)).isEqualTo(2);
        assertThat(RunReportChart.tickStep(37)).isEqualTo(10);
        assertThat(RunReportChart.tickStep(1030)).isEqualTo(500);
        assertThat(RunReportChart.tickStep(12_345)).isEqualTo(5000);
    }

    @Test
    void theJsonHasEveryNumberAndTheFilesAreTheOwnersOnly(@TempDir Path dir) throws Exception {
        RunReport report = sample("COMPLETED", null, 1);

        ReportFiles.Written files = ReportFiles.write(report, dir.resolve("reports"));

        assertThat(files.json()).hasFileName("report-42.json");
        assertThat(files.html()).hasFileName("report-42.html");
        for (Path file : List.of(files.json(), files.html())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("reports"))))
                .isEqualTo("rwx------");
        JsonNode json = Json.MAPPER.readTree(Files.readString(files.json()));
        assertThat(json.get("job_instance_id").asLong()).isEqualTo(42);
        assertThat(json.get("execution_ids").toString()).isEqualTo("[7,9]");
        assertThat(json.get("calls").asLong()).isEqualTo(1235);
        assertThat(json.get("calls_by_kind").toString()).isEqualTo("{\"workflow\":1200,\"message\":35,\"tool\":0}");
        assertThat(json.get("calls_by_day").get(0).toString())
                .isEqualTo("{\"day\":\"2026-03-01\",\"calls\":1030,\"by_kind\":{\"workflow\":1000,\"message\":30}}");
        assertThat(json.get("dead_letters").asLong()).isEqualTo(1);
        assertThat(json.get("approximated_calls").asLong()).isEqualTo(7);
        assertThat(json.get("suggested_questions_not_reproducible").asLong()).isEqualTo(2);
        assertThat(json.get("delivery").toString()).isEqualTo("{\"requests\":9,\"retries\":1,\"bytes_sent\":3145728}");
        assertThat(json.get("window").toString())
                .isEqualTo("{\"from\":\"2026-03-01T00:00:00Z\",\"to\":\"2026-03-04T00:00:00Z\"}");
        assertThat(json.get("duration").asString()).isEqualTo("PT1M5S");
        assertThat(json.get("failure").isNull()).isTrue();

        // written again for the same instance: replaced, still owner-only
        RunReport again = sample("COMPLETED", null, 2);
        ReportFiles.write(again, dir.resolve("reports"));
        assertThat(Json.MAPPER.readTree(Files.readString(files.json())).get("dead_letters").asLong()).isEqualTo(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.json()))).isEqualTo("rw-------");
        try (var listing = Files.list(dir.resolve("reports"))) {
            assertThat(listing).hasSize(2);
        }
        assertThat(report.toHtml()).contains("class=\"status warn\"");
    }

    @Test
    void redactionRemovesASecretFromEveryFreeTextField() {
        String key = "sk-secret-0123456789";
        RunReport report = sample("FAILED", "HTTP 401 for key " + key, 0).redacted(key);
        assertThat(report.failure()).isEqualTo("HTTP 401 for key [redacted]");
        assertThat(report.toHtml()).doesNotContain(key);
        assertThat(report.toJson().toString()).doesNotContain(key);
    }

    private static RunReport sample(String status, String failure, long deadLetters) {
        TreeMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
        days.put(LocalDate.parse("2026-03-01"), ordered("workflow", 1000L, "message", 30L));
        days.put(LocalDate.parse("2026-03-03"), ordered("workflow", 200L, "message", 5L));
        Map<String, Long> kinds = ordered("workflow", 1200L, "message", 35L);
        kinds.put("tool", 0L);
        return new RunReport(42, List.of(7L, 9L), "<nightly>", status, Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-03-04T00:00:00Z"), List.of("message", "tool", "workflow"), List.of(), List.of(),
                "weave", "acme/dify-history", Instant.parse("2026-03-05T10:00:00Z"),
                Instant.parse("2026-03-05T10:01:05Z"), Duration.ofSeconds(65), 40, 1235, kinds, days, deadLetters, 3, 7,
                2, 9, 1, 3L * 1024 * 1024, failure, Instant.parse("2026-03-05T10:01:06Z"));
    }

    private static RunReport withDays(TreeMap<LocalDate, Map<String, Long>> days) {
        Map<String, Long> kinds = new LinkedHashMap<>();
        long total = 0;
        for (Map<String, Long> perKind : days.values()) {
            for (Map.Entry<String, Long> e : perKind.entrySet()) {
                kinds.merge(e.getKey(), e.getValue(), Long::sum);
                total += e.getValue();
            }
        }
        return new RunReport(1, List.of(1L), "migrate", "COMPLETED", Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2034-01-01T00:00:00Z"), List.of("message", "workflow"), List.of(), List.of(), "export",
                "dify-backfill/export", Instant.EPOCH, Instant.EPOCH, Duration.ZERO, total, total, kinds, days, 0, 0,
                0, 0, 0, 0, 0, null, Instant.EPOCH);
    }

    private static Map<String, Long> ordered(String k1, long v1, String k2, long v2) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
