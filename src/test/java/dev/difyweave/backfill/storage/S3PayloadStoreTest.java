package dev.difyweave.backfill.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.config.StorageSettings;
import dev.difyweave.backfill.testsupport.FakeS3Server;

/** {@link S3PayloadStore} (the AWS SDK) against the in-process S3 of the tests ({@link FakeS3Server}), which checks every signature. */
class S3PayloadStoreTest {

    private static final String ACCESS = "AKIDEXAMPLE0000000001";
    private static final String SECRET = "s3cr3t/KEY+with/slashes0000000000000000";
    private static final String NAMES = "DIFY_STORAGE_S3_ACCESS_KEY/DIFY_STORAGE_S3_SECRET_KEY";

    private FakeS3Server s3;
    private S3PayloadStore store;

    @BeforeEach
    void start() {
        s3 = new FakeS3Server("dify", null, ACCESS, SECRET).start();
    }

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        s3.close();
    }

    private S3PayloadStore store(String endpoint, String access, String secret, boolean pathStyle) {
        store = new S3PayloadStore(new StorageSettings.S3(URI.create(endpoint), "dify", "eu-central-1", access, secret,
                null, pathStyle, NAMES), Duration.ofSeconds(2), Duration.ofSeconds(5));
        return store;
    }

    private S3PayloadStore store(String secret) {
        return store(s3.endpoint(), ACCESS, secret, true);
    }

    @Test
    void readsAnObjectWithASignedGet() throws Exception {
        s3.put("upload_files/tenant-1/0f0e.json", "{\"text\": \"full payload\"}".getBytes(StandardCharsets.UTF_8));

        byte[] content = store(SECRET).read("upload_files/tenant-1/0f0e.json");

        assertThat(new String(content, StandardCharsets.UTF_8)).isEqualTo("{\"text\": \"full payload\"}");
    }

    @Test
    void keysWithCharactersThatNeedEncodingAreSignedAsS3ExpectsThem() throws Exception {
        String key = "upload_files/t 1/a+b=c&d~é.json";
        s3.put(key, "[]".getBytes(StandardCharsets.UTF_8));

        assertThat(store(SECRET).read(key)).isEqualTo("[]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aMissingObjectIsUnavailableWithS3sCode() {
        assertThatThrownBy(() -> store(SECRET).read("upload_files/t/gone.json"))
                .isInstanceOf(PayloadUnavailableException.class)
                .hasMessage("no object s3://dify/upload_files/t/gone.json (NoSuchKey)");
    }

    @Test
    void aWrongSecretIsRefusedNamingTheSettingsAndNeverShowingIt() {
        s3.put("k.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store("wrong-secret-0123456789").read("k.json"))
                .isInstanceOf(PayloadUnavailableException.class)
                .hasMessage("S3 refused the credentials for s3://dify/k.json (403 SignatureDoesNotMatch): check " + NAMES)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret").doesNotContain(SECRET));
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
        s3.put("k.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store(s3.endpoint(), "AKIDSOMEONEELSE000001", SECRET, true).read("k.json"))
                .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("403 InvalidAccessKeyId");
    }

    @Test
    void theCheckPassesForABucketThatTakesTheKeysAndFailsClearlyOtherwise() {
        assertThatCode(() -> store(SECRET).check()).doesNotThrowAnyException();
        store.close();

        assertThatThrownBy(() -> store("wrong-secret-0123456789").check())
                .isInstanceOf(PayloadUnavailableException.class)
                .hasMessage("S3 refused the credentials for bucket dify (403 SignatureDoesNotMatch): check " + NAMES);
        store.close();

        store = new S3PayloadStore(new StorageSettings.S3(URI.create(s3.endpoint()), "no-such-bucket", "eu-central-1",
                ACCESS, SECRET, null, true, NAMES), Duration.ofSeconds(2), Duration.ofSeconds(5));
        assertThatThrownBy(store::check).isInstanceOf(PayloadUnavailableException.class)
                .hasMessage("no bucket no-such-bucket at " + s3.endpoint() + " (404 NoSuchBucket)");
    }

    @Test
    void anUnreachableServerIsUnavailableNotAFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertThatThrownBy(() -> store("http://127.0.0.1:" + closedPort, ACCESS, SECRET, true).read("k.json"))
                .isInstanceOf(PayloadUnavailableException.class)
                .hasMessage("S3 request for s3://dify/k.json failed: ConnectException: Connection refused");
    }

    @Test
    void describesTheBucketWithoutCredentials() {
        assertThat(store(SECRET).describe()).isEqualTo("bucket dify at " + s3.endpoint()).doesNotContain(SECRET)
                .doesNotContain(ACCESS);
        assertThat(store.toString()).doesNotContain(SECRET);
    }
}
