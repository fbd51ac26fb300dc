package dev.difyweave.backfill.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Dify keeps offloaded node payloads and the tenants' private keys ({@code privkeys/}): a
 * directory ({@code fileSystemRoot}), an S3-compatible bucket ({@code s3}), or nothing (both null). Read
 * from {@code DIFY_STORAGE_*}, falling back to Dify's own {@code .env} names only when Dify's {@code
 * STORAGE_TYPE} says they are in use.
 */
public record StorageSettings(Path fileSystemRoot, S3 s3) {

    public static final StorageSettings NONE = new StorageSettings(null, null);

    /**
     * An S3-compatible bucket. {@code endpoint} null: AWS S3 (the SDK's endpoint for the region);
     * {@code region} null: the AWS SDK's region chain decides; {@code accessKey} null: the AWS SDK's
     * default credentials chain (environment, profile, web identity, container or instance role), else
     * these static keys, read from the variables {@code keyNames} names (for messages). {@link
     * #toString()} never shows the keys.
     */
    public record S3(URI endpoint, String bucket, String region, String accessKey, String secretKey,
            String sessionToken, boolean pathStyle, String keyNames) {

        /** Whether requests are signed with the configured keys rather than the SDK's default chain. */
        public boolean staticKeys() {
            return accessKey != null;
        }

        @Override
        public String toString() {
            return "S3[endpoint=" + (endpoint == null ? "AWS" : endpoint) + ", bucket=" + bucket + ", region="
                    + (region == null ? "AWS SDK chain" : region) + ", pathStyle=" + pathStyle + ", credentials="
                    + (staticKeys() ? "static keys from " + keyNames + (sessionToken == null ? "" : " with a session token")
                            : "AWS SDK default chain") + "]";
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
            return new StorageSettings(null, s3(env, bucket));
        }
        // Dify's own .env: its STORAGE_TYPE decides which of its variables are meant
        String type = get(env, "STORAGE_TYPE");
        if (type == null) {
            return NONE;
        }
        switch (type.toLowerCase(Locale.ROOT)) {
            case "s3" -> {
                String difyBucket = get(env, "S3_BUCKET_NAME");
                return difyBucket == null ? NONE : new StorageSettings(null, s3(env, difyBucket));
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

    /** A variable that is set, with the name it was found under. */
    private record Found(String name, String value) {
    }

    private static S3 s3(SettingsSource env, String bucket) {
        // Dify with S3_USE_AWS_MANAGED_IAM=true builds its client from boto3's default session and S3_REGION
        // only: its S3_ACCESS_KEY/S3_SECRET_KEY, S3_ENDPOINT and S3_ADDRESS_STYLE are then not used, here neither
        boolean managedIam = flag(first(env, "DIFY_STORAGE_S3_USE_AWS_MANAGED_IAM", "S3_USE_AWS_MANAGED_IAM"));
        Found endpointSetting = managedIam ? own(env, "DIFY_STORAGE_S3_ENDPOINT")
                : first(env, "DIFY_STORAGE_S3_ENDPOINT", "S3_ENDPOINT");
        Found style = managedIam ? own(env, "DIFY_STORAGE_S3_ADDRESS_STYLE")
                : first(env, "DIFY_STORAGE_S3_ADDRESS_STYLE", "S3_ADDRESS_STYLE");
        Found region = first(env, "DIFY_STORAGE_S3_REGION", "S3_REGION");
        Found accessKey = managedIam ? null : first(env, "DIFY_STORAGE_S3_ACCESS_KEY", "S3_ACCESS_KEY");
        Found secretKey = managedIam ? null : first(env, "DIFY_STORAGE_S3_SECRET_KEY", "S3_SECRET_KEY");
        Found sessionToken = managedIam ? null : own(env, "DIFY_STORAGE_S3_SESSION_TOKEN");
        if (accessKey == null ^ secretKey == null) {
            Found given = accessKey == null ? secretKey : accessKey;
            throw new ConfigurationException(given.name() + " is set but " + (accessKey == null
                    ? "DIFY_STORAGE_S3_ACCESS_KEY (or S3_ACCESS_KEY)" : "DIFY_STORAGE_S3_SECRET_KEY (or S3_SECRET_KEY)")
                    + " is not: give both, or neither to use the AWS SDK's default credentials chain");
        }
        if (sessionToken != null && accessKey == null) {
            throw new ConfigurationException("DIFY_STORAGE_S3_SESSION_TOKEN is set without DIFY_STORAGE_S3_ACCESS_KEY and "
                    + "DIFY_STORAGE_S3_SECRET_KEY (or S3_ACCESS_KEY and S3_SECRET_KEY): it belongs to those keys "
                    + "(the default chain reads AWS_SESSION_TOKEN itself)");
        }
        URI endpoint = endpointSetting == null ? null : endpoint(endpointSetting);
        boolean pathStyle = switch (style == null ? "auto" : style.value().toLowerCase(Locale.ROOT)) {
            case "path" -> true;
            case "virtual" -> false;
            // boto's "auto" uses virtual hosts; with an own endpoint (MinIO, ...) path style is what works
            case "auto" -> endpoint != null;
            default -> throw new ConfigurationException(style.name() + " must be auto, path or virtual, got '"
                    + style.value() + "'");
        };
        String keyNames = accessKey == null ? null
                : accessKey.name() + "/" + secretKey.name() + (sessionToken == null ? "" : "/" + sessionToken.name());
        return new S3(endpoint, bucket, region == null ? null : region.value(), value(accessKey), value(secretKey),
                value(sessionToken), pathStyle, keyNames);
    }

    private static URI endpoint(Found setting) {
        String text = setting.value();
        URI endpoint;
        try {
            endpoint = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(setting.name() + " is not a URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !"http".equalsIgnoreCase(endpoint.getScheme())
                || endpoint.getHost() == null) {
            throw new ConfigurationException(setting.name() + " must be an http(s):// URL, got '" + text + "'");
        }
        if (endpoint.getRawPath() != null && !endpoint.getRawPath().isEmpty() || endpoint.getRawQuery() != null) {
            throw new ConfigurationException(setting.name() + " must be scheme://host[:port] only, got '" + text + "'");
        }
        return endpoint;
    }

    /** A boolean as pydantic reads Dify's: true/false, 1/0, yes/no, on/off, in any case; unset is false. */
    private static boolean flag(Found setting) {
        if (setting == null) {
            return false;
        }
        return switch (setting.value().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "y", "t" -> true;
            case "false", "0", "no", "off", "n", "f" -> false;
            default -> throw new ConfigurationException(setting.name() + " must be true or false, got '"
                    + setting.value() + "'");
        };
    }

    private static String value(Found setting) {
        return setting == null ? null : setting.value();
    }

    private static Found own(SettingsSource env, String name) {
        String value = get(env, name);
        return value == null ? null : new Found(name, value);
    }

    private static Found first(SettingsSource env, String own, String dify) {
        Found value = own(env, own);
        return value != null ? value : own(env, dify);
    }

    private static String get(SettingsSource env, String name) {
        return env.get(name);
    }
}
