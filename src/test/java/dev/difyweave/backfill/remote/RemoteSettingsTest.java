package dev.difyweave.backfill.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

import dev.difyweave.backfill.config.SettingsSource;

/** {@code backfill.remote.*} as a manager's or worker's context binds it: by variable, by property, or the defaults. */
class RemoteSettingsTest {

    private static RemoteSettings bind(Map<String, String> env, Map<String, String> commandLine) {
        return Binder.get(SettingsSource.of(env, commandLine).newEnvironment()).bindOrCreate("backfill.remote",
                RemoteSettings.class);
    }

    @Test
    void theQueueAndThePollIntervalByVariableByPropertyOrTheirDefaults() {
        assertThat(bind(Map.of("BACKFILL_REMOTE_QUEUE", "q-env", "BACKFILL_REMOTE_POLL", "PT0.2S"), Map.of()))
                .isEqualTo(new RemoteSettings("q-env", Duration.ofMillis(200)));
        assertThat(bind(Map.of("BACKFILL_REMOTE_QUEUE", "q-env"), Map.of("backfill.remote.queue", "q-cli",
                "backfill.remote.poll", "2s"))).isEqualTo(new RemoteSettings("q-cli", Duration.ofSeconds(2)));
        assertThat(bind(Map.of(), Map.of())).isEqualTo(new RemoteSettings(RemoteSettings.DEFAULT_QUEUE, Duration.ofSeconds(1)));
    }
}
