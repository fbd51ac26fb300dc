package dev.difyweave.backfill.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

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

    public static final Set<String> NAMES = Set.of("from", "to", "app", "tenant", "kinds", "safety-lag", "stale-after", "dry-run",
            "export-dir", "also-send", "project", "project-routing", "chunk-size", "batch-calls", "batch-bytes", "partitions", "max-rows-per-second",
            "remote", "job", "report-dir", "content", "help");

    /** Where a window starts when {@code --from} is not given: before any Dify row can exist. */
    public static final Instant BEGINNING = Instant.parse("2000-01-01T00:00:00Z");

    /** The project id written into exported bodies when WEAVE_PROJECT is unset. */
    public static final String EXPORT_PROJECT = "dify-backfill/export";

    private RequestOptions() {
    }

    public static BackfillRequest toRequest(CliArguments args, BackfillSettings settings, String label, Instant now) {
        Instant from = args.has("from") ? instant("from", args.value("from")) : BEGINNING;
        Duration lag = args.has("safety-lag") ? duration("safety-lag", args.value("safety-lag")) : Duration.ofMinutes(10);
        boolean toDefaulted = !args.has("to");
        Instant to = toDefaulted ? now.minus(lag) : instant("to", args.value("to"));
        if (!from.isBefore(to)) {
            throw new UsageException("--from (" + from + ") must be before --to (" + to + ")");
        }
        List<String> kinds = args.has("kinds") ? args.values("kinds") : TraceKind.cliNames();
        try {
            TraceKind.ofCliNames(kinds);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--kinds: " + e.getMessage());
        }
        Sink sink = sink(args);
        String project = args.has("project") ? args.value("project") : settings.weave().project();
        if (project != null && !project.matches("[^/\\s]+/[^/\\s]+")) {
            throw new UsageException("--project must be entity/project, got '" + project + "'");
        }
        if (project == null && !sink.sends()) {
            project = EXPORT_PROJECT;
        }
        if (sink.sends() && project == null) {
            throw new ConfigurationException("WEAVE_PROJECT is not set (nor --project): give the target as entity/project");
        }
        ProjectRouting routing = ProjectRouting.ofParameter(args.has("project-routing") ? args.value("project-routing") : null);
        if (routing == null) {
            throw new UsageException("--project-routing must be single or dify, got '" + args.value("project-routing") + "'");
        }
        return new BackfillRequest(from, to, uuids(args, "app"), uuids(args, "tenant"), kinds, sink,
                sink == Sink.DRY_RUN ? null : project, args.has("export-dir") ? args.value("export-dir") : null,
                toDefaulted, label, null, routing, content(args), new Staleness(now, args.has("stale-after")
                        ? duration("stale-after", args.value("stale-after")) : Staleness.DEFAULT_AFTER));
    }

    /** The settings with the sizes a command line or job definition overrides. */
    public static BackfillSettings settingsFor(CliArguments args, BackfillSettings settings) {
        Tuning t = settings.tuning();
        return settings.withTuning(new Tuning(
                args.has("chunk-size") ? positive(args, "chunk-size", 10_000) : t.chunkSize(),
                args.has("batch-bytes") ? positive(args, "batch-bytes", 31 * 1024 * 1024) : t.batchBytes(),
                args.has("batch-calls") ? positive(args, "batch-calls", 100_000) : t.batchCalls(),
                t.maxCallBytes(), t.connectTimeout(), t.readTimeout(), t.retry(),
                args.has("partitions") ? positive(args, "partitions", 64) : t.partitions(),
                args.has("max-rows-per-second") ? positive(args, "max-rows-per-second", 10_000_000) : t.maxRowsPerSecond(),
                t.difyStatementTimeout()));
    }

    private static int positive(CliArguments args, String option, int max) {
        try {
            int value = Integer.parseInt(args.value(option));
            if (value < 1 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option + " must be a number from 1 to " + max + ", got '" + args.value(option) + "'");
        }
    }

    private static ContentMode content(CliArguments args) {
        try {
            return args.has("content") ? ContentMode.of(args.value("content")) : ContentMode.KEEP;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--content: " + e.getMessage());
        }
    }

    private static Sink sink(CliArguments args) {
        boolean dryRun = args.flag("dry-run");
        boolean export = args.has("export-dir");
        boolean alsoSend = args.flag("also-send");
        if (dryRun && (export || alsoSend)) {
            throw new UsageException("--dry-run sends and writes nothing; it cannot be combined with --export-dir or --also-send");
        }
        if (alsoSend && !export) {
            throw new UsageException("--also-send only makes sense with --export-dir");
        }
        if (dryRun) {
            return Sink.DRY_RUN;
        }
        if (export) {
            return alsoSend ? Sink.WEAVE_AND_EXPORT : Sink.EXPORT;
        }
        return Sink.WEAVE;
    }

    /** ISO-8601 instant, offset date-time, local date-time (UTC) or date (UTC midnight). */
    static Instant instant(String option, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    throw new UsageException("--" + option + " must be an ISO-8601 date-time such as 2025-06-01T00:00:00Z, got '"
                            + value + "'");
                }
            }
        }
    }

    static Duration duration(String option, String value) {
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw new UsageException("--" + option + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UsageException("--" + option + " must be an ISO-8601 duration such as PT10M, got '" + value + "'");
        }
    }

    private static List<UUID> uuids(CliArguments args, String option) {
        return args.values(option).stream().map(v -> {
            try {
                return UUID.fromString(v);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--" + option + " must be a UUID, got '" + v + "'");
            }
        }).toList();
    }
}
