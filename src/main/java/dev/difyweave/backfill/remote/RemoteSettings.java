package dev.difyweave.backfill.remote;

import java.time.Duration;

/**
 * Where partition requests travel and how the manager follows them. The broker itself is Spring
 * Boot's {@code spring.rabbitmq.*} ({@code SPRING_RABBITMQ_HOST}, {@code _PORT}, {@code _USERNAME},
 * {@code _PASSWORD}, {@code _VIRTUAL_HOST}).
 *
 * @param queue        {@code BACKFILL_REMOTE_QUEUE}: the durable queue of partition requests
 * @param pollInterval {@code BACKFILL_REMOTE_POLL}: how often the manager reads its partitions'
 *                     status from the shared job repository
 */
public record RemoteSettings(String queue, Duration pollInterval) {

    public static final String DEFAULT_QUEUE = "dify-weave-backfill.partitions";
}
