package dev.difyweave.backfill.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The typed settings are the same whichever source gives the values: every setting with a value other
 * than its default, by environment variable, in a config file, in a config tree, on the command line;
 * a wrong value is refused with the message of its variable wherever it came from.
 */
class SettingsBindingTest {

    /** Every setting set, none to its default; {@code storage} is a Dify storage root with {@code privkeys/}. */
    private static Map<String, String> everySetting(Path storage) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DIFY_DB_URL", "jdbc:postgresql://dify-db:5433/dify");
        values.put("DIFY_DB_USERNAME", "reader");
        values.put("DIFY_DB_PASSWORD", "dify-password");
        values.put("BACKFILL_DB_URL", "jdbc:postgresql://state-db:5432/backfill");
        values.put("BACKFILL_DB_USERNAME", "writer");
        values.put("BACKFILL_DB_PASSWORD", "state-password");
        values.put("WANDB_API_KEY", "wandb-key-0123456789");
        values.put("WEAVE_PROJECT", "acme/dify");
        values.put("WF_TRACE_SERVER_URL", "https://weave.example.com");
        values.put("BACKFILL_ALLOWED_WEAVE_HOSTS", "weave2.example.com");
        values.put("BACKFILL_DIFY_KEYS", "true");
        values.put("DIFY_FILES_URL", "https://dify.example.com/files");
        values.put("DIFY_STORAGE_PATH", storage.toString());
        values.put("BACKFILL_CHUNK_SIZE", "250");
        values.put("BACKFILL_PARTITIONS", "3");
        values.put("BACKFILL_MAX_ROWS_PER_SECOND", "5000");
        values.put("BACKFILL_DIFY_STATEMENT_TIMEOUT", "PT2M");
        values.put("BACKFILL_BATCH_BYTES", "1048576");
        values.put("BACKFILL_BATCH_CALLS", "500");
        values.put("BACKFILL_MAX_CALL_BYTES", "1048576");
        values.put("BACKFILL_HTTP_CONNECT_TIMEOUT", "PT3S");
        values.put("BACKFILL_HTTP_TIMEOUT", "PT30S");
        values.put("BACKFILL_RETRY_MAX", "4");
        values.put("BACKFILL_RETRY_INITIAL_DELAY", "PT2S");
        values.put("BACKFILL_RETRY_MAX_DELAY", "PT20S");
        values.put("BACKFILL_RETRY_AFTER_MAX", "PT100S");
        return values;
    }

    /** The same values under their properties: {@code dify.db.url=...}. */
    private static Map<String, String> asProperties(Map<String, String> variables) {
        Map<String, String> properties = new LinkedHashMap<>();
        variables.forEach((variable, value) -> properties.put(Setting.valueOf(variable).property(), value));
        return properties;
    }

    private static void assertSameSettings(BackfillSettings actual, BackfillSettings expected) {
        assertThat(actual.dify()).isEqualTo(expected.dify());
        assertThat(actual.state()).isEqualTo(expected.state());
        assertThat(actual.weave()).isEqualTo(expected.weave());
        assertThat(actual.filesUrl()).isEqualTo(expected.filesUrl());
        assertThat(actual.tuning()).isEqualTo(expected.tuning());
        assertThat(actual.storage()).isEqualTo(expected.storage());
    }

    @Test
    void theSameValuesMakeTheSameSettingsFromEverySource(@TempDir Path dir) throws IOException {
        Path storage = Files.createDirectories(dir.resolve("storage/privkeys"));
        Map<String, String> variables = everySetting(storage.getParent());
        BackfillSettings fromEnv = BackfillSettings.fromEnvironment(variables);
        // every value is taken, none is a default
        assertThat(fromEnv.dify()).isEqualTo(new DatabaseSettings("jdbc:postgresql://dify-db:5433/dify", "reader", "dify-password"));
        assertThat(fromEnv.weave().serverUrlSet()).isTrue();
        assertThat(fromEnv.weave().difyKeys()).isTrue();
        assertThat(fromEnv.storage().fileSystemRoot()).isEqualTo(storage.getParent().toAbsolutePath().normalize());
        assertThat(fromEnv.tuning().retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(100));
        assertThat(fromEnv.tuning().difyStatementTimeout()).isEqualTo(Duration.ofMinutes(2));

        Path yaml = dir.resolve("backfill.yml");
        Files.writeString(yaml, asProperties(variables).entrySet().stream()
                .map(e -> e.getKey() + ": \"" + e.getValue() + "\"").collect(Collectors.joining("\n")));
        assertSameSettings(BackfillSettings.from(SettingsSource.of(Map.of(), Map.of("spring.config.location", yaml.toString()))),
                fromEnv);

        Path tree = Files.createDirectories(dir.resolve("tree"));
        for (Map.Entry<String, String> e : asProperties(variables).entrySet()) {
            Files.writeString(tree.resolve(e.getKey()), e.getValue());
        }
        assertSameSettings(BackfillSettings.from(SettingsSource.of(Map.of("SPRING_CONFIG_IMPORT", "configtree:" + tree + "/"))),
                fromEnv);

        assertSameSettings(BackfillSettings.from(SettingsSource.of(Map.of(), asProperties(variables))), fromEnv);
    }

    @Test
    void anS3BucketFromProperties(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("application.yml");
        Files.writeString(yaml, """
                dify:
                  storage:
                    s3:
                      bucket: dify-files
                      endpoint: http://minio:9000
                      region: eu-west-1
                      access-key: AKIAEXAMPLE
                      secret-key: s3-secret-0123
                      address-style: virtual
                """);

        StorageSettings.S3 s3 = BackfillSettings.from(SettingsSource.of(Map.of(), Map.of("spring.config.location",
                yaml.toString()))).storage().s3();

        assertThat(s3).isEqualTo(StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "dify-files",
                "DIFY_STORAGE_S3_ENDPOINT", "http://minio:9000", "DIFY_STORAGE_S3_REGION", "eu-west-1",
                "DIFY_STORAGE_S3_ACCESS_KEY", "AKIAEXAMPLE", "DIFY_STORAGE_S3_SECRET_KEY", "s3-secret-0123",
                "DIFY_STORAGE_S3_ADDRESS_STYLE", "virtual")).s3());
        assertThat(s3.pathStyle()).isFalse();
    }

    @Test
    void aWrongValueFromAFileIsNamedByItsVariable(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("application.yml");
        Files.writeString(yaml, "backfill.retry.initial-delay: soon\n");

        assertThatThrownBy(() -> BackfillSettings.from(SettingsSource.of(Map.of(), Map.of("spring.config.location",
                yaml.toString())))).isInstanceOf(ConfigurationException.class)
                .hasMessage("BACKFILL_RETRY_INITIAL_DELAY must be an ISO-8601 duration such as PT30S, got 'soon'");
    }
}
