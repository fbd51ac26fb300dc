package dev.difyweave.backfill.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The backfill's main class in a JVM of its own, as it runs in production: {@code -Xmx<bench.heap>}, a GC
 * log per process (for the peak heap), {@code -Dbench.jvmArgs=} added (e.g. a class-data-sharing archive),
 * the test class path, and its output in {@code <name>.out} / {@code <name>.err} under the work directory.
 */
final class ChildJvm {

    private ChildJvm() {
    }

    /** The options beside the heap that every child JVM gets, for the results' heading ("" when none). */
    static String describeOptions() {
        String jvmArgs = System.getProperty("bench.jvmArgs", "").trim();
        String jar = System.getProperty("bench.jar", "").trim();
        String java = System.getProperty("bench.java", "").trim();
        return (jvmArgs.isEmpty() ? "" : " " + jvmArgs) + (jar.isEmpty() ? "" : "`, the extracted jar `" + jar)
                + (java.isEmpty() ? "" : "`, run by `" + java);
    }

    /**
     * The {@code java} launcher of the child JVMs: {@code -Dbench.java=<path>} (e.g. a newer JDK's, for its AOT
     * cache), else the one running the benchmark.
     */
    private static String java() {
        String java = System.getProperty("bench.java", "").trim();
        return java.isEmpty() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : java;
    }

    static Process start(Path work, String name, Map<String, String> env, String heap, List<String> args)
            throws Exception {
        Files.createDirectories(work);
        List<String> command = new ArrayList<>(List.of(java(),
                "-Xmx" + heap, "-Xlog:gc:file=" + work.resolve(name + ".gc.log")));
        String jvmArgs = System.getProperty("bench.jvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        // -Dbench.jar=<extracted jar>: the product as operators run it (with -Dbench.jvmArgs=-XX:SharedArchiveFile=...)
        String jar = System.getProperty("bench.jar", "");
        command.addAll(jar.isBlank() ? List.of("-cp", System.getProperty("java.class.path"),
                BackfillApplication.class.getName()) : List.of("-jar", jar));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve(name + ".out").toFile()).redirectError(work.resolve(name + ".err").toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /**
     * The environment of a run on {@code dify} with {@code state} as its state store; with a sink, the Weave
     * settings pointing at it, without (a dry run) no Weave settings at all, so none are needed.
     */
    static Map<String, String> env(TestDatabase dify, TestDatabase state, DiscardingWeave weave) {
        Map<String, String> env = new HashMap<>(Map.of("DIFY_DB_URL", dify.jdbcUrl(), "DIFY_DB_USERNAME", dify.username(),
                "BACKFILL_DB_URL", state.jdbcUrl(), "BACKFILL_DB_USERNAME", state.username()));
        if (dify.password() != null) {
            env.put("DIFY_DB_PASSWORD", dify.password());
            env.put("BACKFILL_DB_PASSWORD", state.password());
        }
        if (weave != null) {
            env.putAll(Map.of("WANDB_API_KEY", "benchmark", "WEAVE_PROJECT", "bench/backfill",
                    "WF_TRACE_SERVER_URL", weave.baseUrl()));
        }
        String chunk = System.getProperty("bench.chunk", "");
        if (!chunk.isBlank()) {
            env.put("BACKFILL_CHUNK_SIZE", chunk);
        }
        return env;
    }

    /** The process's peak resident set (VmHWM) in KB, 0 once it has ended. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // the process ended
        }
        return 0;
    }
}
