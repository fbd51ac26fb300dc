package dev.difyweave.backfill.routing;

import dev.difyweave.backfill.weave.WeaveServerUrls;
import dev.difyweave.backfill.weave.WeaveHostPolicy;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * Builds the routing table of {@code --project-routing=dify} from the apps' Dify tracing settings
 * (docs/reference/dify-source.md §1.4), without I/O. An app is routed when {@code apps.tracing} is
 * {@code {"enabled": true, "tracing_provider": "weave"}} and it has a {@code trace_app_config} row for
 * Weave whose {@code tracing_config} names a {@code project}: its target is {@code entity/project}
 * on the server of {@code host}, unless {@link WeaveHostPolicy} refuses that server (then the app's
 * calls are not sent at all, and that is a problem). Tracing off, another provider or no tracing at all: the default
 * target, silently (that is what live Dify did too). A configuration that is switched on but cannot be
 * used (malformed JSON, no config row, no or a malformed project, entity or host) is a problem, and
 * the app goes to the default target. An empty entity means "the API key's default entity" in Dify;
 * the backfill cannot ask W&B for it without another API, so it takes the entity of the default
 * target (WEAVE_PROJECT) and warns.
 */
public final class DifyWeaveRoutes {

    static final String NAME = "[^/\\s]+";

    private DifyWeaveRoutes() {
    }

    /** Every routed app with the environment's key ({@code BACKFILL_DIFY_KEYS} off). */
    public static ProjectRoutes parse(List<AppTracingRow> rows, WeaveTarget defaultTarget, WeaveHostPolicy hosts) {
        return parse(rows, defaultTarget, hosts, null);
    }

    /** Decrypts a {@code tracing_config.api_key} of a tenant; {@link IllegalArgumentException} (safe to log) when it cannot. */
    public interface KeyDecrypter {
        String decrypt(UUID tenantId, String token);
    }

