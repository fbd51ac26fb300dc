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

/** BACKFILL_DIFY_KEYS and DIFY_STORAGE_PATH, and WF_TRACE_SERVER_URL being set or not. */
class DifyKeySettingsTest {

    @Test
    void offByDefaultAndNamedWhenWrong(@TempDir Path dir) throws Exception {
        assertThat(BackfillSettings.fromEnvironment(Map.of()).weave().difyKeyStorage()).isNull();
        assertThat(BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "false")).weave().difyKeyStorage()).isNull();
        assertThatThrownBy(() -> BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "yes")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("BACKFILL_DIFY_KEYS must be true or false");
        assertThatThrownBy(() -> BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "true")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DIFY_STORAGE_PATH");
        assertThatThrownBy(() -> BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "true",
                "DIFY_STORAGE_PATH", dir.toString()))).hasMessageContaining("no privkeys/ directory");
        Files.createDirectories(dir.resolve("privkeys"));
        assertThat(BackfillSettings.fromEnvironment(Map.of("BACKFILL_DIFY_KEYS", "TRUE", "DIFY_STORAGE_PATH",
                dir.toString())).weave().difyKeyStorage()).isEqualTo(dir);
    }

    @Test
    void whetherWfTraceServerUrlWasSet() {
        assertThat(BackfillSettings.fromEnvironment(Map.of()).weave().serverUrlSet()).isFalse();
        assertThat(BackfillSettings.fromEnvironment(Map.of("WF_TRACE_SERVER_URL", "https://trace.wandb.ai")).weave()
                .serverUrlSet()).isTrue();
    }
}
