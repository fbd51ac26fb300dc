package dev.difyweave.backfill.testsupport;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Work a test starts and watches while it runs (a command it stops, kills or fails halfway), on a thread of
 * its own. Not with {@code CompletableFuture.supplyAsync}: on two cores, where the common fork-join pool has
 * one thread, Java 17 starts a thread per task but Java 25 runs the task on that one thread, and a reply the
 * JDK's HTTP client had read reached the waiting request only through the same pool: the run waited for
 * itself until its read timeout.
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
