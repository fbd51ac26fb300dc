package dev.difyweave.backfill.report;

import java.util.List;

import dev.difyweave.backfill.call.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The run report as JSON: what {@code report-<job instance id>.json} holds (its keys are a contract for scripts). */
final class RunReportJson {

    private RunReportJson() {
    }

    static ObjectNode render(RunReport r) {
        ObjectNode root = Json.NODES.objectNode();
        root.put("report", "dify-weave-backfill run report");
        root.put("job_instance_id", r.jobInstanceId());
        ArrayNode executions = root.putArray("execution_ids");
        r.executionIds().forEach(executions::add);
        root.put("label", r.label());
        root.put("status", r.status());
        ObjectNode window = root.putObject("window");
        window.put("from", r.windowFrom().toString());
        window.put("to", r.windowTo().toString());
        strings(root.putArray("kinds"), r.kinds());
        strings(root.putArray("apps"), r.apps());
        strings(root.putArray("tenants"), r.tenants());
        root.put("sink", r.sink());
        root.put("project", r.project());
        root.put("started_at", r.startedAt() == null ? null : r.startedAt().toString());
        root.put("ended_at", r.endedAt() == null ? null : r.endedAt().toString());
        root.put("duration", r.duration().toString());
        root.put("duration_seconds", r.duration().toMillis() / 1000.0);
        root.put("traces", r.traces());
        root.put("calls", r.calls());
        ObjectNode perKind = root.putObject("calls_by_kind");
        r.callsByKind().forEach(perKind::put);
        ArrayNode perDay = root.putArray("calls_by_day");
        r.callsByDay().forEach((day, counts) -> {
            ObjectNode row = perDay.addObject();
            row.put("day", day.toString());
            row.put("calls", counts.values().stream().mapToLong(Long::longValue).sum());
            ObjectNode k = row.putObject("by_kind");
            counts.forEach(k::put);
        });
        root.put("dead_letters", r.deadLetters());
        root.put("problems", r.problems());
        root.put("approximated_calls", r.approximatedCalls());
        root.put("suggested_questions_not_reproducible", r.suggestedQuestionsNotReproducible());
        root.put("unfinished_roots", r.unfinishedRoots());
        ObjectNode delivery = root.putObject("delivery");
        delivery.put("requests", r.requests());
        delivery.put("retries", r.retries());
        delivery.put("bytes_sent", r.bytesSent());
        root.put("project_routing", r.projectRouting());
        ArrayNode perApp = root.putArray("calls_by_app");
        for (RunReport.AppProject a : r.callsByApp()) {
            ObjectNode row = perApp.addObject();
            row.put("app_id", a.appId());
            row.put("app_name", a.appName());
            row.put("project", a.project());
            row.put("calls", a.calls());
        }
        ObjectNode perType = root.putObject("feedback");
        r.feedback().forEach((type, outcomes) -> {
            ObjectNode row = perType.putObject(type);
            outcomes.forEach(row::put);
        });
        root.put("failure", r.failure());
        root.put("generated_at", r.generatedAt().toString());
        return root;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
