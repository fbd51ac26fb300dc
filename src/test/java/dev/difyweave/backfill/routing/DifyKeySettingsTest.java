package dev.difyweave.backfill.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.ConfigurationException;

/** BACKFILL_DIFY_KEYS and Dify's storage, and WF_TRACE_SERVER_URL being set or not. */
class DifyKeySettingsTest {

    @Test
    void offByDefaultAndNamedWhenWrong(@TempDir Path dir) throws Exception {
        assertThat(BackfillSettings.fromEnvironment(Map.of()).weave().difyKeys()).isFalse();
        assertThat(BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "false")).weave().difyKeys()).isFalse();
        assertThatThrownBy(() -> BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "yes")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BACKFILL_DIFY_KEYS must be true or false");
        assertThatThrownBy(() -> BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "true")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DIFY_STORAGE_PATH")
                .hasMessageContaining("DIFY_STORAGE_S3_BUCKET");
        assertThatThrownBy(() -> BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "true",
                "DIFY_STORAGE_PATH", dir.toString()))).hasMessageContaining("no privkeys/ directory");
        Files.createDirectories(dir.resolve("privkeys"));
        BackfillSettings settings = BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "TRUE",
                "DIFY_STORAGE_PATH", dir.toString()));
        assertThat(settings.weave().difyKeys()).isTrue();
        assertThat(settings.storage().fileSystemRoot()).isEqualTo(dir.toAbsolutePath().normalize());
    }

    @Test
    void withS3TheKeysAreReadFromTheBucket() {
        BackfillSettings settings = BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "true",
                "STORAGE_TYPE", "s3", "S3_BUCKET_NAME", "difyai", "S3_REGION", "eu-central-1"));
        assertThat(settings.weave().difyKeys()).isTrue();
        assertThat(settings.storage().s3().bucket()).isEqualTo("difyai");
    }

    @Test
    void whetherWfTraceServerUrlWasSet() {
        assertThat(BackfillSettings.fromEnvironment(Map.of()).weave().serverUrlSet()).isFalse();
        assertThat(BackfillSettings.fromEnvironment(Map.of("WF_TRACE_SERVER_URL", "https://trace.wandb.ai")).weave()
                .serverUrlSet()).isTrue();
    }
}
