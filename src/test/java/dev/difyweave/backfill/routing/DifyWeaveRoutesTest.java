package dev.difyweave.backfill.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.trace.TraceProblem;
import dev.difyweave.backfill.weave.WeaveTarget;

/** The routing table of --project-routing=dify from apps.tracing and trace_app_config rows. */
class DifyWeaveRoutesTest {

    private static final WeaveTarget DEFAULT = WeaveTarget.of("acme/dify-history");
    private static final String ON = "{\"enabled\": true, \"tracing_provider\": \"weave\"}";
    private static final UUID TENANT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");

    private static int next;

    private static AppTracingRow app(String tracing, String config) {
        next++;
        return new AppTracingRow(new UUID(1, next), TENANT, "app " + next, tracing,
                config == null ? null : new UUID(2, next), config);
    }

    private static String config(String entity, String project, String host) {
        return "{\"api_key\": \"c2VjcmV0\", \"entity\": " + json(entity) + ", \"project\": " + json(project)
                + ", \"endpoint\": \"https://trace.wandb.ai\", \"host\": " + json(host) + "}";
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    private static ProjectRoutes parse(AppTracingRow... rows) {
        return DifyWeaveRoutes.parse(List.of(rows), DEFAULT, null);
    }

    @Test
    void anAppWithWeaveTracingOnGoesToItsEntityAndProjectOnTheDefaultServer() {
        AppTracingRow row = app(ON, config("team-a", "support-bot", ""));

        ProjectRoutes routes = parse(row);

        assertThat(routes.target(row.appId())).isEqualTo(new WeaveTarget("team-a/support-bot", null, null));
        assertThat(routes.appName(row.appId())).isEqualTo(row.name());
        assertThat(routes.problems()).isEmpty();
        assertThat(routes.warnings()).isEmpty();
        assertThat(routes.routes()).hasSize(1);
    }

    @Test
    void tracingOffAnotherProviderOrNoTracingGoToTheDefaultWithoutAProblem() {
        AppTracingRow off = app("{\"enabled\": false, \"tracing_provider\": \"weave\"}", config("t", "p", null));
        AppTracingRow langfuse = app("{\"enabled\": true, \"tracing_provider\": \"langfuse\"}", config("t", "p", null));
        AppTracingRow none = app(null, null);
        AppTracingRow providerNull = app("{\"enabled\": true, \"tracing_provider\": null}", null);
        AppTracingRow enabledString = app("{\"enabled\": \"yes\", \"tracing_provider\": \"weave\"}", config("t", "p", null));

        ProjectRoutes routes = parse(off, langfuse, none, providerNull, enabledString);

        for (AppTracingRow row : List.of(off, langfuse, none, providerNull, enabledString)) {
            assertThat(routes.target(row.appId())).as(row.tracing()).isEqualTo(DEFAULT);
        }
        assertThat(routes.routes()).isEmpty();
        assertThat(routes.problems()).isEmpty();
        assertThat(routes.target(UUID.randomUUID())).as("an app Dify does not have").isEqualTo(DEFAULT);
        assertThat(routes.target(null)).isEqualTo(DEFAULT);
    }

    @Test
    void weaveOnWithoutAConfigRowIsAProblemAndGoesToTheDefault() {
        AppTracingRow row = app(ON, null);

        ProjectRoutes routes = parse(row);

        assertThat(routes.target(row.appId())).isEqualTo(DEFAULT);
        assertThat(routes.problems()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("apps");
            assertThat(p.key()).isEqualTo(row.appId().toString());
            assertThat(p.column()).isEqualTo("tracing");
            assertThat(p.reason()).contains("no trace_app_config row").contains("acme/dify-history");
        });
    }

    @Test
    void malformedJsonIsAProblemNamingTheColumnAndNeverQuotesTheConfig() {
        AppTracingRow badTracing = app("{\"enabled\": true, ", null);
        AppTracingRow tracingArray = app("[true, \"weave\"]", null);
        AppTracingRow badConfig = app(ON, "{\"api_key\": \"SECRET-CIPHERTEXT\", \"project\": ");
        AppTracingRow configString = app(ON, "\"just a string\"");

        ProjectRoutes routes = parse(badTracing, tracingArray, badConfig, configString);

        assertThat(routes.routes()).isEmpty();
        assertThat(routes.problems()).extracting(TraceProblem::sourceKey).containsExactly(
                "apps:" + badTracing.appId(), "apps:" + tracingArray.appId(),
                "trace_app_config:" + badConfig.configId(), "trace_app_config:" + configString.configId());
        assertThat(routes.problems()).extracting(TraceProblem::reason).allSatisfy(reason -> {
            assertThat(reason).contains("not a JSON object").contains("its traces go to acme/dify-history");
            assertThat(reason).doesNotContain("SECRET-CIPHERTEXT");
        });
        for (AppTracingRow row : List.of(badTracing, tracingArray, badConfig, configString)) {
            assertThat(routes.target(row.appId())).isEqualTo(DEFAULT);
        }
    }

