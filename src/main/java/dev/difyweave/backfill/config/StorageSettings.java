package dev.difyweave.backfill.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Dify keeps offloaded node payloads: a directory ({@code fileSystemRoot}), an S3-compatible
 * bucket ({@code s3}), or nothing (both null). Read from {@code DIFY_STORAGE_*} ({@code dify.storage.*}),
 * falling back to Dify's own {@code .env} names only when Dify's {@code STORAGE_TYPE} says they are in use.
 */
public record StorageSettings(Path fileSystemRoot, S3 s3) {

    public static final StorageSettings NONE = new StorageSettings(null, null);
    public static final String DEFAULT_REGION = "us-east-1";

    /** An S3-compatible bucket. {@link #toString()} never shows the keys. */
    public record S3(URI endpoint, String bucket, String region, String accessKey, String secretKey,
            boolean pathStyle) {

        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", pathStyle=" + pathStyle
                    + ", accessKey=" + (accessKey == null ? "unset" : "***") + ", secretKey="
                    + (secretKey == null ? "unset" : "***") + "]";
        }
    }

    public static StorageSettings fromEnvironment(Map<String, String> env) {
        return fromEnvironment(SettingsSource.of(env));
    }

    public static StorageSettings fromEnvironment(SettingsSource env) {
        String path = get(env, "DIFY_STORAGE_PATH");
        String bucket = get(env, "DIFY_STORAGE_S3_BUCKET");
        if (path != null && bucket != null) {
            throw new ConfigurationException("DIFY_STORAGE_PATH and DIFY_STORAGE_S3_BUCKET are both set: "
                    + "Dify uses one storage, give the one it is configured with");
        }
        if (path != null) {
            return new StorageSettings(directory("DIFY_STORAGE_PATH", path), null);
        }
        if (bucket != null) {
            return new StorageSettings(null, s3(env, "DIFY_STORAGE_S3_BUCKET", bucket));
        }
        // Dify's own .env: its STORAGE_TYPE decides which of its variables are meant
        String type = get(env, "STORAGE_TYPE");
        if (type == null) {
            return NONE;
        }
        switch (type.toLowerCase(Locale.ROOT)) {
            case "s3" -> {
                String difyBucket = get(env, "S3_BUCKET_NAME");
                return difyBucket == null ? NONE : new StorageSettings(null, s3(env, "S3_BUCKET_NAME", difyBucket));
            }
            case "opendal" -> {
                String scheme = get(env, "OPENDAL_SCHEME");
                String root = get(env, "OPENDAL_FS_ROOT");
                return (scheme == null || "fs".equalsIgnoreCase(scheme)) && root != null
                        ? new StorageSettings(directory("OPENDAL_FS_ROOT", root), null) : NONE;
            }
            case "local" -> {
                String root = get(env, "STORAGE_LOCAL_PATH");
                return root == null ? NONE : new StorageSettings(directory("STORAGE_LOCAL_PATH", root), null);
            }
            default -> {
                return NONE;
            }
        }
    }

    public boolean configured() {
        return fileSystemRoot != null || s3 != null;
    }

    private static Path directory(String name, String value) {
        Path root = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ConfigurationException(name + " must be Dify's storage directory (the one holding upload_files/), '"
                    + root + "' is not a directory");
        }
        return root;
    }

    private static S3 s3(SettingsSource env, String bucketName, String bucket) {
        String endpointText = first(env, "DIFY_STORAGE_S3_ENDPOINT", "S3_ENDPOINT");
        String region = first(env, "DIFY_STORAGE_S3_REGION", "S3_REGION");
        String accessKey = first(env, "DIFY_STORAGE_S3_ACCESS_KEY", "S3_ACCESS_KEY");
        String secretKey = first(env, "DIFY_STORAGE_S3_SECRET_KEY", "S3_SECRET_KEY");
        String style = first(env, "DIFY_STORAGE_S3_ADDRESS_STYLE", "S3_ADDRESS_STYLE");
        if (accessKey == null || secretKey == null) {
            throw new ConfigurationException(bucketName + " is set but DIFY_STORAGE_S3_ACCESS_KEY/DIFY_STORAGE_S3_SECRET_KEY "
                    + "(or S3_ACCESS_KEY/S3_SECRET_KEY) are not: reading offloaded payloads needs an access key "
                    + "(instance roles are not supported)");
        }
        if (region == null) {
            region = DEFAULT_REGION;
        }
        URI endpoint;
        if (endpointText == null) {
            endpoint = URI.create("https://s3." + region + ".amazonaws.com");
        } else {
            try {
                endpoint = new URI(endpointText.endsWith("/") ? endpointText.substring(0, endpointText.length() - 1)
                        : endpointText);
            } catch (URISyntaxException e) {
                throw new ConfigurationException("DIFY_STORAGE_S3_ENDPOINT is not a URL: " + e.getMessage());
            }
            if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !"http".equalsIgnoreCase(endpoint.getScheme())
                    || endpoint.getHost() == null) {
                throw new ConfigurationException("DIFY_STORAGE_S3_ENDPOINT must be an http(s):// URL, got '"
                        + endpointText + "'");
            }
            if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() || endpoint.getRawQuery() != null) {
                throw new ConfigurationException("DIFY_STORAGE_S3_ENDPOINT must be scheme://host[:port] only, got '"
                        + endpointText + "'");
            }
        }
        boolean pathStyle = switch (style == null ? "auto" : style.toLowerCase(Locale.ROOT)) {
            case "path" -> true;
            case "virtual" -> false;
            // boto's "auto" uses virtual hosts; with an own endpoint (MinIO, ...) path style is what works
            case "auto" -> endpointText != null;
            default -> throw new ConfigurationException("DIFY_STORAGE_S3_ADDRESS_STYLE must be auto, path or virtual, got '"
                    + style + "'");
        };
        return new S3(endpoint, bucket, region, accessKey, secretKey, pathStyle);
    }

    private static String first(SettingsSource env, String own, String dify) {
        String value = get(env, own);
        return value != null ? value : get(env, dify);
    }

    private static String get(SettingsSource env, String name) {
        return env.get(name);
    }
}
