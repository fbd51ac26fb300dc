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
                true));
        assertThat(s3.toString()).doesNotContain("SK").doesNotContain("=AK");
    }

    @Test
    void awsWithoutEndpointUsesTheRegionalEndpointAndVirtualHosts() {
        StorageSettings.S3 s3 = StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "dify",
                "DIFY_STORAGE_S3_ACCESS_KEY", "AK", "DIFY_STORAGE_S3_SECRET_KEY", "SK")).s3();
        assertThat(s3.endpoint()).isEqualTo(URI.create("https://s3.us-east-1.amazonaws.com"));
        assertThat(s3.pathStyle()).isFalse();
    }

    @Test
    void difysOwnS3NamesCountOnlyWhenDifyUsesS3() {
        Map<String, String> difyEnv = Map.of("S3_BUCKET_NAME", "difyai", "S3_ACCESS_KEY", "AK", "S3_SECRET_KEY", "SK",
                "S3_ENDPOINT", "https://s3.example.com", "S3_ADDRESS_STYLE", "virtual", "S3_REGION", "ap-1");
        assertThat(StorageSettings.fromEnvironment(difyEnv).configured()).isFalse();

        Map<String, String> s3Env = new java.util.HashMap<>(difyEnv);
        s3Env.put("STORAGE_TYPE", "s3");
        assertThat(StorageSettings.fromEnvironment(s3Env).s3()).isEqualTo(new StorageSettings.S3(
                URI.create("https://s3.example.com"), "difyai", "ap-1", "AK", "SK", false));

        Map<String, String> opendal = new java.util.HashMap<>(difyEnv);
        opendal.put("STORAGE_TYPE", "opendal");
        opendal.put("OPENDAL_FS_ROOT", dir.toString());
        assertThat(StorageSettings.fromEnvironment(opendal).fileSystemRoot()).isEqualTo(dir.toAbsolutePath().normalize());
        opendal.remove("OPENDAL_FS_ROOT");
        assertThat(StorageSettings.fromEnvironment(opendal).configured()).isFalse();
    }

    @Test
    void s3WithoutKeysOrWithABadStyleIsAConfigurationError() {
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "b")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("DIFY_STORAGE_S3_ACCESS_KEY");
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "b",
                "DIFY_STORAGE_S3_ACCESS_KEY", "a", "DIFY_STORAGE_S3_SECRET_KEY", "s", "DIFY_STORAGE_S3_ADDRESS_STYLE", "dns")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("auto, path or virtual");
        assertThatThrownBy(() -> StorageSettings.fromEnvironment(Map.of("DIFY_STORAGE_S3_BUCKET", "b",
                "DIFY_STORAGE_S3_ACCESS_KEY", "a", "DIFY_STORAGE_S3_SECRET_KEY", "s", "DIFY_STORAGE_S3_ENDPOINT", "ftp://x")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("http(s)");
    }
}