    @Test
    void aMissingOrMalformedProjectOrEntityIsAProblem() {
        AppTracingRow noProject = app(ON, config("team", null, null));
        AppTracingRow blankProject = app(ON, config("team", "  ", null));
        AppTracingRow slashProject = app(ON, config("team", "a/b", null));
        AppTracingRow slashEntity = app(ON, config("te/am", "p", null));
        AppTracingRow numberEntity = app(ON, "{\"entity\": 7, \"project\": \"p\"}");

        ProjectRoutes routes = parse(noProject, blankProject, slashProject, slashEntity, numberEntity);

        assertThat(routes.routes()).isEmpty();
        assertThat(routes.problems()).extracting(TraceProblem::reason).satisfiesExactly(
                r -> assertThat(r).contains("tracing_config.project").contains("is missing"),
                r -> assertThat(r).contains("tracing_config.project").contains("is missing"),
                r -> assertThat(r).contains("tracing_config.project").contains("not a Weave project name"),
                r -> assertThat(r).contains("tracing_config.entity").contains("not a W&B entity name"),
                r -> assertThat(r).contains("tracing_config.entity").contains("not a string"));
    }

    @Test
    void anEmptyEntityTakesTheEntityOfTheDefaultProjectWithAWarning() {
        AppTracingRow empty = app(ON, config("", "support-bot", null));
        AppTracingRow missing = app(ON, "{\"project\": \"faq\"}");

        ProjectRoutes routes = parse(empty, missing);

        assertThat(routes.target(empty.appId()).projectId()).isEqualTo("acme/support-bot");
        assertThat(routes.target(missing.appId()).projectId()).isEqualTo("acme/faq");
        assertThat(routes.problems()).isEmpty();
        assertThat(routes.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("entity is empty")
                .contains("acme/"));
    }

    @Test
    void aHostSendsToItsTraceServerUnlessWfTraceServerUrlIsSet() {
        AppTracingRow dedicated = app(ON, config("team", "p", "https://acme.wandb.io/some/path"));
        AppTracingRow saas = app(ON, config("team", "q", "https://api.wandb.ai"));
        AppTracingRow badHost = app(ON, config("team", "r", "ftp://files.example"));

        ProjectRoutes routes = parse(dedicated, saas, badHost);

        assertThat(routes.target(dedicated.appId()))
                .isEqualTo(new WeaveTarget("team/p", URI.create("https://acme.wandb.io/traces"), null));
        assertThat(routes.target(saas.appId()).serverUrl()).isEqualTo(URI.create("https://trace.wandb.ai"));
        assertThat(routes.target(badHost.appId())).isEqualTo(DEFAULT);
        assertThat(routes.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("tracing_config.host").contains("http(s)"));

        ProjectRoutes overridden = DifyWeaveRoutes.parse(List.of(dedicated, badHost), DEFAULT,
                URI.create("http://127.0.0.1:8080"));
        assertThat(overridden.target(dedicated.appId())).as("WF_TRACE_SERVER_URL wins")
                .isEqualTo(new WeaveTarget("team/p", null, null));
        assertThat(overridden.target(badHost.appId()).projectId()).isEqualTo("team/r");
        assertThat(overridden.problems()).isEmpty();
    }

    @Test
    void serverUrlsOfHosts() {
        assertThat(WeaveServerUrls.forHost("https://API.wandb.ai/")).isEqualTo(WeaveServerUrls.SAAS);
        assertThat(WeaveServerUrls.forHost("https://wandb.ai")).isEqualTo(WeaveServerUrls.SAAS);
        assertThat(WeaveServerUrls.forHost("http://wandb.internal:8080/")).isEqualTo(URI.create("http://wandb.internal:8080/traces"));
        assertThat(WeaveServerUrls.forHost("https://api.acme.wandb.io")).isEqualTo(URI.create("https://api.acme.wandb.io/traces"));
        assertThatThrownBy(() -> WeaveServerUrls.forHost("not a url")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WeaveServerUrls.forHost("wandb.example")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void modeParameters() {
        assertThat(ProjectRouting.ofParameter(null)).isEqualTo(ProjectRouting.SINGLE);
        assertThat(ProjectRouting.ofParameter("DIFY")).isEqualTo(ProjectRouting.DIFY);
        assertThat(ProjectRouting.ofParameter("single")).isEqualTo(ProjectRouting.SINGLE);
        assertThat(ProjectRouting.ofParameter("per-app")).isNull();
    }
}
