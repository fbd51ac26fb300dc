package dev.difyweave.backfill.job;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.difyweave.backfill.BuildInfo;
import dev.difyweave.backfill.call.ContentMode;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.routing.ProjectRouting;
import dev.difyweave.backfill.source.SourceWindow;
import dev.difyweave.backfill.trace.Provenance;
import dev.difyweave.backfill.trace.Staleness;

/**
 * What one job instance does, and the identity of that instance: the window, the filters, the trace
 * kinds, the sink, the target project, the project routing and the content mode are identifying (no incrementer), so running the same
 * command again resumes the same instance from its checkpoint. Nothing secret is ever a parameter.
 */
public record BackfillRequest(
        Instant from,
        Instant to,
        List<UUID> appIds,
        List<UUID> tenantIds,
        List<String> kinds,
        Sink sink,
        String project,
        String exportDir,
        boolean toDefaulted,
        String label,
        String syncScope,
        ProjectRouting projectRouting,
        ContentMode content,
        Staleness staleness) {

    public static final String FROM = "window.from";
    public static final String TO = "window.to";
    public static final String APPS = "filter.apps";
    public static final String TENANTS = "filter.tenants";
    /** The call kinds asked for; {@code feedback} is not among them (see {@link #FEEDBACK_OFF}). */
    public static final String KINDS = "kinds";
    /**
     * Identifying, and only present ({@code off}) when the {@code feedback} kind was not asked for: the
     * feedback kind came in 0.3, on by default, and instances and sync scopes made before it keep their
     * identity (their {@code kinds} parameter never named it).
     */
    public static final String FEEDBACK_OFF = "feedback";
    public static final String SINK = "sink";
    public static final String PROJECT = "project";
    public static final String EXPORT_DIR = "export.dir";
    public static final String TO_DEFAULTED = "window.to.defaulted";
    public static final String LABEL = "job.label";
    public static final String SYNC_SCOPE = "sync.scope";
    /** Identifying, and only a parameter when not {@code single}, so instances made before it existed still match. */
    public static final String PROJECT_ROUTING = "project.routing";
    /** Identifying, and only present when not {@code keep}: instances from before it existed stay the same. */
    public static final String CONTENT = "content";
    /** Not identifying: when unfinished roots stop waiting ({@code --stale-after}), and as of when. */
    public static final String STALE_AFTER = "stale.after";
    public static final String STALE_AS_OF = "stale.asof";

    /** Where assembled calls go. */
    public enum Sink {
        WEAVE, EXPORT, WEAVE_AND_EXPORT, DRY_RUN;

        public boolean sends() {
            return this == WEAVE || this == WEAVE_AND_EXPORT;
        }

        public boolean exports() {
            return this == EXPORT || this == WEAVE_AND_EXPORT;
        }

        String parameter() {
            return name().toLowerCase().replace('_', '-');
        }

        static Sink ofParameter(String value) {
            return valueOf(value.toUpperCase().replace('-', '_'));
        }
    }

    /** A request that routes everything to one project and keeps the content (the defaults). */
    public BackfillRequest(Instant from, Instant to, List<UUID> appIds, List<UUID> tenantIds, List<String> kinds,
            Sink sink, String project, String exportDir, boolean toDefaulted, String label, String syncScope) {
        this(from, to, appIds, tenantIds, kinds, sink, project, exportDir, toDefaulted, label, syncScope,
                ProjectRouting.SINGLE, ContentMode.KEEP, null);
    }

    public BackfillRequest {
        staleness = staleness == null ? new Staleness(to, Staleness.DEFAULT_AFTER) : staleness;
        projectRouting = projectRouting == null ? ProjectRouting.SINGLE : projectRouting;
        content = content == null ? ContentMode.KEEP : content;
        appIds = appIds.stream().distinct().sorted().toList();
        tenantIds = tenantIds.stream().distinct().sorted().toList();
        kinds = kinds.stream().distinct().sorted().toList();
    }

    public SourceWindow window() {
        return new SourceWindow(naiveUtc(from), naiveUtc(to), appIds, tenantIds, naiveUtc(staleness.staleBefore()));
    }

    /** What every call of this request carries in {@code attributes.backfill} (C8). */
    public Provenance provenance() {
        return new Provenance(BuildInfo.NAME, BuildInfo.version(), label, content.parameter());
    }

    /** The kinds asked for. */
    public Set<TraceKind> traceKinds() {
        return TraceKind.ofCliNames(kinds);
    }

    /** Whether Dify's ratings and annotations are sent (the {@code feedback} kind). */
    public boolean feedback() {
        return kinds.contains(TraceKind.FEEDBACK.cliName());
    }

    /** The kinds asked for that are calls: all but {@code feedback}. */
    public List<String> callKinds() {
        return kinds.stream().filter(kind -> !kind.equals(TraceKind.FEEDBACK.cliName())).toList();
    }

    public JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(FROM, from.toString(), true)
                .addString(TO, to.toString(), true)
                .addString(APPS, join(appIds), true)
                .addString(TENANTS, join(tenantIds), true)
                .addString(KINDS, String.join(",", callKinds()), true)
                .addString(SINK, sink.parameter(), true)
                .addString(PROJECT, project == null ? "" : project, true)
                .addString(TO_DEFAULTED, Boolean.toString(toDefaulted), false)
                .addString(LABEL, label, false)
                .addString(STALE_AFTER, staleness.after().toString(), false)
                .addString(STALE_AS_OF, staleness.asOf().toString(), false);
        if (!feedback()) {
            builder.addString(FEEDBACK_OFF, "off", true);
        }
        if (projectRouting != ProjectRouting.SINGLE) {
            builder.addString(PROJECT_ROUTING, projectRouting.parameter(), true);
        }
        if (content != ContentMode.KEEP) {
            builder.addString(CONTENT, content.parameter(), true);
        }
        if (syncScope != null) {
            builder.addString(SYNC_SCOPE, syncScope, false);
        }
        if (exportDir != null) {
            builder.addString(EXPORT_DIR, exportDir, false);
        }
        return builder.toJobParameters();
    }

    /** The request of a step, from the job parameters Spring Batch persisted (so a restart sees the same). */
    public static BackfillRequest fromParameters(Map<String, Object> parameters) {
        String project = string(parameters, PROJECT);
        return new BackfillRequest(
                Instant.parse(string(parameters, FROM)),
                Instant.parse(string(parameters, TO)),
                uuids(string(parameters, APPS)),
                uuids(string(parameters, TENANTS)),
                kinds(parameters),
                Sink.ofParameter(string(parameters, SINK)),
                project == null || project.isEmpty() ? null : project,
                string(parameters, EXPORT_DIR),
                Boolean.parseBoolean(string(parameters, TO_DEFAULTED)),
                string(parameters, LABEL),
                string(parameters, SYNC_SCOPE),
                ProjectRouting.ofParameter(string(parameters, PROJECT_ROUTING)),
                ContentMode.of(string(parameters, CONTENT)),
                staleness(parameters));
    }

    /** The call kinds of the parameter, and {@code feedback} unless it was turned off. */
    private static List<String> kinds(Map<String, Object> parameters) {
        List<String> kinds = new java.util.ArrayList<>(split(string(parameters, KINDS)));
        if (!"off".equals(string(parameters, FEEDBACK_OFF))) {
            kinds.add(TraceKind.FEEDBACK.cliName());
        }
        return kinds;
    }

    /** Instances launched before {@code --stale-after} existed have no such parameters: the default, as of their end. */
    private static Staleness staleness(Map<String, Object> parameters) {
        String after = string(parameters, STALE_AFTER);
        String asOf = string(parameters, STALE_AS_OF);
        return after == null || asOf == null ? null : new Staleness(Instant.parse(asOf), Duration.parse(after));
    }

    public static BackfillRequest fromJobParameters(JobParameters parameters) {
        Map<String, Object> values = new java.util.HashMap<>();
        parameters.parameters().forEach(p -> values.put(p.name(), p.value()));
        return fromParameters(values);
    }

    /** Same instance apart from the end of the window: how a defaulted {@code --to} finds its unfinished run. */
    public boolean sameApartFromEnd(BackfillRequest other) {
        return from.equals(other.from) && appIds.equals(other.appIds) && tenantIds.equals(other.tenantIds)
                && kinds.equals(other.kinds) && sink == other.sink && java.util.Objects.equals(project, other.project)
                && projectRouting == other.projectRouting && content == other.content;
    }

    public BackfillRequest withTo(Instant newTo, boolean defaulted) {
        return new BackfillRequest(from, newTo, appIds, tenantIds, kinds, sink, project, exportDir, defaulted, label,
                syncScope, projectRouting, content, staleness);
    }

    public BackfillRequest asSync(String scope, Instant newFrom, Instant newTo) {
        return new BackfillRequest(newFrom, newTo, appIds, tenantIds, kinds, sink, project, exportDir, true, label, scope,
                projectRouting, content, staleness);
    }

    /** The same request, with the staleness a first execution of its window was launched with (a resume keeps it). */
    public BackfillRequest withStaleness(Staleness first) {
        return new BackfillRequest(from, to, appIds, tenantIds, kinds, sink, project, exportDir, toDefaulted, label,
                syncScope, projectRouting, content, first);
    }

    /** What a sync scope is: the job's name and everything identifying but the window. */
    public String scopeKey() {
        return label + "|" + pendingScope();
    }

    /**
     * Where the roots a window leaves unfinished are recorded ({@code backfill_pending}): everything
     * identifying but the window and the job's name, so that whatever runs next over the same filters
     * and target (the next {@code sync} after a {@code migrate}, or another {@code migrate}) sends them
     * once they are finished. Whether feedback is sent is not part of it: a sync scope (its watermark,
     * {@link #scopeKey}) stays the one it was before the feedback kind existed, whatever its kinds.
     */
    public String pendingScope() {
        return "kinds=" + String.join(",", callKinds()) + "|apps=" + join(appIds) + "|tenants=" + join(tenantIds)
                + "|sink=" + sink.parameter() + "|project=" + (project == null ? "" : project)
                + (projectRouting == ProjectRouting.SINGLE ? "" : "|routing=" + projectRouting.parameter())
                + (content == ContentMode.KEEP ? "" : "|content=" + content.parameter());
    }

    static LocalDateTime naiveUtc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String string(Map<String, Object> parameters, String name) {
        Object value = parameters.get(name);
        return value == null ? null : value.toString();
    }

    private static String join(List<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of() : Arrays.stream(csv.split(",")).map(String::trim).toList();
    }

    private static List<UUID> uuids(String csv) {
        return split(csv).stream().map(UUID::fromString).toList();
    }
}
