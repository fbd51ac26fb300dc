package dev.difyweave.backfill.testsupport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work a test starts and watches while it runs (a command it stops, kills or fails halfway), on a thread of
 * its own. Not on {@code CompletableFuture.supplyAsync}'s common fork-join pool: on two cores that pool has
 * one thread, and on Java 25 a reply the JDK's HTTP client had read reaches the waiting request through that
 * pool, so a run holding its thread waited for replies already received until its read timeout.
 */
public final class OwnThread {

    private OwnThread() {
    }

    public static <T> CompletableFuture<T> supply(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable failure) {
                result.completeExceptionally(failure);
            }
        }, "test-own-thread");
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
