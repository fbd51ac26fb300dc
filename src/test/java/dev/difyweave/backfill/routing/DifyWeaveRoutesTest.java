package dev.difyweave.backfill.routing;

import dev.difyweave.backfill.weave.WeaveServerUrls;
import dev.difyweave.backfill.weave.WeaveHostPolicy;
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
        return DifyWeaveRoutes.parse(List.of(rows), DEFAULT, WeaveHostPolicy.defaults());
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

        ProjectRoutes routes = DifyWeaveRoutes.parse(List.of(dedicated, saas, badHost), DEFAULT,
                WeaveHostPolicy.of(WeaveServerUrls.SAAS, false, "acme.wandb.io"));

        assertThat(routes.target(dedicated.appId()))
                .isEqualTo(new WeaveTarget("team/p", URI.create("https://acme.wandb.io/traces"), null));
        assertThat(routes.target(saas.appId()).serverUrl()).isEqualTo(URI.create("https://trace.wandb.ai"));
        assertThat(routes.target(badHost.appId())).isEqualTo(DEFAULT);
        assertThat(routes.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .contains("tracing_config.host").contains("http(s)"));

        ProjectRoutes overridden = DifyWeaveRoutes.parse(List.of(dedicated, badHost), DEFAULT,
                WeaveHostPolicy.of(URI.create("http://127.0.0.1:8080"), true, null));
        assertThat(overridden.target(dedicated.appId())).as("WF_TRACE_SERVER_URL wins")
                .isEqualTo(new WeaveTarget("team/p", null, null));
        assertThat(overridden.target(badHost.appId()).projectId()).isEqualTo("team/r");
        assertThat(overridden.problems()).isEmpty();
    }

    private static ProjectRoutes parseWith(String allowList, DifyWeaveRoutes.KeyDecrypter keys, AppTracingRow... rows) {
        return DifyWeaveRoutes.parse(List.of(rows), DEFAULT, WeaveHostPolicy.of(WeaveServerUrls.SAAS, false, allowList),
                keys);
    }

    @Test
    void aForeignHostWithoutItsOwnKeyIsRefusedNeverSentToTheDefaultAndAProblem() {
        AppTracingRow foreign = app(ON, config("team", "p", "https://weave.attacker.example"));

        ProjectRoutes routes = parse(foreign);

        WeaveTarget target = routes.target(foreign.appId());
        assertThat(target.isRefused()).isTrue();
        assertThat(target.projectId()).as("still the app's own project, not the default").isEqualTo("team/p");
        assertThat(target.serverUrl()).isEqualTo(URI.create("https://weave.attacker.example/traces"));
        assertThat(target.apiKey()).isNull();
        assertThat(target.refusal()).contains("https://weave.attacker.example/traces")
                .contains("BACKFILL_ALLOWED_WEAVE_HOSTS").contains("BACKFILL_DIFY_KEYS").contains("WANDB_API_KEY")
                .contains(foreign.appId().toString());
        assertThat(routes.problems()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("trace_app_config");
            assertThat(p.key()).isEqualTo(foreign.configId().toString());
            assertThat(p.reason()).contains("not sent").contains("weave.attacker.example").contains("backfill_dead_letter");
        });
        assertThatThrownBy(() -> dev.difyweave.backfill.weave.WeaveDeliveries.only(null).forTarget(target))
                .as("no delivery is ever made for a refused target").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aHostInTheAllowListGetsTheOperatorsKey() {
        AppTracingRow origin = app(ON, config("team", "a", "https://weave.example.com"));
        AppTracingRow bare = app(ON, config("team", "b", "https://other.example.com/"));
        AppTracingRow bareWithPort = app(ON, config("team", "c", "http://localhost:8080"));
        AppTracingRow wrongPort = app(ON, config("team", "d", "https://weave.example.com:8443"));
        AppTracingRow httpOfAnHttpsOrigin = app(ON, config("team", "e", "http://weave.example.com"));
        AppTracingRow upperCase = app(ON, config("team", "f", "https://OTHER.example.com"));

        ProjectRoutes routes = parseWith(" https://weave.example.com , other.example.com,localhost:8080", null,
                origin, bare, bareWithPort, wrongPort, httpOfAnHttpsOrigin, upperCase);

        for (AppTracingRow allowed : List.of(origin, bare, bareWithPort, upperCase)) {
            assertThat(routes.target(allowed.appId()).isRefused()).as(allowed.tracingConfig()).isFalse();
            assertThat(routes.target(allowed.appId()).apiKey()).isNull();
        }
        assertThat(routes.target(bareWithPort.appId()).serverUrl()).isEqualTo(URI.create("http://localhost:8080/traces"));
        assertThat(routes.target(wrongPort.appId()).refusal()).contains("BACKFILL_ALLOWED_WEAVE_HOSTS");
        assertThat(routes.target(httpOfAnHttpsOrigin.appId()).refusal()).contains("plain http://");
        assertThat(routes.problems()).hasSize(2);
    }

    @Test
    void anAppWithItsOwnKeyIsSentToItsHost() {
        AppTracingRow keyed = app(ON, config("team", "p", "https://weave.example.com"));

        ProjectRoutes routes = parseWith(null, (tenant, token) -> "the-apps-own-key", keyed);

        WeaveTarget target = routes.target(keyed.appId());
        assertThat(target.isRefused()).isFalse();
        assertThat(target.serverUrl()).isEqualTo(URI.create("https://weave.example.com/traces"));
        assertThat(target.apiKey()).isEqualTo(new WeaveTarget.ApiKey("the-apps-own-key"));
        assertThat(routes.problems()).isEmpty();
    }

    @Test
    void plainHttpOnlyToALoopbackOrListedHostAndLoopbackStillNeedsTheListForTheOperatorsKey() {
        AppTracingRow lan = app(ON, config("team", "a", "http://wandb.internal:8080"));
        AppTracingRow v4 = app(ON, config("team", "b", "http://127.0.0.5:8080"));
        AppTracingRow name = app(ON, config("team", "c", "http://localhost:8080"));
        AppTracingRow v6 = app(ON, config("team", "d", "http://[::1]:8080"));
        DifyWeaveRoutes.KeyDecrypter ownKeys = (tenant, token) -> "own";

        ProjectRoutes withOwnKeys = parseWith(null, ownKeys, lan, v4, name, v6);

        assertThat(withOwnKeys.target(lan.appId()).refusal()).as("cleartext to the network, even with the app's key")
                .contains("plain http://").contains("http://wandb.internal:8080/traces");
        for (AppTracingRow loopback : List.of(v4, name, v6)) {
            assertThat(withOwnKeys.target(loopback.appId()).isRefused()).as(loopback.tracingConfig()).isFalse();
        }

        ProjectRoutes operatorsKey = parseWith(null, null, lan, v4, name, v6);
        for (AppTracingRow row : List.of(lan, v4, name, v6)) {
            assertThat(operatorsKey.target(row.appId()).isRefused()).as(row.tracingConfig()).isTrue();
        }
        assertThat(operatorsKey.target(name.appId()).refusal()).as("loopback is no exemption for the key")
                .contains("WANDB_API_KEY");

        ProjectRoutes listed = parseWith("http://wandb.internal:8080,127.0.0.5:8080", null, lan, v4, name);
        assertThat(listed.target(lan.appId()).isRefused()).isFalse();
        assertThat(listed.target(v4.appId()).isRefused()).isFalse();
        assertThat(listed.target(name.appId()).isRefused()).isTrue();
    }

    @Test
    void allowListEntriesThatAreNeitherHostsNorOriginsAreConfigurationErrors() {
        for (String bad : List.of("https://weave.example.com/traces", "ftp://weave.example.com", "weave example.com",
                "https://user:pw@weave.example.com", "https://weave.example.com?x=1")) {
            assertThatThrownBy(() -> WeaveHostPolicy.of(WeaveServerUrls.SAAS, false, bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a host or an origin");
        }
        assertThatThrownBy(() -> dev.difyweave.backfill.config.BackfillSettings.fromEnvironment(
                java.util.Map.of("BACKFILL_ALLOWED_WEAVE_HOSTS", "weave.example.com, https://x.example/p")))
                .isInstanceOf(dev.difyweave.backfill.config.ConfigurationException.class)
                .hasMessageStartingWith("BACKFILL_ALLOWED_WEAVE_HOSTS: ").hasMessageContaining("https://x.example/p");
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
