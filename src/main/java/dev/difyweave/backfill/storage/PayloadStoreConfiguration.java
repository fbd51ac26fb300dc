package dev.difyweave.backfill.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.difyweave.backfill.config.BackfillSettings;

/** Wiring only: the one {@link PayloadStore} of the process, from {@code DIFY_STORAGE_*}. */
@Configuration(proxyBeanMethods = false)
public class PayloadStoreConfiguration {

    @Bean
    PayloadStore payloadStore(BackfillSettings settings) {
        return PayloadStores.of(settings.storage(), settings.tuning().connectTimeout(), settings.tuning().readTimeout());
    }
}