    /**
     * @param hosts which servers a config's {@code host} may send to ({@link WeaveHostPolicy}); when
     *              {@code WF_TRACE_SERVER_URL} is set every {@code host} is ignored, as by the Weave SDK.
     *              An app whose server the policy refuses keeps its own (refused) target: its calls are
     *              recorded as not sent, never sent elsewhere, and the refusal is a problem.
     * @param keys  with {@code BACKFILL_DIFY_KEYS}: each routed app's own API key is decrypted from its
     *              config (an app whose key cannot be had is a problem and goes to the default target);
     *              {@code null}: every target uses the environment's key
     */
    public static ProjectRoutes parse(List<AppTracingRow> rows, WeaveTarget defaultTarget, WeaveHostPolicy hosts,
            KeyDecrypter keys) {
        Map<UUID, ProjectRoutes.Route> routes = new LinkedHashMap<>();
        Map<UUID, String> names = new LinkedHashMap<>();
        List<TraceProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String fallback = "; its traces go to " + defaultTarget.projectId() + " (the job's project)";
        String defaultEntity = defaultTarget.projectId().substring(0, defaultTarget.projectId().indexOf('/'));
        for (AppTracingRow row : rows) {
            names.put(row.appId(), row.name());
            if (row.tracing() == null || row.tracing().isBlank()) {
                continue;
            }
            JsonNode tracing = object(row.tracing());
            String app = row.appId().toString();
            if (tracing == null) {
                problems.add(new TraceProblem("apps", app, "tracing", "apps.tracing is not a JSON object" + fallback));
                continue;
            }
            if (!tracing.path("enabled").isBoolean() || !tracing.path("enabled").booleanValue()
                    || !"weave".equals(text(tracing.get("tracing_provider")))) {
                continue;
            }
            if (row.configId() == null) {
                problems.add(new TraceProblem("apps", app, "tracing", "Weave tracing is enabled but there is no "
                        + "trace_app_config row for (app, 'weave')" + fallback));
                continue;
            }
            String config = row.configId().toString();
            JsonNode settings = row.tracingConfig() == null ? null : object(row.tracingConfig());
            if (settings == null) {
                problems.add(new TraceProblem("trace_app_config", config, "tracing_config",
                        "tracing_config of app " + app + " is not a JSON object" + fallback));
                continue;
            }
            String project = text(settings.get("project"));
            if (project == null || !project.trim().matches(NAME)) {
                problems.add(new TraceProblem("trace_app_config", config, "tracing_config",
                        "tracing_config.project of app " + app + (project == null || project.isBlank() ? " is missing"
                                : " is not a Weave project name (no '/' or spaces)") + fallback));
                continue;
            }
            JsonNode entityNode = settings.get("entity");
            if (entityNode != null && !entityNode.isNull() && !entityNode.isString()) {
                problems.add(new TraceProblem("trace_app_config", config, "tracing_config",
                        "tracing_config.entity of app " + app + " is not a string" + fallback));
                continue;
            }
            String entity = text(entityNode);
            if (entity == null || entity.isBlank()) {
                entity = defaultEntity;
                warnings.add("app " + app + " (" + row.name() + "): tracing_config.entity is empty (Dify uses the API "
                        + "key's default entity); using the entity of the job's project: " + entity + "/" + project.trim());
            } else if (!entity.trim().matches(NAME)) {
                problems.add(new TraceProblem("trace_app_config", config, "tracing_config",
                        "tracing_config.entity of app " + app + " is not a W&B entity name (no '/' or spaces)" + fallback));
                continue;
            }
            URI server = null;
            String host = text(settings.get("host"));
            if (host != null && !host.isBlank() && !hosts.hostsIgnored()) {
                try {
                    server = WeaveServerUrls.forHost(host);
                } catch (IllegalArgumentException e) {
                    problems.add(new TraceProblem("trace_app_config", config, "tracing_config",
                            "tracing_config.host of app " + app + ": " + e.getMessage() + fallback));
                    continue;
                }
            }
            WeaveTarget.ApiKey apiKey = null;
            if (keys != null) {
                String token = text(settings.get("api_key"));
                String reason = null;
                if (token == null || token.isBlank()) {
                    reason = "tracing_config.api_key of app " + app + " is missing";
                } else {
                    try {
                        String plain = keys.decrypt(row.tenantId(), token);
                        if (plain == null || plain.isBlank()) {
                            reason = "tracing_config.api_key of app " + app + " decrypts to an empty key";
                        } else {
                            apiKey = new WeaveTarget.ApiKey(plain.trim());
                        }
                    } catch (IllegalArgumentException e) {
                        reason = "tracing_config.api_key of app " + app + ": " + e.getMessage();
                    } catch (RuntimeException e) {
                        reason = "tracing_config.api_key of app " + app + " could not be decrypted ("
                                + e.getClass().getSimpleName() + ")";
                    }
                }
                if (reason != null) {
                    problems.add(new TraceProblem("trace_app_config", config, "tracing_config", reason + fallback));
                    continue;
                }
            }
            WeaveTarget target = new WeaveTarget(entity.trim() + "/" + project.trim(), server, apiKey);
            String refusal = hosts.refusal(server, apiKey != null);
            if (refusal != null) {
                String reason = "the calls of app " + app + " (" + row.name() + ") to " + target.projectId()
                        + " are not sent: " + refusal;
                target = target.refused(reason);
                problems.add(new TraceProblem("trace_app_config", config, "tracing_config", reason
                        + "; they are recorded in backfill_dead_letter with status 0"));
            }
            routes.put(row.appId(), new ProjectRoutes.Route(row.appId(), row.name(), target));
        }
        return new ProjectRoutes(ProjectRouting.DIFY, defaultTarget, routes, names, problems, warnings);
    }

    /** The JSON object in {@code text}, {@code null} when it is not one (no parser message: it could quote the text). */
    private static JsonNode object(String text) {
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || !node.isString() ? null : node.stringValue();
    }
}
