package dev.difyweave.backfill.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.difyweave.backfill.call.TraceKind;

/**
 * The run report as one self-contained HTML page: inline CSS, an inline SVG stacked bar chart of the
 * calls per day (per week or month when the window spans more than {@value #MAX_BARS} days) and kind,
 * and tables of the counts. No script, no font, no image, nothing fetched: it opens offline, from a
 * mail attachment or a CI artifact alike.
 */
final class RunReportHtml {

    static final int MAX_BARS = 400;

    private static final Map<String, String> COLORS = Map.of(
            TraceKind.WORKFLOW.cliName(), "#4e79a7",
            TraceKind.MESSAGE.cliName(), "#f28e2b",
            TraceKind.TOOL.cliName(), "#59a14f",
            TraceKind.DATASET_RETRIEVAL.cliName(), "#b07aa1",
            TraceKind.MODERATION.cliName(), "#e15759",
            TraceKind.GENERATE_NAME.cliName(), "#76b7b2");
    private static final String FALLBACK_COLOR = "#bab0ac";

    private static final String CSS = """
            :root { color-scheme: light; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328;
                   margin: 0 auto; padding: 24px; max-width: 1040px; background: #fff; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 16px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
            .sub { color: #59636e; margin: 0 0 16px; }
            .status { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; font-size: 13px; }
            .ok { background: #dafbe1; color: #116329; }
            .warn { background: #fff8c5; color: #7d4e00; }
            .bad { background: #ffebe9; color: #a40e26; }
            table { border-collapse: collapse; margin: 4px 0; }
            th, td { padding: 4px 12px 4px 0; text-align: left; vertical-align: top; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; padding-left: 12px; }
            table.grid th, table.grid td { border-bottom: 1px solid #eaeef2; }
            table.facts th { color: #59636e; font-weight: 500; white-space: nowrap; }
            .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0; }
            .card { border: 1px solid #d0d7de; border-radius: 8px; padding: 8px 14px; min-width: 120px; }
            .card .v { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card .k { color: #59636e; font-size: 12px; }
            .legend { display: flex; flex-wrap: wrap; gap: 14px; margin: 6px 0 0; font-size: 13px; }
            .swatch { display: inline-block; width: 11px; height: 11px; border-radius: 2px; margin-right: 5px;
                      vertical-align: -1px; }
            svg { width: 100%; height: auto; display: block; }
            svg text { font: 11px system-ui, sans-serif; fill: #59636e; }
            .failure { background: #ffebe9; border: 1px solid #ffcecb; border-radius: 6px; padding: 8px 12px; }
            details { margin-top: 12px; }
            summary { cursor: pointer; color: #0969da; }
            footer { color: #59636e; font-size: 12px; margin-top: 32px; }
            """;

    private RunReportHtml() {
    }

