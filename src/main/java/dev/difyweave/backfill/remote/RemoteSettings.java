package dev.difyweave.backfill.remote;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Where partition requests travel and how the manager follows them, bound by the context of a
 * manager or worker ({@code backfill.remote.*}, relaxed binding: {@code BACKFILL_REMOTE_QUEUE},
 * {@code BACKFILL_REMOTE_POLL}). The broker itself is Spring Boot's {@code spring.rabbitmq.*}
 * ({@code SPRING_RABBITMQ_HOST}, {@code _PORT}, {@code _USERNAME}, {@code _PASSWORD}, {@code _VIRTUAL_HOST}).
 *
 * @param queue        {@code backfill.remote.queue}: the durable queue of partition requests
 * @param pollInterval {@code backfill.remote.poll}: how often the manager reads its partitions'
 *                     status from the shared job repository
 */
@ConfigurationProperties("backfill.remote")
public record RemoteSettings(@DefaultValue(RemoteSettings.DEFAULT_QUEUE) String queue,
        @Name("poll") @DefaultValue("PT1S") Duration pollInterval) {

    public static final String DEFAULT_QUEUE = "dify-weave-backfill.partitions";
}
