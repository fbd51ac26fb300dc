package dev.difyweave.backfill.testsupport;

import java.util.Set;
import java.util.stream.Collectors;

/** The live selector threads of the JDK's HTTP clients in this JVM: one per client that has not been stopped. */
public final class HttpClientThreads {

    private HttpClientThreads() {
    }

    public static Set<Thread> selectors() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
                .collect(Collectors.toSet());
    }
}
