package dev.difyweave.backfill.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.config.StorageSettings;
import dev.difyweave.backfill.testsupport.FakeS3Server;

/** {@link S3PayloadStore} against an in-process S3-compatible server that checks every signature. */
class S3PayloadStoreTest {

    private static final String ACCESS = "AKIDEXAMPLE0000000001";
    private static final String SECRET = "s3cr3t/KEY+with/slashes0000000000000000";

    private FakeS3Server s3;

    @BeforeEach
    void start() {
        s3 = new FakeS3Server("dify", "eu-central-1", ACCESS, SECRET).start();
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    private S3PayloadStore store(String secret, Clock clock) {
        return new S3PayloadStore(new StorageSettings.S3(URI.create(s3.endpoint()), "dify", "eu-central-1", ACCESS,
                secret, true), Duration.ofSeconds(2), Duration.ofSeconds(5), clock);
    }

    @Test
    void readsAnObjectWithASignedGet() throws Exception {
        s3.put("upload_files/tenant-1/0f0e.json", "{\"text\": \"full payload\"}".getBytes(StandardCharsets.UTF_8));

        byte[] content = store(SECRET, Clock.systemUTC()).read("upload_files/tenant-1/0f0e.json");

        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"text\": \"full payload\"}");
        assertThat(s3.requests()).containsExactly("GET /dify/upload_files/tenant-1/0f0e.json -> 200");
    }

    @Test
    void keysWithCharactersThatNeedEncodingAreSignedAsS3ExpectsThem() throws Exception {
        String key = "upload_files/t 1/a+b=c&d~é.json";
        s3.put(key, "[]".getBytes(StandardCharsets.UTF_8));

        assertThat(store(SECRET, Clock.systemUTC()).read(key)).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingObjectIsUnavailableWithS3sCode() {
        assertThatThrownBy(() -> store(SECRET, Clock.systemUTC()).read("upload_files/t/gone.json"))
                .isInstanceOf(PayloadUnavailableException.class)
                .hasMessage("no object s3://dify/upload_files/t/gone.json (NoSuchKey)");
    }

    @Test
    void aWrongSecretIsRefusedAndNeverShown() {
        s3.put("k.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store("wrong-secret", Clock.systemUTC()).read("k.json"))
                .isInstanceOf(PayloadUnavailableException.class)
                .hasMessageContaining("403 SignatureDoesNotMatch")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret").doesNotContain(SECRET));
    }

    @Test
    void aSkewedClockIsRefused() {
        s3.put("k.json", "{}".getBytes(StandardCharsets.UTF_8));
        Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        assertThatThrownBy(() -> store(SECRET, hourAgo).read("k.json"))
                .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("RequestTimeTooSkewed");
    }

    @Test
    void anUnreachableServerIsUnavailableNotAFailure() {
        S3PayloadStore store = store(SECRET, Clock.systemUTC());
        s3.close();
        assertThatThrownBy(() -> store.read("k.json"))
                .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("S3 request for s3://dify/k.json failed");
    }

    @Test
    void virtualHostStyleAddressesTheBucketInTheHost() {
        assertThat(S3PayloadStore.hostHeader(URI.create("https://s3.eu-central-1.amazonaws.com"), "dify"))
                .isEqualTo("dify.s3.eu-central-1.amazonaws.com");
        assertThat(S3PayloadStore.hostHeader(URI.create("https://minio.local:443"), null)).isEqualTo("minio.local");
        assertThat(S3PayloadStore.hostHeader(URI.create("http://minio.local:9000"), null)).isEqualTo("minio.local:9000");
    }

    @Test
    void describesTheBucketWithoutCredentials() {
        assertThat(store(SECRET, Clock.systemUTC()).describe()).contains("dify").doesNotContain(SECRET)
                .doesNotContain(ACCESS);
    }
}
