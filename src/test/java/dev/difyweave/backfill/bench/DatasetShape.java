package dev.difyweave.backfill.bench;

import java.util.Locale;

import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * The dataset shapes the benchmark generates ({@code -Dbench.shape=}), both with about {@code bench.runs}
 * workflow runs and {@code bench.messages} messages, so the backfill's per-byte and per-call costs can be
 * told apart. {@code default}: the generator's usual payloads, agent thoughts and files, ten-message
 * conversations. {@code small-payloads}: many small calls, the shape of most real Dify histories: short
 * node payloads ({@code payloadBytes} 300 instead of 2,048), two-message conversations (so prompts that
 * carry the history stay short), no agent apps (so no agent thoughts, fewer files). Measured on the
 * generator as it is: a call's payload (inputs + output) is ~0.86 KB median, 55 % under 1 KB (default
 * ~1.4 KB, 35 %); on the wire each call also carries ~1.3 KB of ids, timestamps, attributes and summary,
 * so ~2.4 KB per call against ~2.9 KB (the benchmark prints the measured average).
 */
enum DatasetShape {
    DEFAULT, SMALL_PAYLOADS;

    static DatasetShape parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "default" -> DEFAULT;
            case "small-payloads" -> SMALL_PAYLOADS;
            default -> throw new IllegalArgumentException("bench.shape: default or small-payloads, got " + value);
        };
    }

    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Two workspaces with five workflow apps and four message apps each (one per message mode, unless said). */
    DifyDataGenerator.Spec spec(int runs, int messages) {
        int workflowApps = 10;
        int messageApps = 8;
        int perConversation = this == DEFAULT ? 10 : 2;
        int conversations = Math.max(1, messages / (messageApps * perConversation));
        var builder = DifyDataGenerator.Spec.small().toBuilder()
                .seed(7).tenants(2).workflowAppsPerTenant(workflowApps / 2).runsPerApp(runs / workflowApps)
                .conversationsPerApp(conversations).messagesPerConversation(perConversation)
                .recordRuns(false);
        if (this == SMALL_PAYLOADS) {
            // the agent app's place goes to a second chat app, so the message count stays the same
            builder.payloadBytes(300).agentAppsPerTenant(0).chatAppsPerTenant(2);
        }
        return builder.build();
    }
}
