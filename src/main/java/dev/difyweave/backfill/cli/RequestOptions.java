package dev.difyweave.backfill.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.config.Tuning;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.BackfillRequest.Sink;
import dev.difyweave.backfill.routing.ProjectRouting;
import dev.difyweave.backfill.trace.Staleness;
import dev.difyweave.backfill.call.ContentMode;
import dev.difyweave.backfill.call.TraceKind;

/** The options of cli.md shared by every command that reads Dify, turned into a {@link BackfillRequest}. */
public final class RequestOptions {

    /** Where a window starts when {@code --from} is not given: before any Dify row can exist. */
    public static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");

    /** The project id written into exported bodies when WEAVE_PROJECT is unset. */
    public static final String EXPORT_PROJECT = "dify-backfill/export";

    private static final Duration DEFAULT_SAFETY_LAG = Duration.ofMinutes(10);

    private RequestOptions() {
    }

    static BackfillRequest toRequest(WindowOptions w, Sink sink, String exportDir, String projectRouting,
            BackfillSettings settings, String label, Instant now) {
        Instant from = w.from != null ? w.from : BEGINNING;
        Duration lag = w.safetyLag != null ? w.safetyLag : DEFAULT_SAFETY_LAG;
        boolean toDefaulted = w.to == null;
        Instant to = toDefaulted ? now.minus(lag) : w.to;
        if (!from.isBefore(to)) {
            throw new UsageException("--from (" + from + ") must be before --to (" + to + ")");
        }
        List<String> kinds = w.kinds != null ? w.kinds : TraceKind.cliNames();
        try {
            TraceKind.ofCliNames(kinds);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kinds: " + e.getMessage());
        }
        String project = w.project != null ? w.project : settings.weave().project();
        if (project != null && !project.matches("[^/\\s]+/[^/\\s]+")) {
            throw new UsageException("--project must be entity/project, got '" + project + "'");
        }
        if (project == null && !sink.sends()) {
            project = EXPORT_PROJECT;
        }
        if (sink.sends() && project == null) {
            throw new ConfigurationException("WEAVE_PROJECT is not set (nor --project): give the target as entity/project");
        }
        ProjectRouting routing = ProjectRouting.ofParameter(projectRouting);
        if (routing == null) {
            throw new UsageException("--project-routing must be single or dify, got '" + projectRouting + "'");
        }
        return new BackfillRequest(from, to, w.apps(), w.tenants(), kinds, sink, sink == Sink.DRY_RUN ? null : project,
                exportDir, toDefaulted, label, null, routing, content(w.content),
                new Staleness(now, w.staleAfter != null ? w.staleAfter : Staleness.DEFAULT_AFTER));
    }

    /** The settings with the sizes a command line or job definition overrides ({@code null}: not given). */
    static BackfillSettings settingsFor(BackfillSettings settings, Integer chunkSize, ThroughputOptions sizes,
            Integer maxRowsPerSecond) {
        Tuning t = settings.tuning();
        return settings.withTuning(new Tuning(
                chunkSize != null ? chunkSize : t.chunkSize(),
                sizes.batchBytes != null ? sizes.batchBytes : t.batchBytes(),
                sizes.batchCalls != null ? sizes.batchCalls : t.batchCalls(),
                t.maxCallBytes(), t.connectTimeout(), t.readTimeout(), t.retry(),
                sizes.partitions != null ? sizes.partitions : t.partitions(),
                maxRowsPerSecond != null ? maxRowsPerSecond : t.maxRowsPerSecond(),
                t.difyStatementTimeout()));
    }

    private static ContentMode content(String value) {
        try {
            return ContentMode.of(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--content: " + e.getMessage());
        }
    }
}
