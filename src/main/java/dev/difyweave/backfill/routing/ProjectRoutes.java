package dev.difyweave.backfill.routing;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * The routing table of one job execution: app id to Weave target. Apps without a route (not
 * configured for Weave in Dify, {@code single} routing, unknown app) go to the default target, the
 * job's project. {@code problems} are the configurations that could not be used (their apps go to the
 * default target); {@code warnings} say what was decided on the way (e.g. an empty entity).
 */
public final class ProjectRoutes {

    /** A configured app's target, and how it was found. */
    public record Route(UUID appId, String appName, WeaveTarget target) {
    }

    private final ProjectRouting mode;
    private final WeaveTarget defaultTarget;
    private final Map<UUID, Route> routes;
    private final Map<UUID, String> names;
    private final List<TraceProblem> problems;
    private final List<String> warnings;

    public ProjectRoutes(ProjectRouting mode, WeaveTarget defaultTarget, Map<UUID, Route> routes,
            Map<UUID, String> names, List<TraceProblem> problems, List<String> warnings) {
        this.mode = mode;
        this.defaultTarget = defaultTarget;
        this.routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
    }

    /** Every app to {@code target}. */
    public static ProjectRoutes single(WeaveTarget target) {
        return single(target, Map.of());
    }

    /** Every app to {@code target}; {@code names} only label the apps in the run report. */
    public static ProjectRoutes single(WeaveTarget target, Map<UUID, String> names) {
        return new ProjectRoutes(ProjectRouting.SINGLE, target, Map.of(), names, List.of(), List.of());
    }

    public WeaveTarget target(UUID appId) {
        Route route = appId == null ? null : routes.get(appId);
        return route == null ? defaultTarget : route.target();
    }

    /** How many apps the table knows (routed or not). */
    public int appCount() {
        return names.size();
    }

    /** The app's name in Dify, {@code null} when unknown. */
    public String appName(UUID appId) {
        return appId == null ? null : names.get(appId);
    }

    public ProjectRouting mode() {
        return mode;
    }

    public WeaveTarget defaultTarget() {
        return defaultTarget;
    }

    public Collection<Route> routes() {
        return routes.values();
    }

    public List<TraceProblem> problems() {
        return problems;
    }

    public List<String> warnings() {
        return warnings;
    }
}
