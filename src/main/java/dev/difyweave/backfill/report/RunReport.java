package dev.difyweave.backfill.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.node.ObjectNode;

import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.job.BackfillJobConfiguration;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.CountedSteps;
import dev.difyweave.backfill.job.RecordPendingTasklet;
import dev.difyweave.backfill.job.TraceItemWriter;
import dev.difyweave.backfill.state.FeedbackLedger;
import dev.difyweave.backfill.state.ReportCounts;
import dev.difyweave.backfill.trace.AssembledTrace;

/**
 * What a backfill window did, over every execution of its job instance (a window resumed three times
 * has one report covering all of it): calls per kind and per UTC day and kind (from
 * {@code backfill_daily_calls}), traces, dead letters and source problems (rows of
 * {@code backfill_dead_letter} and {@code backfill_problem}), approximated calls, messages whose
 * suggested questions cannot be reproduced, and what went over the wire (requests, retries, bytes),
 * with the window, kinds, sink, project, status and duration, and which app went to which project
 * ({@code backfill_app_calls}; with {@code --project-routing=dify} apps go to their own projects). Nothing secret is in it: the API key is
 * never a job parameter nor part of the state store, and {@link #redacted} scrubs free text once more.
 *
 * @param duration the time the executions ran, added up (waits between a failure and the resume excluded)
 * @param failure  one line on why the last execution did not complete; {@code null} when it did
 */
