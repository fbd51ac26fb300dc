package dev.difyweave.backfill.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.config.StorageSettings;
import dev.difyweave.backfill.testsupport.FakeS3Server;
import dev.difyweave.backfill.testsupport.FakeSts;

/**
 * Which credentials and region {@link S3PayloadStore} signs with, checked on the wire by {@link
 * FakeS3Server} (signature, credential scope region, session token):
 * static keys with a session token, and without keys the AWS SDK's own chains, here fed through their
 * system properties (the same settings as the {@code AWS_*} environment variables), web identity
 * (EKS IRSA) against {@link FakeSts} included.
 */
class S3CredentialsTest {

    private static final String REGION = "eu-central-1";
    private static final String ACCESS = "ASIATEMPORARY0000001";
    private static final String SECRET = "temporary/secret+key00000000000000000000";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE-session-token//0000000000";
    private static final String STATIC_KEYS = "DIFY_STORAGE_S3_ACCESS_KEY/DIFY_STORAGE_S3_SECRET_KEY";

    private final Map<String, String> savedProperties = new HashMap<>();
    private FakeS3Server s3;
    private S3PayloadStore store;

    @AfterEach
    void tearDown() {
        if (store != null) {
            store.close();
        }
        if (s3 != null) {
            s3.close();
        }
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    /** Sets a system property for this test only ({@code null}: cleared). */
    private void property(String name, String value) {
        savedProperties.putIfAbsent(name, System.getProperty(name));
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    private FakeS3Server s3WithTemporaryCredentials() {
        s3 = new FakeS3Server("dify", REGION, ACCESS, SECRET).requireSessionToken(TOKEN).start();
        s3.put("upload_files/t/k.json", "{\"full\": true}".getBytes(StandardCharsets.UTF_8));
        return s3;
    }

    private S3PayloadStore store(StorageSettings.S3 settings) {
        store = new S3PayloadStore(settings, Duration.ofSeconds(2), Duration.ofSeconds(5));
        return store;
    }

    private S3PayloadStore staticKeys(String token) {
        return store(new StorageSettings.S3(URI.create(s3.endpoint()), "dify", REGION, ACCESS, SECRET, token, true,
                token == null ? STATIC_KEYS : STATIC_KEYS + "/DIFY_STORAGE_S3_SESSION_TOKEN"));
    }

    @Test
    void aSessionTokenIsSentSignedWithTheStaticKeysAndPathStyleNamesTheBucketInThePath() throws Exception {
        s3WithTemporaryCredentials();

        assertThat(staticKeys(TOKEN).read("upload_files/t/k.json")).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"full\": true}");

        assertThat(s3.requests()).containsExactly("GET /dify/upload_files/t/k.json -> 200");
        assertThat(s3.hosts()).containsExactly(URI.create(s3.endpoint()).getAuthority());
    }

    @Test
    void virtualHostStyleNamesTheBucketInTheHostName() {
        s3WithTemporaryCredentials();
        URI endpoint = URI.create("http://localhost:" + URI.create(s3.endpoint()).getPort());
        store(new StorageSettings.S3(endpoint, "dify", REGION, ACCESS, SECRET, TOKEN, false, STATIC_KEYS));

        Throwable failure = catchThrowable(() -> store.read("upload_files/t/k.json"));

        // dify.localhost is the loopback on some systems (the server then sees it as the Host), unknown on others
        assertThat(failure).isInstanceOf(PayloadUnavailableException.class);
        assertThat(failure.getMessage() + " " + s3.hosts()).contains("dify.localhost");
        assertThat(s3.requests()).noneMatch(r -> r.startsWith("GET /dify/"));
    }

    @Test
    void temporaryKeysWithoutTheirTokenOrWithAnotherAreRefusedAndTheTokenIsNeverShown() {
        s3WithTemporaryCredentials();

        assertThatThrownBy(() -> staticKeys(null).read("upload_files/t/k.json"))
                .isInstanceOf(PayloadUnavailableException.class).hasMessage("S3 refused the credentials for "
                        + "s3://dify/upload_files/t/k.json (400 InvalidToken): check " + STATIC_KEYS);
        store.close();
        String otherToken = "another-session-token-000000";
        assertThatThrownBy(() -> staticKeys(otherToken).read("upload_files/t/k.json"))
                .isInstanceOf(PayloadUnavailableException.class).hasMessageContaining("(400 InvalidToken): check "
                        + STATIC_KEYS + "/DIFY_STORAGE_S3_SESSION_TOKEN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(otherToken).doesNotContain(SECRET));
    }

    /**
     * EKS IRSA: the pod has AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE; the SDK's default chain trades
     * the token for temporary credentials at STS (the {@code sts} module on the class path) and signs
     * with them, session token included. The region comes from the SDK's chain (AWS_REGION).
     */
    @Test
    void withoutKeysTheDefaultChainTradesAWebIdentityTokenAtStsAsIrsaDoes(@TempDir Path dir) throws Exception {
        s3WithTemporaryCredentials();
        String role = "arn:aws:iam::123456789012:role/dify-weave-backfill";
        String jwt = "eyJhbGciOiJSUzI1NiJ9.projected-service-account-token.signature";
        Path tokenFile = Files.writeString(dir.resolve("token"), jwt);
        try (FakeSts sts = new FakeSts(role, jwt, ACCESS, SECRET, TOKEN).start()) {
            property("aws.roleArn", role);
            property("aws.webIdentityTokenFile", tokenFile.toString());
            property("aws.endpointUrlSts", sts.endpoint());
            property("aws.region", REGION);
            StorageSettings.S3 settings = StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "dify",
                    "DIFY_STORAGE_S3_ENDPOINT", s3.endpoint())).s3();
            assertThat(settings.staticKeys()).isFalse();
            assertThat(settings.region()).isNull();

            assertThat(store(settings).read("upload_files/t/k.json")).asString(StandardCharsets.UTF_8)
                    .isEqualTo("{\"full\": true}");

            assertThat(sts.requests()).singleElement().satisfies(form -> {
                assertThat(form).containsEntry("Action", "AssumeRoleWithWebIdentity").containsEntry("RoleArn", role)
                        .containsEntry("WebIdentityToken", jwt);
            });
            assertThat(s3.requests()).containsExactly("GET /dify/upload_files/t/k.json -> 200");
        }
    }

