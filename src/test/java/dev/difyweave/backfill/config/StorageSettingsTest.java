package dev.difyweave.backfill.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageSettingsTest {

    @TempDir
    Path dir;

    @Test
    void nothingSetMeansNoStorage() {
        assertThat(StorageSettings.fromEnvironment(Map.of()).configured()).isFalse();
    }

    @Test
    void ownPathIsTheStorageRoot() {
        StorageSettings settings = StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_PATH", dir.toString()));
        assertThat(settings.fileSystemRoot()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(settings.s3()).isNull();
    }

    @Test
    void aPathThatIsNoDirectoryIsAConfigurationError() {
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_PATH", dir.resolve("nope").toString())))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DIFY_STORAGE_PATH");
    }

    @Test
    void pathAndBucketTogetherAreAConfigurationError() {
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_PATH", dir.toString(),
                "DIFY_STORAGE_S3_BUCKET", "b", "DIFY_STORAGE_S3_ACCESS_KEY", "a", "DIFY_STORAGE_S3_SECRET_KEY", "s")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("both set");
    }

    @Test
    void ownS3NamesWithAnEndpointUsePathStyle() {
        StorageSettings.S3 s3 = StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "dify",
                "DIFY_STORAGE_S3_ENDPOINT", "http://minio:9000/", "DIFY_STORAGE_S3_REGION", "eu-west-1",
                "DIFY_STORAGE_S3_ACCESS_KEY", "AK", "DIFY_STORAGE_S3_SECRET_KEY", "SK")).s3();
        assertThat(s3).isEqualTo(new StorageSettings.S3(URI.create("http://minio:9000"), "dify", "eu-west-1", "AK", "SK",
                null, true, "DIFY_STORAGE_S3_ACCESS_KEY/DIFY_STORAGE_S3_SECRET_KEY"));
        assertThat(s3.staticKeys()).isTrue();
        assertThat(s3.toString()).doesNotContain("SK").doesNotContain("=AK");
    }

    @Test
    void awsWithoutEndpointRegionOrKeysLeavesThemToTheSdkAndUsesVirtualHosts() {
        StorageSettings.S3 s3 = StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "dify")).s3();
        assertThat(s3).isEqualTo(new StorageSettings.S3(null, "dify", null, null, null, null, false, null));
        assertThat(s3.staticKeys()).isFalse();
        assertThat(s3.toString()).contains("AWS SDK default chain");
    }

    @Test
    void aSessionTokenBelongsToTheStaticKeysAndIsNeverShown() {
        StorageSettings.S3 s3 = StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "dify",
                "DIFY_STORAGE_S3_ACCESS_KEY", "ASIAEXAMPLE", "DIFY_STORAGE_S3_SECRET_KEY", "secret-value",
                "DIFY_STORAGE_S3_SESSION_TOKEN", "token-value")).s3();
        assertThat(s3.sessionToken()).isEqualTo("token-value");
        assertThat(s3.keyNames()).isEqualTo(
                "DIFY_STORAGE_S3_ACCESS_KEY/DIFY_STORAGE_S3_SECRET_KEY/DIFY_STORAGE_S3_SESSION_TOKEN");
        assertThat(s3.toString()).contains("with a session token").doesNotContain("token-value")
                .doesNotContain("secret-value");
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "dify",
                "DIFY_STORAGE_S3_SESSION_TOKEN", "token-value")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DIFY_STORAGE_S3_SESSION_TOKEN is set without")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("token-value"));
    }

    @Test
    void difysOwnS3NamesCountOnlyWhenDifyUsesS3() {
        Map<String, String> difyEnv = Map.of("S3_BUCKET_NAME", "difyai", "S3_ACCESS_KEY", "AK", "S3_SECRET_KEY", "SK",
                "S3_ENDPOINT", "https://s3.example.com", "S3_ADDRESS_STYLE", "virtual", "S3_REGION", "ap-1");
        assertThat(StorageSettings.fromEnvironment(difyEnv).configured()).isFalse();

        Map<String, String> s3Env = new java.util.HashMap<>(difyEnv);
        s3Env.put("STORAGE_TYPE", "s3");
        assertThat(StorageSettings.fromEnvironment(s3Env).s3()).isEqualTo(new StorageSettings.S3(
                URI.create("https://s3.example.com"), "difyai", "ap-1", "AK", "SK", null, false,
                "S3_ACCESS_KEY/S3_SECRET_KEY"));

        Map<String, String> opendal = new java.util.HashMap<>(difyEnv);
        opendal.put("STORAGE_TYPE", "opendal");
        opendal.put("OPENDAL_FS_ROOT", dir.toString());
        assertThat(StorageSettings.fromEnvironment(opendal).fileSystemRoot()).isEqualTo(dir.toAbsolutePath().normalize());
        opendal.remove("OPENDAL_FS_ROOT");
        assertThat(StorageSettings.fromEnvironment(opendal).configured()).isFalse();
    }

    /** As Dify's AwsS3Storage: with S3_USE_AWS_MANAGED_IAM boto3's default session and S3_REGION, nothing else. */
    @Test
    void difysManagedIamUsesTheDefaultChainAndIgnoresKeysEndpointAndStyleAsDifyDoes() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("STORAGE_TYPE", "s3", "S3_BUCKET_NAME", "difyai",
                "S3_ACCESS_KEY", "AK", "S3_SECRET_KEY", "SK", "S3_ENDPOINT", "https://minio.example.com",
                "S3_ADDRESS_STYLE", "path", "S3_REGION", "eu-central-1", "S3_USE_AWS_MANAGED_IAM", "True"));
        assertThat(StorageSettings.fromEnvironment(env).s3())
                .isEqualTo(new StorageSettings.S3(null, "difyai", "eu-central-1", null, null, null, false, null));

        env.put("DIFY_STORAGE_S3_ENDPOINT", "https://bucket.vpce-1.s3.eu-central-1.vpce.amazonaws.com");
        env.put("DIFY_STORAGE_S3_ACCESS_KEY", "AK2");
        StorageSettings.S3 own = StorageSettings.fromEnvironment(env).s3();
        assertThat(own.endpoint()).as("an own endpoint still counts").hasHost("bucket.vpce-1.s3.eu-central-1.vpce.amazonaws.com");
        assertThat(own.staticKeys()).as("keys never count with managed IAM").isFalse();

        env.put("S3_USE_AWS_MANAGED_IAM", "false");
        assertThat(StorageSettings.fromEnvironment(env).s3().accessKey()).isEqualTo("AK2");
        env.put("S3_USE_AWS_MANAGED_IAM", "maybe");
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(env)).isInstanceOf(ConfigurationException.class)
                .hasMessage("S3_USE_AWS_MANAGED_IAM must be true or false, got 'maybe'");
    }

    @Test
    void halfAKeyPairOrABadStyleOrEndpointIsAConfigurationError() {
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "b",
                "DIFY_STORAGE_S3_ACCESS_KEY", "a")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DIFY_STORAGE_S3_ACCESS_KEY is set but DIFY_STORAGE_S3_SECRET_KEY (or S3_SECRET_KEY) is not");
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("STORAGE_TYPE", "s3", "S3_BUCKET_NAME", "b",
                "S3_SECRET_KEY", "the-secret")))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("S3_SECRET_KEY is set but")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("the-secret"));
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "b",
                "DIFY_STORAGE_S3_ACCESS_KEY", "a", "DIFY_STORAGE_S3_SECRET_KEY", "s", "DIFY_STORAGE_S3_ADDRESS_STYLE", "dns")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("auto, path or virtual");
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "b",
                "DIFY_STORAGE_S3_ACCESS_KEY", "a", "DIFY_STORAGE_S3_SECRET_KEY", "s", "DIFY_STORAGE_S3_ENDPOINT", "ftp://x")))
                .isInstanceOf(ConfigurationException.class).hasMessage("DIFY_STORAGE_S3_ENDPOINT must be an http(s):// URL, got 'ftp://x'");
    }
}
