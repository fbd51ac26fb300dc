package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import dev.difyweave.demo.generator.DifyDataGenerator;
import dev.difyweave.demo.generator.GeneratedConversation;
import dev.difyweave.demo.generator.GeneratedMessage;
import dev.difyweave.demo.generator.GeneratedRun;
import dev.difyweave.backfill.routing.DifyApiKeys;
import dev.difyweave.backfill.testsupport.FakeWeaveServer;
import dev.difyweave.backfill.testsupport.FakeS3Server;
import dev.difyweave.backfill.testsupport.StoredCall;
import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.Json;

/**
 * --project-routing=dify over a Dify database where two apps have Weave tracing configured for two
 * different projects: each app's traces land in its own project, every other app in WEAVE_PROJECT;
 * with the default (single) everything goes to WEAVE_PROJECT.
 */
class ProjectRoutingJobTest {

    private static final String ON = "{\"enabled\": true, \"tracing_provider\": \"weave\"}";

    private BackfillHarness harness;
    private FakeWeaveServer other;
    private FakeWeaveServer third;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
        if (other != null) {
            other.close();
        }
        if (third != null) {
            third.close();
        }
    }

    @Test
    void eachConfiguredAppGoesToItsOwnProjectAndTheOthersToWeaveProject(@TempDir Path dir) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        UUID workflowApp = harness.generated.runs().stream().filter(GeneratedRun::finished).findFirst().orElseThrow().appId();
        UUID agentApp = harness.generated.messages().stream().filter(m -> m.appMode().equals("agent-chat"))
                .findFirst().orElseThrow().appId();
        // a host is ignored while WF_TRACE_SERVER_URL is set, as by the Weave SDK
        configure(workflowApp, ON, "{\"api_key\": \"aGVsbG8=\", \"entity\": \"team-a\", \"project\": \"workflows\", "
                + "\"endpoint\": \"https://trace.wandb.ai\", \"host\": \"https://acme.wandb.io\"}");
        configure(agentApp, ON, "{\"api_key\": \"aGVsbG8=\", \"entity\": \"\", \"project\": \"agents\", "
                + "\"endpoint\": \"https://trace.wandb.ai\", \"host\": \"\"}");
        UUID brokenApp = harness.generated.messages().stream().filter(m -> m.appMode().equals("completion"))
                .findFirst().orElseThrow().appId();
        configure(brokenApp, "{\"enabled\": true, \"tracing_provider\": \"weave\"", "{\"entity\": \"team-c\", \"project\": \"c\"}");
        Map<String, BackfillHarness.Expected> expected = harness.expectedCalls();
        Map<String, UUID> appOfCall = appOfCall(expected);

        // default: single, every app to WEAVE_PROJECT
        BackfillHarness.Result single = harness.run("migrate", "--report-dir=" + dir.resolve("single"));
        assertThat(single.exitStatus()).as(single.err()).isZero();
        harness.assertEveryExpectedCallExactlyOnce(expected);
        assertThat(harness.weave.projectIds()).containsExactly(BackfillHarness.PROJECT);
        assertThat(harness.problems()).noneMatch(p -> p.get("reason").toString().contains("tracing_config"));

        harness.weave.reset();
        Path reports = dir.resolve("dify");
        BackfillHarness.Result routed = harness.run("migrate", "--project-routing=dify", "--report-dir=" + reports);

        assertThat(routed.exitStatus()).as(routed.err()).isZero();
        assertThat(routed.out()).contains("project-routing=dify");
        assertThat(harness.weave.projectIds()).containsExactlyInAnyOrder(BackfillHarness.PROJECT, "team-a/workflows",
                "acme/agents");
        Map<String, Set<String>> expectedByProject = expected.keySet().stream().collect(Collectors.groupingBy(
                id -> projectOf(appOfCall.get(id), workflowApp, agentApp), Collectors.toSet()));
        for (Map.Entry<String, Set<String>> e : expectedByProject.entrySet()) {
            List<StoredCall> visible = harness.weave.visibleCalls(e.getKey());
            assertThat(visible).as("calls in %s", e.getKey()).extracting(StoredCall::id)
                    .containsExactlyInAnyOrderElementsOf(e.getValue());
            assertThat(visible).allSatisfy(c -> assertThat(c.hasEnd()).isTrue());
            assertThat(harness.weave.incompleteCalls(e.getKey())).isEmpty();
        }
        assertThat(expectedByProject.get("team-a/workflows")).isNotEmpty();
        assertThat(expectedByProject.get("acme/agents")).isNotEmpty();
        assertThat(harness.weave.requests()).filteredOn(r -> r.uri().getPath().equals("/call/upsert_batch"))
                .as("every request names one project").isNotEmpty();

        // the broken configuration is a recorded problem, its app went to WEAVE_PROJECT
        assertThat(harness.problems()).anySatisfy(p -> {
            assertThat(p.get("source_table")).isEqualTo("apps");
            assertThat(p.get("source_key")).isEqualTo(brokenApp.toString());
            assertThat(p.get("reason").toString()).contains("apps.tracing is not a JSON object")
                    .contains(BackfillHarness.PROJECT);
        });
        assertThat(harness.problems()).as("recorded once, not once per step")
                .filteredOn(p -> p.get("source_key").equals(brokenApp.toString())).hasSize(1);
        assertThat(expected.keySet().stream().filter(id -> brokenApp.equals(appOfCall.get(id))))
                .isNotEmpty().allSatisfy(id -> assertThat(harness.weave.call(BackfillHarness.PROJECT, id)).isPresent());

        // the report says which app went where
        long instance = harness.stateJdbc().queryForObject(
                "SELECT max(job_instance_id) FROM batch_job_instance", Long.class);
        JsonNode report = Json.MAPPER.readTree(Files.readString(reports.resolve("report-" + instance + ".json")));
        assertThat(report.get("project_routing").asString()).isEqualTo("dify");
        Map<String, Long> callsPerAppProject = new HashMap<>();
        for (JsonNode row : report.get("calls_by_app")) {
            callsPerAppProject.put(row.get("app_id").asString() + " " + row.get("project").asString(), row.get("calls").asLong());
            assertThat(row.get("app_name").asString()).isNotBlank();
        }
        Map<String, Long> expectedPerAppProject = expected.keySet().stream().collect(Collectors.groupingBy(
                id -> appOfCall.get(id) + " " + projectOf(appOfCall.get(id), workflowApp, agentApp), Collectors.counting()));
        assertThat(callsPerAppProject).isEqualTo(expectedPerAppProject);
        String html = Files.readString(reports.resolve("report-" + instance + ".html"));
        assertThat(html).contains("Calls per app and project").contains("team-a/workflows").contains("acme/agents");
    }

    @Test
    void aHostSendsToItsOwnTraceServerOneDeliveryPerServer() {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        other = new FakeWeaveServer(BackfillHarness.API_KEY).underPath("/traces").start();
        third = new FakeWeaveServer(BackfillHarness.API_KEY).underPath("/traces").start();
        List<UUID> workflowApps = harness.generated.runs().stream().map(GeneratedRun::appId).distinct().toList();
        assertThat(workflowApps).hasSize(2);
        configure(workflowApps.get(0), ON, "{\"entity\": \"team-a\", \"project\": \"p1\", \"host\": \"" + other.baseUrl() + "/\"}");
        configure(workflowApps.get(1), ON, "{\"entity\": \"team-b\", \"project\": \"p2\", \"host\": \"" + third.baseUrl() + "\"}");
        harness.env.remove("WF_TRACE_SERVER_URL"); // the default server would be https://trace.wandb.ai: not used here
        // not the process's server: the operator's key may go there only because they are listed
        harness.env.put("BACKFILL_ALLOWED_WEAVE_HOSTS", other.baseUrl() + ", 127.0.0.1:" + third.port());

        BackfillHarness.Result result = harness.run("migrate", "--project-routing=dify", "--kinds=workflow",
                "--app=" + workflowApps.get(0) + "," + workflowApps.get(1));

        assertThat(result.exitStatus()).as(result.err()).isZero();
        for (int i = 0; i < 2; i++) {
            UUID app = workflowApps.get(i);
            FakeWeaveServer server = i == 0 ? other : third;
            Set<String> runs = harness.generated.runs().stream().filter(r -> r.appId().equals(app) && r.finished())
                    .map(r -> r.id().toString()).collect(Collectors.toSet());
            assertThat(runs).isNotEmpty();
            assertThat(server.projectIds()).containsExactly(i == 0 ? "team-a/p1" : "team-b/p2");
            assertThat(server.visibleCalls(i == 0 ? "team-a/p1" : "team-b/p2")).filteredOn(c -> c.parentId() == null)
                    .extracting(StoredCall::id).containsExactlyInAnyOrderElementsOf(runs);
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.uri().getPath()).startsWith("/traces/"));
        }
        assertThat(harness.weave.requestCount()).as("the harness's server is not the default now").isZero();
    }

    @Test
    void anAppWhoseHostIsNotAllowedIsNeverSentTheOperatorsKeyItsCallsAreDeadLettersAndTheRunExits3(@TempDir Path dir)
            throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        // a server that would accept the operator's key: it must not even be asked
        other = new FakeWeaveServer(BackfillHarness.API_KEY).underPath("/traces").start();
        List<UUID> workflowApps = harness.generated.runs().stream().map(GeneratedRun::appId).distinct().toList();
        UUID foreignApp = workflowApps.get(0);
        UUID allowedApp = workflowApps.get(1);
        // localhost is loopback (plain http is fine) but it is not the process's server, nor listed
        String foreignHost = "http://localhost:" + other.port();
        configure(foreignApp, ON, "{\"entity\": \"team-x\", \"project\": \"elsewhere\", \"host\": \"" + foreignHost + "\"}");
        configure(allowedApp, ON, "{\"entity\": \"team-b\", \"project\": \"p2\", \"host\": \"" + harness.weave.baseUrl() + "\"}");
        harness.weave.underPath("/traces");
        harness.env.remove("WF_TRACE_SERVER_URL"); // hosts count; the process's server is https://trace.wandb.ai
        harness.env.put("BACKFILL_ALLOWED_WEAVE_HOSTS", harness.weave.baseUrl());
        Path reports = dir.resolve("reports");

        BackfillHarness.Result result = harness.run("migrate", "--project-routing=dify", "--kinds=workflow",
                "--app=" + foreignApp + "," + allowedApp, "--report-dir=" + reports);

        assertThat(other.requestCount()).as("the foreign host was never contacted").isZero();
        assertThat(other.requests()).noneMatch(r -> r.headers().toString().contains(java.util.Base64.getEncoder()
                .encodeToString(("api:" + BackfillHarness.API_KEY).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(result.exitStatus()).as(result.err()).isEqualTo(3);
        assertThat(result.err()).contains("not sent because their app's Weave server is not allowed");

        Set<String> foreignCalls = harness.expectedCalls().entrySet().stream()
                .filter(e -> harness.generated.runs().stream().anyMatch(r -> r.appId().equals(foreignApp)
                        && r.id().toString().equals(e.getValue().trace())))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(foreignCalls).isNotEmpty();
        List<Map<String, Object>> deadLetters = harness.deadLetters();
        assertThat(deadLetters).extracting(d -> d.get("call_id").toString())
                .containsExactlyInAnyOrderElementsOf(foreignCalls);
        assertThat(deadLetters).allSatisfy(d -> {
            assertThat(d.get("http_status")).isEqualTo(0);
            assertThat(d.get("reason").toString()).contains("localhost:" + other.port())
                    .contains("BACKFILL_ALLOWED_WEAVE_HOSTS").contains("BACKFILL_DIFY_KEYS");
        });
        assertThat(harness.stateJdbc().queryForList("SELECT DISTINCT project_id FROM backfill_dead_letter", String.class))
                .as("recorded under the app's own project").containsExactly("team-x/elsewhere");
        assertThat(harness.weave.projectIds()).as("nothing of the foreign app went to the default project")
                .containsExactly("team-b/p2");
        assertThat(harness.weave.visibleCalls("team-b/p2")).isNotEmpty()
                .allSatisfy(c -> assertThat(foreignCalls).doesNotContain(c.id()));
        assertThat(harness.problems()).anySatisfy(p -> assertThat(p.get("reason").toString())
                .contains(foreignApp.toString()).contains("not sent").contains("localhost:" + other.port()));

        long instance = harness.stateJdbc().queryForObject("SELECT max(job_instance_id) FROM batch_job_instance", Long.class);
        JsonNode report = Json.MAPPER.readTree(Files.readString(reports.resolve("report-" + instance + ".json")));
        assertThat(report.get("dead_letters").asLong()).isEqualTo(foreignCalls.size());
        assertThat(report.get("problems").asLong()).isPositive();
    }

    @Test
    void withDifyKeysEachRoutedAppIsSentWithItsOwnDecryptedKey(@TempDir Path dir) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        GeneratedRun run = harness.generated.runs().stream().filter(GeneratedRun::finished).findFirst().orElseThrow();
        Path storage = dir.resolve("storage");
        dev.difyweave.backfill.routing.DifyApiKeysTest.install(storage, run.tenantId());
        harness.env.put("DIFY_STORAGE_PATH", storage.toString());

        assertSentWithItsOwnKey(run, dir.resolve("reports"));
    }

    /** The tenant's private key in Dify's S3 bucket (Dify's own .env names), read through the AWS SDK. */
    @Test
    void withDifyKeysTheTenantsPrivateKeyComesFromDifysS3Bucket(@TempDir Path dir) throws Exception {
        try (FakeS3Server s3 = new FakeS3Server("difyai", null, "AKIDROUTING", "routing-secret-0000").start()) {
            harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
            GeneratedRun run = harness.generated.runs().stream().filter(GeneratedRun::finished).findFirst().orElseThrow();
            s3.put(DifyApiKeys.keyPath(run.tenantId()), dev.difyweave.backfill.routing.DifyApiKeysTest.privateKeyPem());
            harness.env.putAll(Map.of("STORAGE_TYPE", "s3", "S3_BUCKET_NAME", "difyai", "S3_ENDPOINT", s3.endpoint(),
                    "S3_REGION", "us-east-1", "S3_ACCESS_KEY", "AKIDROUTING", "S3_SECRET_KEY", "routing-secret-0000"));

            assertSentWithItsOwnKey(run, dir.resolve("reports"));
        }
    }

    /** Routed with BACKFILL_DIFY_KEYS, the run's app is sent with the key decrypted from Dify, which nothing stores. */
    private void assertSentWithItsOwnKey(GeneratedRun run, Path reports) throws Exception {
        java.util.Properties fixture = dev.difyweave.backfill.routing.DifyApiKeysTest.fixture();
        String appKey = fixture.getProperty("hybrid.plaintext");
        assertThat(appKey).as("the fixture encrypts the key the fake Weave accepts").isEqualTo(BackfillHarness.API_KEY);
        configure(run.appId(), ON, "{\"api_key\": \"" + fixture.getProperty("hybrid.ciphertext")
                + "\", \"entity\": \"team-k\", \"project\": \"keyed\", \"host\": \"\"}");
        harness.env.put("WANDB_API_KEY", "env-key-that-weave-refuses");
        harness.env.put("BACKFILL_DIFY_KEYS", "true");

        BackfillHarness.Result result = harness.run("migrate", "--project-routing=dify", "--kinds=workflow",
                "--app=" + run.appId(), "--report-dir=" + reports);

        assertThat(result.exitStatus()).as(result.err()).isZero();
        assertThat(harness.weave.call("team-k/keyed", run.id().toString())).isPresent();
        assertThat(harness.weave.requests()).filteredOn(r -> r.status() == 401).isEmpty();
        assertThat(result.out() + result.err()).doesNotContain(appKey);
        try (var files = Files.list(reports)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(appKey);
            }
        }
        for (String table : List.of("batch_job_execution_params", "batch_job_execution_context",
                "batch_step_execution_context", "backfill_problem", "backfill_dead_letter", "backfill_app_calls")) {
            assertThat(harness.stateJdbc().queryForList("SELECT * FROM " + table).toString()).as(table)
                    .doesNotContain(appKey);
        }
    }

    private void configure(UUID app, String tracing, String config) {
        harness.difyJdbc().update("UPDATE apps SET tracing = ? WHERE id = ?", tracing, app);
        harness.difyJdbc().update("INSERT INTO trace_app_config (app_id, tracing_provider, tracing_config) "
                + "VALUES (?, 'weave', ?::json)", app, config);
    }

    private static String projectOf(UUID app, UUID workflowApp, UUID agentApp) {
        if (workflowApp.equals(app)) {
            return "team-a/workflows";
        }
        return agentApp.equals(app) ? "acme/agents" : BackfillHarness.PROJECT;
    }

    /** The app of every expected call: that of its trace's root row. */
    private Map<String, UUID> appOfCall(Map<String, BackfillHarness.Expected> expected) {
        Map<String, UUID> rootApp = new HashMap<>();
        for (GeneratedRun run : harness.generated.runs()) {
            rootApp.put(run.id().toString(), run.appId());
        }
        for (GeneratedMessage message : harness.generated.messages()) {
            rootApp.put(message.id().toString(), message.appId());
        }
        for (GeneratedConversation conversation : harness.generated.conversations()) {
            rootApp.put(CallIds.generateConversationName(conversation.id().toString()), conversation.appId());
        }
        Map<String, UUID> out = new HashMap<>();
        expected.forEach((id, e) -> out.put(id, rootApp.get(e.trace())));
        assertThat(out).doesNotContainValue(null);
        return out;
    }
}
