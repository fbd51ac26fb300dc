package dev.difyweave.backfill.weave;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.http.HttpClient;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops a JDK {@link HttpClient} for good: its selector thread ends and its connections close. That thread
 * waits in native code ({@code epoll_wait}) for as long as the client lives, and at exit HotSpot waits up to
 * 300 ms for threads in native code to come back: every command that had talked to Weave ended 0.3 s late.
 * Java 21 and later have {@code HttpClient.shutdownNow()}; Java 17 has no way to stop a client, so its
 * selector thread, which the client names after its id ({@code HttpClient-<id>-SelectorManager}, the id
 * in the client's {@code toString}), is interrupted: that ends its loop and closes the client's
 * connections, as {@code shutdownNow()} does.
 */
final class JdkHttpClients {

    /** {@code HttpClient.shutdownNow()}, or {@code null} before Java 21. */
    private static final MethodHandle SHUTDOWN_NOW = shutdownNow();

    /** {@code jdk.internal.net.http.HttpClientImpl@1b6d3586(7)}: the id in parentheses. */
    private static final Pattern ID = Pattern.compile("\\((\\d+)\\)$");

    private JdkHttpClients() {
    }

    static void stop(HttpClient client) {
        if (SHUTDOWN_NOW != null) {
            try {
                SHUTDOWN_NOW.invoke(client);
            } catch (Throwable e) {
                throw new IllegalStateException("could not stop the HTTP client", e);
            }
            return;
        }
        Matcher id = ID.matcher(client.toString());
        if (!id.find()) {
            return; // another JDK's client: it ends with the JVM, a little later
        }
        Thread selector = thread("HttpClient-" + id.group(1) + "-SelectorManager");
        if (selector != null) {
            selector.interrupt();
        }
    }

    private static Thread thread(String name) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int count = root.enumerate(threads, true);
        for (int i = 0; i < count; i++) {
            if (threads[i].getName().equals(name)) {
                return threads[i];
            }
        }
        return null;
    }

    private static MethodHandle shutdownNow() {
        try {
            return MethodHandles.publicLookup().findVirtual(HttpClient.class, "shutdownNow",
                    MethodType.methodType(void.class));
        } catch (NoSuchMethodException | IllegalAccessException beforeJava21) {
            return null;
        }
    }
}