    /** Dify's S3_USE_AWS_MANAGED_IAM=true: its S3_ACCESS_KEY/S3_SECRET_KEY are not used, the default chain is. */
    @Test
    void withDifysManagedIamTheDefaultChainSignsEvenWhenKeysAreSet() throws Exception {
        s3WithTemporaryCredentials();
        property("aws.accessKeyId", ACCESS);
        property("aws.secretAccessKey", SECRET);
        property("aws.sessionToken", TOKEN);
        StorageSettings.S3 settings = StorageSettings.fromEnvironment(Map.of("STORAGE_TYPE", "s3",
                "S3_BUCKET_NAME", "dify", "S3_REGION", REGION, "S3_ACCESS_KEY", "AKIDSTALE00000000000",
                "S3_SECRET_KEY", "stale-secret-000", "S3_USE_AWS_MANAGED_IAM", "true",
                "DIFY_STORAGE_S3_ENDPOINT", s3.endpoint())).s3();

        assertThat(store(settings).read("upload_files/t/k.json")).asString(StandardCharsets.UTF_8)
                .isEqualTo("{\"full\": true}");
        assertThat(s3.requests()).containsExactly("GET /dify/upload_files/t/k.json -> 200");
    }

    @Test
    void withoutKeysAndNothingForTheDefaultChainTheCheckSaysSoInOneLine(@TempDir Path dir) {
        s3WithTemporaryCredentials();
        for (String name : new String[] {"aws.accessKeyId", "aws.secretAccessKey", "aws.sessionToken", "aws.roleArn",
                "aws.webIdentityTokenFile"}) {
            property(name, null);
        }
        property("aws.configFile", dir.resolve("no-config").toString());
        property("aws.sharedCredentialsFile", dir.resolve("no-credentials").toString());
        property("aws.disableEc2Metadata", "true");
        store(new StorageSettings.S3(URI.create(s3.endpoint()), "dify", REGION, null, null, null, true, null));

        assertThatThrownBy(store::check).isInstanceOf(PayloadUnavailableException.class)
                .hasMessageStartingWith("no AWS credentials for bucket dify: no static keys are configured and the AWS "
                        + "SDK's default chain (environment, profile, web identity, container or instance role) found none: "
                        + "[SystemPropertyCredentialsProvider(): Unable to load credentials")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(s3.requests()).as("nothing unsigned was sent").isEmpty();
    }

    @Test
    void noRegionAnywhereIsOneConfigurationErrorForAwsS3(@TempDir Path dir) {
        noRegionChain(dir);
        StorageSettings.S3 settings = new StorageSettings.S3(null, "dify", null, ACCESS, SECRET, null, true, STATIC_KEYS);

        assertThatThrownBy(() -> store(settings)).isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DIFY_STORAGE_S3_REGION (or Dify's S3_REGION) is not set and the AWS SDK found no region")
                .hasMessageContaining("bucket dify").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anS3CompatibleServerWithoutARegionIsSignedForUsEast1AsBoto3Does(@TempDir Path dir) throws Exception {
        noRegionChain(dir);
        s3 = new FakeS3Server("dify", "us-east-1", ACCESS, SECRET).start();
        s3.put("upload_files/t/k.json", "{\"full\": true}".getBytes(StandardCharsets.UTF_8));

        assertThat(store(new StorageSettings.S3(URI.create(s3.endpoint()), "dify", null, ACCESS, SECRET, null, true,
                STATIC_KEYS)).read("upload_files/t/k.json")).asString(StandardCharsets.UTF_8).isEqualTo("{\"full\": true}");
    }

    private void noRegionChain(Path dir) {
        property("aws.region", null);
        property("aws.configFile", dir.resolve("no-config").toString());
        property("aws.disableEc2Metadata", "true");
    }
}
