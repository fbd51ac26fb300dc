package dev.difyweave.backfill.weave;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.testsupport.HttpClientThreads;

/**
 * A stopped client leaves no selector thread behind (the thread that, waiting in native code, held up the
 * JVM's exit by 300 ms), on the JDK the tests run on (Java 17: the interrupted thread; 21 and later:
 * {@code shutdownNow()}), and another client's thread keeps running.
 */
class JdkHttpClientsTest {

    @Test
    void aStoppedClientsSelectorThreadEndsAndOnlyThatOne() throws Exception {
        Set<Thread> before = HttpClientThreads.selectors();
        HttpClient stopped = HttpClient.newHttpClient();
        Set<Thread> stoppedThreads = HttpClientThreads.selectors();
        stoppedThreads.removeAll(before);
        HttpClient other = HttpClient.newHttpClient();
        Set<Thread> otherThreads = HttpClientThreads.selectors();
        otherThreads.removeAll(before);
        otherThreads.removeAll(stoppedThreads);
        assertThat(stoppedThreads).as("the stopped client's selector").hasSize(1);
        assertThat(otherThreads).as("the other client's selector").hasSize(1);

        JdkHttpClients.stop(stopped);

        Thread selector = stoppedThreads.iterator().next();
        selector.join(5_000);
        assertThat(selector.isAlive()).as(selector.getName() + " after stop").isFalse();
        assertThat(otherThreads.iterator().next().isAlive()).as("the other client's selector").isTrue();
        JdkHttpClients.stop(other);
        JdkHttpClients.stop(stopped); // twice: nothing more happens
    }
}
