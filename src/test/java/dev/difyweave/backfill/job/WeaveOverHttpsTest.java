package dev.difyweave.backfill.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.testsupport.TlsWeaveFront;
import dev.difyweave.backfill.testsupport.TlsWeaveFront.SelfSignedCertificate;
import dev.difyweave.demo.generator.DifyDataGenerator;

/**
 * The path production takes to Weave: {@code https://}, the JDK HTTP client negotiating HTTP/2 by ALPN,
 * the server's certificate checked against the JVM's trust store. The fake Weave server sits behind a
 * TLS front with a certificate made for the test; the backfill runs in a child JVM (its own default
 * SSL context), trusting that certificate only through the standard
 * {@code -Djavax.net.ssl.trustStore} options of docs/operations.md.
 */
class WeaveOverHttpsTest {

    private BackfillHarness harness;
    private TlsWeaveFront front;

    @AfterEach
    void tearDown() {
        if (front != null) {
            front.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void aMigrateOverHttpsSpeaksHttp2AndDeliversEveryCallOnceWhenTheJvmTrustsTheCertificate(@TempDir Path work)
            throws Exception {
        harness = BackfillHarness.withData(DifyDataGenerator.Spec.small());
        SelfSignedCertificate certificate = SelfSignedCertificate.create(work);
        front = new TlsWeaveFront(harness.weave, certificate).start();
        Map<String, String> env = new HashMap<>(harness.env);
        env.put("WF_TRACE_SERVER_URL", front.baseUrl());

        // without the trust store the JVM's default CAs do not know the certificate: refused before any work
        int untrusted = run(work, "untrusted", env, List.of(), "migrate", "--to=2026-11-29T00:00:00Z");
        assertThat(untrusted).as(log(work, "untrusted")).isEqualTo(2);
        assertThat(Files.readString(work.resolve("untrusted.err")))
                .startsWith("configuration error: WF_TRACE_SERVER_URL: cannot reach Weave at " + front.baseUrl()
                        + ": TLS failed: ")
                .contains("PKIX path building failed");
        assertThat(harness.weave.requestCount()).as("no request got through TLS").isZero();

        int trusted = run(work, "trusted", env, certificate.trustStoreOptions(), "migrate", "--to=2026-11-29T00:00:00Z");

        assertThat(trusted).as(log(work, "trusted")).isZero();
        harness.assertEveryExpectedCallExactlyOnce();
        assertThat(harness.weave.writeRequestCount()).isPositive();
        // every request the fake answered came through the front, each on HTTP/2
        assertThat(front.protocols()).hasSize((int) harness.weave.requestCount()).containsOnly("HTTP/2.0");
        assertThat(harness.weave.requests()).allSatisfy(r -> assertThat(r.header("Authorization")).startsWith("Basic "));
    }

    private static int run(Path work, String name, Map<String, String> env, List<String> jvmOptions, String... args)
            throws Exception {
        Process process = BackfillHarness.child(work, name, env, jvmOptions, args);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within 300 s:\n" + log(work, name));
        }
        return process.exitValue();
    }

    private static String log(Path work, String name) {
        try {
            return Files.readString(work.resolve(name + ".out")) + Files.readString(work.resolve(name + ".err"));
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
