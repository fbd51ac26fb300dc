package dev.difyweave.backfill.config;

import java.util.Locale;

/**
 * Every setting read before a command's Spring context starts: its environment variable (the name
 * of cli.md, the one its messages use) and the Spring property that stands for it. Relaxed binding
 * makes them the same setting: {@code dify.db.url} is {@code DIFY_DB_URL} (upper case, dots and
 * dashes as underscores). {@link #WF_TRACE_SERVER_URL} is Weave's own name for {@code weave.server-url};
 * the settings without a property are Dify's own {@code .env} names, read only as fallbacks.
 * README.md "Configuration" lists them all, property and variable side by side.
 */
public enum Setting {

    DIFY_DB_URL("dify.db.url"),
    DIFY_DB_USERNAME("dify.db.username"),
    DIFY_DB_PASSWORD("dify.db.password"),
    BACKFILL_DB_URL("backfill.db.url"),
    BACKFILL_DB_USERNAME("backfill.db.username"),
    BACKFILL_DB_PASSWORD("backfill.db.password"),
    WANDB_API_KEY("wandb.api-key"),
    WEAVE_PROJECT("weave.project"),
    WF_TRACE_SERVER_URL("weave.server-url"),
    BACKFILL_ALLOWED_WEAVE_HOSTS("backfill.allowed-weave-hosts"),
    BACKFILL_DIFY_KEYS("backfill.dify-keys"),
    DIFY_FILES_URL("dify.files-url"),
    DIFY_STORAGE_PATH("dify.storage.path"),
    DIFY_STORAGE_S3_BUCKET("dify.storage.s3.bucket"),
    DIFY_STORAGE_S3_ENDPOINT("dify.storage.s3.endpoint"),
    DIFY_STORAGE_S3_REGION("dify.storage.s3.region"),
    DIFY_STORAGE_S3_ACCESS_KEY("dify.storage.s3.access-key"),
    DIFY_STORAGE_S3_SECRET_KEY("dify.storage.s3.secret-key"),
    DIFY_STORAGE_S3_ADDRESS_STYLE("dify.storage.s3.address-style"),
    DIFY_STORAGE_S3_SESSION_TOKEN("dify.storage.s3.session-token"),
    DIFY_STORAGE_S3_USE_AWS_MANAGED_IAM("dify.storage.s3.use-aws-managed-iam"),
    BACKFILL_CHUNK_SIZE("backfill.chunk-size"),
    BACKFILL_PARTITIONS("backfill.partitions"),
    BACKFILL_MAX_ROWS_PER_SECOND("backfill.max-rows-per-second"),
    BACKFILL_DIFY_STATEMENT_TIMEOUT("backfill.dify-statement-timeout"),
    BACKFILL_BATCH_BYTES("backfill.batch-bytes"),
    BACKFILL_BATCH_CALLS("backfill.batch-calls"),
    BACKFILL_MAX_CALL_BYTES("backfill.max-call-bytes"),
    BACKFILL_HTTP_CONNECT_TIMEOUT("backfill.http.connect-timeout"),
    BACKFILL_HTTP_TIMEOUT("backfill.http.timeout"),
    BACKFILL_RETRY_MAX("backfill.retry.max"),
    BACKFILL_RETRY_INITIAL_DELAY("backfill.retry.initial-delay"),
    BACKFILL_RETRY_MAX_DELAY("backfill.retry.max-delay"),
    BACKFILL_RETRY_AFTER_MAX("backfill.retry.after-max"),

    // Dify's own .env names (docker/.env of a Dify deployment): fallbacks only
    DB_HOST(null),
    DB_PORT(null),
    DB_DATABASE(null),
    DB_USERNAME(null),
    DB_PASSWORD(null),
    FILES_URL(null),
    STORAGE_TYPE(null),
    STORAGE_LOCAL_PATH(null),
    OPENDAL_SCHEME(null),
    OPENDAL_FS_ROOT(null),
    S3_BUCKET_NAME(null),
    S3_ENDPOINT(null),
    S3_REGION(null),
    S3_ACCESS_KEY(null),
    S3_SECRET_KEY(null),
    S3_ADDRESS_STYLE(null),
    S3_USE_AWS_MANAGED_IAM(null);

    private final String property;

    Setting(String property) {
        this.property = property;
    }

    /** The Spring property, or {@code null} for Dify's own names. */
    public String property() {
        return property;
    }

    /** The environment variable, as messages name it. */
    public String variable() {
        return name();
    }

    /** The environment variable relaxed binding derives from a property: {@code a.b-c} is {@code A_B_C}. */
    public static String variableOf(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The setting of a variable; an undeclared name is a programming error, not a user's. */
    static Setting named(String variable) {
        try {
            return valueOf(variable);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not declared in " + Setting.class.getName(), e);
        }
    }
}