    static String render(RunReport r) {
        StringBuilder h = new StringBuilder(16 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Backfill report: job instance ").append(r.jobInstanceId()).append(", ")
                .append(esc(r.status())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        h.append("<h1>dify-weave-backfill run report</h1>\n<p class=\"sub\">Job instance ").append(r.jobInstanceId())
                .append(" (").append(esc(r.label())).append("), window ").append(esc(str(r.windowFrom())))
                .append(" to ").append(esc(str(r.windowTo()))).append(" &nbsp; <span class=\"status ")
                .append(statusClass(r)).append("\">").append(esc(r.status())).append("</span></p>\n");
        if (r.failure() != null) {
            h.append("<p class=\"failure\"><strong>Why it did not complete:</strong> ").append(esc(r.failure()))
                    .append("<br>Run the same command again to resume from the checkpoint.</p>\n");
        }

        h.append("<div class=\"cards\">\n");
        card(h, "calls delivered", num(r.calls()));
        card(h, "traces", num(r.traces()));
        card(h, "dead letters", num(r.deadLetters()));
        card(h, "source problems", num(r.problems()));
        card(h, "approximated calls", num(r.approximatedCalls()));
        card(h, "duration", duration(r.duration()));
        h.append("</div>\n");

        h.append("<h2>Calls per ").append(RunReportChart.unit(r)).append(" and kind</h2>\n");
        RunReportChart.render(h, r);

        h.append("<h2>Calls per kind</h2>\n<table class=\"grid\">\n<tr><th>kind</th><th class=\"n\">calls</th>")
                .append("<th class=\"n\">share</th></tr>\n");
        for (Map.Entry<String, Long> e : r.callsByKind().entrySet()) {
            h.append("<tr><td>").append(swatch(e.getKey())).append(esc(e.getKey())).append("</td><td class=\"n\">")
                    .append(num(e.getValue())).append("</td><td class=\"n\">")
                    .append(r.calls() == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * e.getValue() / r.calls()))
                    .append("</td></tr>\n");
        }
        h.append("<tr><th>all kinds</th><th class=\"n\">").append(num(r.calls())).append("</th><th></th></tr>\n</table>\n");

        if (!r.callsByApp().isEmpty()) {
            h.append("<h2>Calls per app and project</h2>\n<table class=\"grid\">\n<tr><th>app</th><th>app id</th>")
                    .append("<th>project</th><th class=\"n\">calls</th></tr>\n");
            for (RunReport.AppProject a : r.callsByApp()) {
                h.append("<tr><td>").append(esc(a.appName() == null ? "-" : a.appName())).append("</td><td>")
                        .append(esc(a.appId().isEmpty() ? "-" : a.appId())).append("</td><td>").append(esc(a.project()))
                        .append("</td><td class=\"n\">").append(num(a.calls())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        if (!r.feedback().isEmpty()) {
            h.append("<h2>Feedback</h2>\n<p>Dify's ratings and annotations as Weave feedback on the message calls: ")
                    .append("created the first time (exported, or would send in a dry run, when not sent to Weave), ")
                    .append("replaced when the Dify row changed, purged when it was deleted, ")
                    .append("repaired when Weave held it twice, waiting while the message's call is not in Weave, ")
                    .append("unlinked: annotations without a message (reported, never sent).</p>\n")
                    .append("<table class=\"grid\">\n<tr><th>type</th>");
            List<String> outcomes = r.feedback().values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted()
                    .toList();
            outcomes.forEach(o -> h.append("<th class=\"n\">").append(esc(o.replace('_', ' '))).append("</th>"));
            h.append("</tr>\n");
            r.feedback().forEach((type, counts) -> {
                h.append("<tr><td>").append(esc(type)).append("</td>");
                outcomes.forEach(o -> h.append("<td class=\"n\">").append(num(counts.getOrDefault(o, 0L))).append("</td>"));
                h.append("</tr>\n");
            });
            h.append("</table>\n");
        }

        h.append("<h2>Counts</h2>\n<table class=\"grid\">\n");
        row(h, "traces (root rows written)", num(r.traces()));
        row(h, "calls delivered", num(r.calls()));
        row(h, "dead letters (see backfill_dead_letter)", num(r.deadLetters()));
        row(h, "source problems (see backfill_problem)", num(r.problems()));
        row(h, "calls with approximated fields", num(r.approximatedCalls()));
        row(h, "messages whose suggested questions cannot be reproduced (C11)", num(r.suggestedQuestionsNotReproducible()));
        row(h, "roots not finished yet in Dify (sent by a later run once finished, C15)", num(r.unfinishedRoots()));
        row(h, "requests to Weave", num(r.requests()));
        row(h, "retries", num(r.retries()));
        row(h, "bytes sent", num(r.bytesSent()) + (r.bytesSent() >= 1024 ? " (" + bytes(r.bytesSent()) + ")" : ""));
        h.append("</table>\n");

        h.append("<h2>Run</h2>\n<table class=\"facts\">\n");
        fact(h, "status", r.status());
        fact(h, "window", str(r.windowFrom()) + " to " + str(r.windowTo()) + " (end exclusive)");
        fact(h, "kinds", String.join(", ", r.kinds()));
        fact(h, "apps", r.apps().isEmpty() ? "all" : String.join(", ", r.apps()));
        fact(h, "tenants", r.tenants().isEmpty() ? "all" : String.join(", ", r.tenants()));
        fact(h, "sink", r.sink());
        fact(h, "project", (r.project() == null ? "-" : r.project()) + ("dify".equals(r.projectRouting())
                ? " (apps with Weave tracing configured in Dify: their own project, see above)" : ""));
        fact(h, "job", r.label());
        fact(h, "executions", r.executionIds().stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("-"));
        fact(h, "started", str(r.startedAt()));
        fact(h, "ended", str(r.endedAt()));
        fact(h, "duration", duration(r.duration()) + " (time the executions ran)");
        h.append("</table>\n");

        dayTable(h, r);
        h.append("<footer>Generated ").append(esc(str(r.generatedAt()))).append(" by dify-weave-backfill. ")
                .append("Days are UTC days of each call's started_at.</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void dayTable(StringBuilder h, RunReport r) {
        if (r.callsByDay().isEmpty()) {
            return;
        }
        List<String> kinds = new ArrayList<>();
        r.callsByKind().forEach((kind, n) -> {
            if (n > 0) {
                kinds.add(kind);
            }
        });
        h.append("<details>\n<summary>Calls per day and kind (").append(num(r.callsByDay().size()))
                .append(r.callsByDay().size() == 1 ? " day" : " days").append(" with calls)</summary>\n")
                .append("<table class=\"grid\">\n<tr><th>day (UTC)</th>");
        kinds.forEach(k -> h.append("<th class=\"n\">").append(esc(k)).append("</th>"));
        h.append("<th class=\"n\">all</th></tr>\n");
        r.callsByDay().forEach((day, perKind) -> {
            h.append("<tr><td>").append(day).append("</td>");
            kinds.forEach(k -> h.append("<td class=\"n\">").append(num(perKind.getOrDefault(k, 0L))).append("</td>"));
            h.append("<td class=\"n\">").append(num(perKind.values().stream().mapToLong(Long::longValue).sum()))
                    .append("</td></tr>\n");
        });
        h.append("</table>\n</details>\n");
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static void card(StringBuilder h, String key, String value) {
        h.append("<div class=\"card\"><div class=\"v\">").append(esc(value)).append("</div><div class=\"k\">")
                .append(esc(key)).append("</div></div>\n");
    }

    private static void row(StringBuilder h, String key, String value) {
        h.append("<tr><td>").append(esc(key)).append("</td><td class=\"n\">").append(esc(value)).append("</td></tr>\n");
    }

    private static void fact(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    static String swatch(String kind) {
        return "<span class=\"swatch\" style=\"background:" + color(kind) + "\"></span>";
    }

    static String color(String kind) {
        return COLORS.getOrDefault(kind, FALLBACK_COLOR);
    }

    private static String statusClass(RunReport r) {
        if (!"COMPLETED".equals(r.status())) {
            return "bad";
        }
        return r.deadLetters() > 0 ? "warn" : "ok";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String str(Instant instant) {
        return instant == null ? "-" : instant.toString();
    }

    static String num(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String duration(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private static String bytes(long n) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