public record RunReport(
        long jobInstanceId,
        List<Long> executionIds,
        String label,
        String status,
        Instant windowFrom,
        Instant windowTo,
        List<String> kinds,
        List<String> apps,
        List<String> tenants,
        String sink,
        String project,
        Instant startedAt,
        Instant endedAt,
        Duration duration,
        long traces,
        long calls,
        Map<String, Long> callsByKind,
        SortedMap<LocalDate, Map<String, Long>> callsByDay,
        long deadLetters,
        long problems,
        long approximatedCalls,
        long suggestedQuestionsNotReproducible,
        long requests,
        long retries,
        long bytesSent,
        String failure,
        Instant generatedAt,
        String projectRouting,
        List<AppProject> callsByApp,
        long unfinishedRoots,
        Map<String, Map<String, Long>> feedback) {

    /** Which app went where: delivered calls of one app ({@code appId} "" when not known) in one project. */
    public record AppProject(String appId, String appName, String project, long calls) {
    }

    /** Step context key of the messages whose app had suggested questions on (C11). */
    public static final String SUGGESTED_QUESTIONS_KEY =
            TraceItemWriter.NOTE_PREFIX + AssembledTrace.SUGGESTED_QUESTIONS_NOT_REPRODUCIBLE;

    public RunReport(long jobInstanceId, List<Long> executionIds, String label, String status, Instant windowFrom,
            Instant windowTo, List<String> kinds, List<String> apps, List<String> tenants, String sink, String project,
            Instant startedAt, Instant endedAt, Duration duration, long traces, long calls, Map<String, Long> callsByKind,
            SortedMap<LocalDate, Map<String, Long>> callsByDay, long deadLetters, long problems, long approximatedCalls,
            long suggestedQuestionsNotReproducible, long requests, long retries, long bytesSent, String failure,
            Instant generatedAt) {
        this(jobInstanceId, executionIds, label, status, windowFrom, windowTo, kinds, apps, tenants, sink, project,
                startedAt, endedAt, duration, traces, calls, callsByKind, callsByDay, deadLetters, problems,
                approximatedCalls, suggestedQuestionsNotReproducible, requests, retries, bytesSent, failure, generatedAt,
                "single", List.of(), 0, Map.of());
    }

    public RunReport {
        Map<String, Map<String, Long>> byType = new TreeMap<>();
        feedback.forEach((type, outcomes) -> byType.put(type, Collections.unmodifiableMap(new TreeMap<>(outcomes))));
        feedback = Collections.unmodifiableMap(byType);
        callsByApp = List.copyOf(callsByApp);
        executionIds = List.copyOf(executionIds);
        kinds = List.copyOf(kinds);
        apps = List.copyOf(apps);
        tenants = List.copyOf(tenants);
        callsByKind = Collections.unmodifiableMap(new LinkedHashMap<>(callsByKind));
        TreeMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
        callsByDay.forEach((day, perKind) -> days.put(day, Collections.unmodifiableMap(new LinkedHashMap<>(perKind))));
        callsByDay = Collections.unmodifiableSortedMap(days);
    }

    /**
     * The report of the job instance of {@code finished}, from the job repository (every execution of
     * the instance, with its step executions) and the state store's tables.
     */
    public static RunReport of(JobExecution finished, JobRepository repository, JdbcTemplate state, Clock clock) {
        List<JobExecution> executions = new ArrayList<>(repository.getJobExecutions(finished.getJobInstance()));
        if (executions.stream().noneMatch(e -> e.getId() == finished.getId())) {
            executions.add(finished);
        }
        executions.sort(Comparator.comparingLong(JobExecution::getId));
        List<Long> ids = executions.stream().map(JobExecution::getId).toList();
        ReportCounts counts = new ReportCounts(state, ids);

        long traces = 0;
        // Counters in a step's context are carried over when a failed step is restarted, so the newest
        // execution of each step holds that step's total for the whole window.
        Map<String, StepExecution> newestPerStep = new HashMap<>();
        for (JobExecution execution : executions) {
            for (StepExecution step : CountedSteps.of(execution)) {
                traces += step.getWriteCount();
                newestPerStep.merge(step.getStepName(), step, (a, b) -> a.getId() >= b.getId() ? a : b);
            }
        }
        long approximated = sum(newestPerStep, TraceItemWriter.APPROXIMATED);
        long suggested = sum(newestPerStep, SUGGESTED_QUESTIONS_KEY);
        long requests = sum(newestPerStep, DeliveryStatsRecorder.REQUESTS);
        long retries = sum(newestPerStep, DeliveryStatsRecorder.RETRIES);
        long bytes = sum(newestPerStep, DeliveryStatsRecorder.BYTES_SENT);

        BackfillRequest request = BackfillRequest.fromJobParameters(finished.getJobParameters());
        SortedMap<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
        Map<String, Long> byKind = new LinkedHashMap<>();
        request.callKinds().stream().sorted(Comparator.comparingInt(TraceKind::reportOrder)).forEach(k -> byKind.put(k, 0L));
        long calls = 0;
        for (ReportCounts.DailyRow row : counts.daily()) {
            byDay.computeIfAbsent(row.day(), d -> new LinkedHashMap<>()).merge(row.kind(), row.calls(), Long::sum);
            byKind.merge(row.kind(), row.calls(), Long::sum);
            calls += row.calls();
        }
        byDay.replaceAll((day, perKind) -> ordered(perKind));

        JobExecution last = executions.get(executions.size() - 1);
        Instant started = executions.stream().map(JobExecution::getStartTime).filter(Objects::nonNull)
                .map(RunReport::instant).min(Comparator.naturalOrder()).orElse(null);
        Instant ended = last.getEndTime() == null ? null : instant(last.getEndTime());
        Duration duration = Duration.ZERO;
        for (JobExecution execution : executions) {
            if (execution.getStartTime() != null) {
                Instant end = execution.getEndTime() != null ? instant(execution.getEndTime()) : clock.instant();
                duration = duration.plus(Duration.between(instant(execution.getStartTime()), end));
            }
        }
        String status = last.getStatus().name();
        return new RunReport(finished.getJobInstanceId(), ids, request.label(), status, request.from(), request.to(),
                request.kinds(), request.appIds().stream().map(Object::toString).toList(),
                request.tenantIds().stream().map(Object::toString).toList(),
                request.sink().name().toLowerCase().replace('_', '-'), request.project(), started, ended, duration,
                traces, calls, ordered(byKind), byDay, counts.deadLetters(),
                counts.problems(), approximated, suggested, requests, retries, bytes,
                "COMPLETED".equals(status) ? null : failure(last.getId() == finished.getId() ? finished : last),
                clock.instant(), request.projectRouting().parameter(), counts.apps().stream()
                        .map(a -> new AppProject(a.appId(), a.appName(), a.project(), a.calls())).toList(),
                unfinishedRoots(executions), feedback(new FeedbackLedger(state).counts(ids)));
    }

    /** Per Weave feedback type, how many had each outcome (created, replaced, purged, ...). */
    private static Map<String, Map<String, Long>> feedback(List<FeedbackLedger.Count> counts) {
        Map<String, Map<String, Long>> byType = new TreeMap<>();
        counts.forEach(c -> byType.computeIfAbsent(c.feedbackType(), t -> new TreeMap<>()).put(c.outcome(), c.count()));
        return byType;
    }

    /** How many feedback of this type had this outcome. */
    public long feedback(String feedbackType, String outcome) {
        return feedback.getOrDefault(feedbackType, Map.of()).getOrDefault(outcome, 0L);
    }

    /**
     * The roots the window left unfinished (recorded as pending, sent by a later run once finished or
     * stale): what the newest execution that got to its last step counted there.
     */
    private static long unfinishedRoots(List<JobExecution> executions) {
        for (int i = executions.size() - 1; i >= 0; i--) {
            for (StepExecution step : executions.get(i).getStepExecutions()) {
                if (step.getStepName().equals(BackfillJobConfiguration.RECORD_PENDING_STEP)
                        && step.getExecutionContext().containsKey(RecordPendingTasklet.RECORDED)) {
                    return step.getExecutionContext().getLong(RecordPendingTasklet.RECORDED);
                }
            }
        }
        return 0;
    }

    /** This report with every occurrence of {@code secret} in its free text replaced (defence in depth). */
    public RunReport redacted(String secret) {
        if (secret == null || secret.isEmpty()) {
            return this;
        }
        return new RunReport(jobInstanceId, executionIds, scrub(label, secret), status, windowFrom, windowTo, kinds,
                apps, tenants, sink, scrub(project, secret), startedAt, endedAt, duration, traces, calls, callsByKind,
                callsByDay, deadLetters, problems, approximatedCalls, suggestedQuestionsNotReproducible, requests,
                retries, bytesSent, scrub(failure, secret), generatedAt, projectRouting,
                callsByApp.stream().map(a -> new AppProject(a.appId(), scrub(a.appName(), secret), scrub(a.project(), secret),
                        a.calls())).toList(), unfinishedRoots, feedback);
    }

    /** The sum of the per-day counts of one kind. */
    public long calls(String kind) {
        return callsByKind.getOrDefault(kind, 0L);
    }

    /** The report as JSON ({@link RunReportJson}): what {@code report-<id>.json} holds. */
    public ObjectNode toJson() {
        return RunReportJson.render(this);
    }

    public String toHtml() {
        return RunReportHtml.render(this);
    }

    /** Writes {@link #toJson()} to {@code file}, readable by its owner only. */
    public Path writeJson(Path file) {
        byte[] body = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
        return ReportFiles.writePrivate(file, body);
    }

    /** Writes the self-contained HTML page to {@code file}, readable by its owner only. */
    public Path writeHtml(Path file) {
        return ReportFiles.writePrivate(file, toHtml().getBytes(StandardCharsets.UTF_8));
    }

    private static long sum(Map<String, StepExecution> steps, String key) {
        long total = 0;
        for (StepExecution step : steps.values()) {
            Object value = step.getExecutionContext().get(key);
            if (value instanceof Number number) {
                total += number.longValue();
            }
        }
        return total;
    }

    private static Map<String, Long> ordered(Map<String, Long> perKind) {
        Map<String, Long> out = new LinkedHashMap<>();
        perKind.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Long> e) -> TraceKind.reportOrder(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Spring Batch stores its times as local date-times of the JVM's zone. */
    private static Instant instant(LocalDateTime time) {
        return time.atZone(ZoneId.systemDefault()).toInstant();
    }

    private static String failure(JobExecution execution) {
        for (Throwable failure : CountedSteps.failures(execution)) {
            String line = oneLine(failure);
            if (line != null) {
                return line;
            }
        }
        String description = execution.getExitStatus().getExitDescription();
        if (description != null && !description.isBlank()) {
            return flatten(description.lines().findFirst().orElse(description));
        }
        return execution.getStatus().name();
    }

    /** The deepest message of an exception chain that says something, on one line. */
    private static String oneLine(Throwable e) {
        String found = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                found = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return found == null ? null : flatten(found);
    }

    private static String flatten(String text) {
        String line = text.replaceAll("\\s+", " ").trim();
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    private static String scrub(String text, String secret) {
        return text == null ? null : text.replace(secret, "[redacted]");
    }

}
