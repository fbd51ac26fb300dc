package dev.difyweave.backfill.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

import dev.difyweave.backfill.weave.WeaveHostPolicy;
import dev.difyweave.backfill.call.CallSanitizer;
import dev.difyweave.backfill.weave.WeaveRetry;

/**
 * The typed configuration of one process (cli.md "Configuration"), bound once from a
 * {@link SettingsSource}: each {@link Setting} by its Spring property or its environment variable,
 * with Dify's own {@code .env} names as fallbacks. Every wrong value is reported with its variable
 * name before any work starts. {@code source} is where they came from, for the Spring contexts the
 * command starts.
 */
public record BackfillSettings(
        DatabaseSettings dify,
        DatabaseSettings state,
        WeaveSettings weave,
        String filesUrl,
        Tuning tuning,
        StorageSettings storage,
        SettingsSource source) {

    public static final String DEFAULT_TRACE_SERVER = "https://trace.wandb.ai";
    public static final String DEFAULT_FILES_URL = "http://127.0.0.1:5001";

    /** The settings of environment variables alone (and of the config files they name). */
    public static BackfillSettings fromEnvironment(Map<String, String> env) {
        return from(SettingsSource.of(env));
    }

    public static BackfillSettings from(SettingsSource source) {
        Env e = new Env(source);
        StorageSettings storage = StorageSettings.fromEnvironment(source);
        return new BackfillSettings(difyDatabase(e), stateDatabase(e), weave(e, storage),
                firstNonBlank(e.get("DIFY_FILES_URL"), e.get("FILES_URL"), DEFAULT_FILES_URL), tuning(e), storage, source);
    }

    public BackfillSettings withDify(DatabaseSettings dify) {
        return new BackfillSettings(dify, state, weave, filesUrl, tuning, storage, source);
    }

    public BackfillSettings withState(DatabaseSettings state) {
        return new BackfillSettings(dify, state, weave, filesUrl, tuning, storage, source);
    }

    public BackfillSettings withTuning(Tuning tuning) {
        return new BackfillSettings(dify, state, weave, filesUrl, tuning, storage, source);
    }

    /** The Dify database is required by every command that reads Dify. */
    public DatabaseSettings requireDify() {
        if (dify == null) {
            throw new ConfigurationException("DIFY_DB_URL is not set (nor DB_HOST/DB_DATABASE): "
                    + "give the JDBC URL of the Dify PostgreSQL database, e.g. jdbc:postgresql://host:5432/dify");
        }
        return dify;
    }

    /** Sending needs a key (the target project is checked with the request: WEAVE_PROJECT or --project). */
    public void requireSending() {
        if (weave.apiKey() == null || weave.apiKey().isBlank()) {
            throw new ConfigurationException("WANDB_API_KEY is not set: it is required to send to Weave "
                    + "(use --dry-run or --export-dir to run without sending)");
        }
    }

    private static DatabaseSettings difyDatabase(Env e) {
        String url = e.get("DIFY_DB_URL");
        if (url == null && e.get("DB_HOST") != null) {
            url = "jdbc:postgresql://" + e.get("DB_HOST") + ":" + firstNonBlank(e.get("DB_PORT"), "5432") + "/"
                    + firstNonBlank(e.get("DB_DATABASE"), "dify");
        }
        if (url == null) {
            return null;
        }
        requireJdbc("DIFY_DB_URL", url);
        return new DatabaseSettings(url, firstNonBlank(e.get("DIFY_DB_USERNAME"), e.get("DB_USERNAME")),
                firstNonBlank(e.get("DIFY_DB_PASSWORD"), e.get("DB_PASSWORD")));
    }

    private static DatabaseSettings stateDatabase(Env e) {
        String url = e.get("BACKFILL_DB_URL");
        if (url == null) {
            return null;
        }
        requireJdbc("BACKFILL_DB_URL", url);
        return new DatabaseSettings(url, e.get("BACKFILL_DB_USERNAME"), e.get("BACKFILL_DB_PASSWORD"));
    }

    private static WeaveSettings weave(Env e, StorageSettings storage) {
        String server = firstNonBlank(e.get("WF_TRACE_SERVER_URL"), DEFAULT_TRACE_SERVER);
        URI uri;
        try {
            uri = new URI(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (URISyntaxException ex) {
            throw new ConfigurationException("WF_TRACE_SERVER_URL is not a URL: " + ex.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())
                || uri.getHost() == null) {
            throw new ConfigurationException("WF_TRACE_SERVER_URL must be an https:// (or, explicitly, http://) URL, got '"
                    + server + "'");
        }
        String project = e.get("WEAVE_PROJECT");
        if (project != null && !project.matches("[^/\\s]+/[^/\\s]+")) {
            throw new ConfigurationException("WEAVE_PROJECT must be entity/project, got '" + project + "'");
        }
        String allowed = e.get(WeaveHostPolicy.ALLOW_LIST);
        try {
            WeaveHostPolicy.of(uri, false, allowed);
        } catch (IllegalArgumentException ex) {
            throw new ConfigurationException(WeaveHostPolicy.ALLOW_LIST + ": " + ex.getMessage());
        }
        return new WeaveSettings(uri, project, e.get("WANDB_API_KEY"), e.get("WF_TRACE_SERVER_URL") != null,
                difyKeys(e, storage), allowed);
    }

    /**
     * {@code BACKFILL_DIFY_KEYS=true}: the tenants' private keys are read from Dify's storage, the one
     * offloaded payloads are read from ({@code DIFY_STORAGE_PATH}, {@code DIFY_STORAGE_S3_BUCKET} or
     * Dify's own settings), under {@code privkeys/<tenant_id>/private.pem}.
     */
    private static boolean difyKeys(Env e, StorageSettings storage) {
        String flag = e.get("BACKFILL_DIFY_KEYS");
        if (flag == null || flag.equalsIgnoreCase("false")) {
            return false;
        }
        if (!flag.equalsIgnoreCase("true")) {
            throw new ConfigurationException("BACKFILL_DIFY_KEYS must be true or false, got '" + flag + "'");
        }
        if (!storage.configured()) {
            throw new ConfigurationException("BACKFILL_DIFY_KEYS=true needs Dify's storage, which holds "
                    + "privkeys/<tenant_id>/private.pem: set DIFY_STORAGE_PATH (local storage) or DIFY_STORAGE_S3_BUCKET "
                    + "(S3), or Dify's own STORAGE_TYPE settings");
        }
        java.nio.file.Path root = storage.fileSystemRoot();
        if (root != null && !java.nio.file.Files.isDirectory(root.resolve("privkeys"))) {
            throw new ConfigurationException("Dify's storage directory has no privkeys/ directory: " + root.toAbsolutePath());
        }
        return true;
    }

    private static Tuning tuning(Env e) {
        WeaveRetry.Settings retry = WeaveRetry.Settings.defaults();
        return new Tuning(
                e.parse("BACKFILL_CHUNK_SIZE", 100, Integer::parseInt, 1, 10_000),
                e.parse("BACKFILL_BATCH_BYTES", 8L * 1024 * 1024, Long::parseLong, 64L * 1024, 31L * 1024 * 1024),
                e.parse("BACKFILL_BATCH_CALLS", 1000, Integer::parseInt, 1, 100_000),
                e.parse("BACKFILL_MAX_CALL_BYTES", CallSanitizer.DEFAULT_MAX_CALL_BYTES, Long::parseLong, 16L * 1024,
                        3L * 1024 * 1024),
                e.duration("BACKFILL_HTTP_CONNECT_TIMEOUT", Duration.ofSeconds(10)),
                e.duration("BACKFILL_HTTP_TIMEOUT", Duration.ofSeconds(60)),
                new WeaveRetry.Settings(
                        e.parse("BACKFILL_RETRY_MAX", retry.maxRetries(), Integer::parseInt, 0, 1000),
                        e.duration("BACKFILL_RETRY_INITIAL_DELAY", retry.initialDelay()),
                        retry.multiplier(),
                        e.duration("BACKFILL_RETRY_MAX_DELAY", retry.maxDelay()),
                        e.duration("BACKFILL_RETRY_AFTER_MAX", retry.maxRetryAfter())),
                e.parse("BACKFILL_PARTITIONS", Tuning.defaultPartitions(), Integer::parseInt, 1, 64),
                e.parse("BACKFILL_MAX_ROWS_PER_SECOND", 0, Integer::parseInt, 0, 10_000_000),
                e.duration("BACKFILL_DIFY_STATEMENT_TIMEOUT", Tuning.DEFAULT_DIFY_STATEMENT_TIMEOUT));
    }

    private static void requireJdbc(String name, String url) {
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigurationException(name + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/db), got '"
                    + Redact.url(url) + "'");
        }
        if (Redact.hasUserInfo(url)) {
            String prefix = name.substring(0, name.length() - "_URL".length());
            throw new ConfigurationException(name + " must not carry user:password@ (PostgreSQL's JDBC driver does not read "
                    + "it): set " + prefix + "_USERNAME and " + prefix + "_PASSWORD instead; got '" + Redact.url(url) + "'");
        }
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Settings access (blank is unset, see {@link SettingsSource#get}) with named parse errors. */
    private record Env(SettingsSource values) {

        String get(String name) {
            return values.get(name);
        }

        <T extends Comparable<T>> T parse(String name, T fallback, Function<String, T> parser, T min, T max) {
            String raw = get(name);
            if (raw == null) {
                return fallback;
            }
            T value;
            try {
                value = parser.apply(raw);
            } catch (RuntimeException ex) {
                throw new ConfigurationException(name + " must be a number, got '" + raw + "'");
            }
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new ConfigurationException(name + " must be between " + min + " and " + max + ", got " + raw);
            }
            return value;
        }

        Duration duration(String name, Duration fallback) {
            String raw = get(name);
            if (raw == null) {
                return fallback;
            }
            try {
                Duration d = Duration.parse(raw);
                if (d.isNegative()) {
                    throw new ConfigurationException(name + " must not be negative, got " + raw);
                }
                return d;
            } catch (DateTimeParseException ex) {
                throw new ConfigurationException(name + " must be an ISO-8601 duration such as PT30S, got '" + raw + "'");
            }
        }
    }
}
