package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * Observing a run (docs/operations.md), each in a JVM of its own as operators run it: JSON logs with
 * Boot's structured logging and the progress line logged off a terminal; the Prometheus endpoint of a
 * {@code schedule} process; the push of a one-shot run's last values to a Pushgateway.
 */
class ObservabilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BackfillHarness harness;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void withStructuredLoggingEveryLogLineIsJsonAndProgressIsLoggedAtTheInterval(@TempDir Path work) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        Map<String, String> env = new HashMap<>(harness.env);
        env.put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        env.put("BACKFILL_PROGRESS_INTERVAL", "PT0.1S");

        // slowed down so that the workflow step runs for several intervals
        Process migrate = start(work, "migrate", env, "migrate", "--to=2026-11-29T00:00:00Z", "--kinds=workflow",
                "--max-rows-per-second=40");

        assertThat(migrate.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(migrate.exitValue()).as(output(work, "migrate.err")).isZero();
        List<String> lines = output(work, "migrate.err").lines().toList();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).as("one JSON document per line").startsWith("{").endsWith("}");
            events.add(JSON.readTree(line));
        }
        List<JsonNode> progress = events.stream()
                .filter(e -> e.path("log").path("logger").asString().endsWith(".ProgressListener"))
                .filter(e -> e.path("backfill").path("step").asString().startsWith("workflowRunPartition:")).toList();
        assertThat(progress).as(String.join("\n", lines)).isNotEmpty();
        JsonNode running = progress.stream().filter(e -> e.path("backfill").path("traces").asLong() > 0)
                .filter(e -> e.path("backfill").path("step_status").isMissingNode()).findFirst().orElseThrow();
        String step = running.path("backfill").path("step").asString();
        assertThat(running.path("log").path("level").asString()).isEqualTo("INFO");
        assertThat(running.path("message").asString()).startsWith("[" + step + "] ")
                .contains(running.path("backfill").path("traces").asLong() + " traces, ", " calls in ", " traces/s, ");
        assertThat(running.path("backfill").path("calls").asLong()).isPositive();
        assertThat(running.path("backfill").path("calls_per_second").isNumber()).isTrue();
        assertThat(running.path("backfill").path("position").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(progress).filteredOn(e -> e.path("backfill").path("step").asString().equals(step))
                .last().satisfies(last -> {
                    assertThat(last.path("backfill").path("step_status").asString()).isEqualTo("completed");
                    assertThat(last.path("message").asString()).endsWith("(completed)");
                });
        // the command's own output stays what scripts read: plain lines on stdout
        assertThat(output(work, "migrate.out")).contains("execution 1 COMPLETED").doesNotContain("\"@timestamp\"");
    }

    @Test
    void scheduleServesTheMetricsOfItsRunsOnTheManagementPort(@TempDir Path work) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        Path jobs = Files.createDirectories(work.resolve("jobs"));
        Files.writeString(jobs.resolve("often.yaml"), """
                name: often
                command: sync
                schedule: "*/2 * * * * *"
                safety-lag: PT1M
                stale-after: P36500D
                kinds: workflow,message,tool,dataset_retrieval,moderation,generate_name
                """);
        int port = freePort();
        Map<String, String> env = new HashMap<>(harness.env);
        env.put("MANAGEMENT_SERVER_PORT", Integer.toString(port));

        Process schedule = start(work, "schedule", env, "schedule", "--jobs-dir=" + jobs);
        awaitOutput(work, "schedule.out", out -> out.contains("ended with exit status 0"), schedule);
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        String metrics = scrape.body();
        int calls = harness.expectedCalls().size();
        assertThat(value(metrics, "backfill_weave_calls_sent_calls_total")).as(metrics).isEqualTo(calls);
        assertThat(value(metrics, "backfill_weave_requests_total\\{status=\"2xx\"}")).isPositive();
        assertThat(value(metrics, "spring_batch_job_seconds_count\\{[^}]*spring_batch_job_status=\"COMPLETED\"[^}]*}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics).contains("jvm_memory_used_bytes", "spring_batch_item_process_seconds");
        assertThat(output(work, "schedule.err")).contains("serving Prometheus metrics on port " + port);
        HttpResponse<String> other = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/env")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).as("only the Prometheus endpoint is exposed").isEqualTo(404);

        schedule.destroy(); // SIGTERM
        assertThat(schedule.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output(work, "schedule.err")).doesNotContain("ERROR", "Exception");
    }

    @Test
    void aRunPushesItsLastValuesToThePushgatewayAtItsEndAndStatusPushesNothing(@TempDir Path work) throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        List<Received> pushes = new CopyOnWriteArrayList<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/", exchange -> {
            pushes.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        int pushedByTheRun;
        try {
            Map<String, String> env = new HashMap<>(harness.env);
            env.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true");
            env.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS",
                    "127.0.0.1:" + gateway.getAddress().getPort());

            Process migrate = start(work, "migrate", env, "migrate", "--to=2026-11-29T00:00:00Z");
            assertThat(migrate.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(migrate.exitValue()).as(output(work, "migrate.err")).isZero();
            pushedByTheRun = pushes.size();
            // a command that runs no job pushes nothing: it must not replace the run's values
            Process status = start(work, "status", env, "status");
            assertThat(status.waitFor(180, TimeUnit.SECONDS)).isTrue();
            assertThat(status.exitValue()).as(output(work, "status.err")).isZero();
        } finally {
            gateway.stop(0);
        }
        assertThat(pushes).hasSize(pushedByTheRun);
        assertThat(pushes).isNotEmpty();
        Received last = pushes.get(pushes.size() - 1);
        assertThat(last.method()).as("the push at the end replaces the job's group").isEqualTo("PUT");
        assertThat(last.path()).isEqualTo("/metrics/job/dify-weave-backfill");
        // Boot's default format, Prometheus protobuf: the metric names as text, a counter's value as field 1
        // of its Counter message, a double (tag 0x09, then 8 bytes little-endian)
        String body = new String(last.body(), StandardCharsets.ISO_8859_1);
        int family = body.indexOf("backfill_weave_calls_sent");
        assertThat(family).as("backfill_weave_calls_sent in the last push").isNotNegative();
        int calls = harness.expectedCalls().size();
        assertThat(indexOf(last.body(), counterValue(calls), family)).as("its value, %d calls", calls).isPositive();
        assertThat(body).contains("spring_batch_job_seconds", "spring_batch_step_seconds", "backfill_weave_requests",
                "spring_batch_item_process_seconds");
    }

    private record Received(String method, String path, byte[] body) {
    }

    private Process start(Path work, String name, Map<String, String> env, String... args) throws Exception {
        Process process = BackfillHarness.child(work, name, env, args);
        processes.add(process);
        return process;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String output(Path work, String file) {
        try {
            return Files.readString(work.resolve(file));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void awaitOutput(Path work, String file, java.util.function.Predicate<String> condition,
            Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.test(output(work, file))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(file + " did not get there:\n" + output(work, file) + "\n"
                        + output(work, file.replace(".out", ".err")));
            }
            Thread.sleep(20);
        }
    }

    /** The value of the one sample of a metric in the Prometheus text format. */
    private static double value(String metrics, String sample) {
        Matcher m = Pattern.compile("(?m)^" + sample + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as(sample + " in\n" + metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static byte[] counterValue(double value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0x09);
        bytes.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array());
        return bytes.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
