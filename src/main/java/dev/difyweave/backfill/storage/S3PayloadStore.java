package dev.difyweave.backfill.storage;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.config.Redact;
import dev.difyweave.backfill.config.StorageSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Dify's {@code s3} storage (AWS S3, MinIO, any S3-compatible server): an object is kept under its key
 * in the bucket, read with the AWS SDK for Java v2 (GetObject, signed by the SDK) over the JDK's
 * HttpURLConnection. The credentials are the configured static keys (with a session token, if given),
 * else the SDK's default chain: environment ({@code AWS_ACCESS_KEY_ID}, ...), profile, web identity
 * (EKS IRSA), container or instance role. The region is the configured one, else the SDK's region
 * chain. The SDK retries throttling, 5xx and I/O errors (its standard mode: three attempts).
 */
public final class S3PayloadStore implements PayloadStore {

    /** What {@link #check()} reads: a key Dify never writes, so S3 answers NoSuchKey when it takes the credentials. */
    static final String PROBE_KEY = "dify-weave-backfill/preflight-probe-of-a-key-that-does-not-exist";

    private static final Set<String> CREDENTIAL_ERRORS = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch",
            "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "InvalidSecurity");
    private static final Set<String> REGION_ERRORS = Set.of("PermanentRedirect", "AuthorizationHeaderMalformed",
            "IllegalLocationConstraintException");

    private final StorageSettings.S3 settings;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final S3Client client;
    private final Set<String> secrets = new HashSet<>();

    public S3PayloadStore(StorageSettings.S3 settings, Duration connectTimeout, Duration timeout) {
        this.settings = settings;
        this.region = region(settings);
        this.credentials = credentials(settings);
        if (settings.secretKey() != null) {
            secrets.add(settings.secretKey());
        }
        if (settings.sessionToken() != null) {
            secrets.add(settings.sessionToken());
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout).socketTimeout(timeout))
                .forcePathStyle(settings.pathStyle())
                // a GET has no body to checksum; the header the SDK would add is unknown to some S3-compatible servers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        this.client = builder.build();
    }

    @Override
    public byte[] read(String key) throws PayloadUnavailableException {
        if (key == null || key.isBlank()) {
            throw new PayloadUnavailableException("empty storage key");
        }
        String where = "s3://" + settings.bucket() + "/" + key;
        try {
            return client.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(key)).asByteArray();
        } catch (NoSuchKeyException e) {
            throw new PayloadUnavailableException("no object " + where + " (NoSuchKey)");
        } catch (SdkException e) {
            throw unavailable(e, where);
        }
    }

    /** One GetObject of {@link #PROBE_KEY}: NoSuchKey (or AccessDenied, see below) means the bucket takes the credentials. */
    @Override
    public void check() throws PayloadUnavailableException {
        try {
            client.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(PROBE_KEY));
        } catch (NoSuchKeyException e) {
            return;
        } catch (S3Exception e) {
            // what S3 answers for a missing key when the credentials may read objects but not list the bucket
            if (e.statusCode() == 403 && "AccessDenied".equals(code(e))) {
                return;
            }
            throw unavailable(e, "bucket " + settings.bucket());
        } catch (SdkException e) {
            throw unavailable(e, "bucket " + settings.bucket());
        }
    }

    private PayloadUnavailableException unavailable(SdkException e, String where) {
        String message;
        if (e instanceof S3Exception s3) {
            message = refusal(s3, where);
        } else if (e instanceof SdkClientException && String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
            message = "no AWS credentials for " + where + ": no static keys are configured and the AWS SDK's default chain "
                    + "(environment, profile, web identity, container or instance role) found none: " + chainReasons(e);
        } else {
            message = "S3 request for " + where + " failed: " + rootCause(e);
        }
        return new PayloadUnavailableException(Redact.text(message, secrets));
    }

    private String refusal(S3Exception e, String where) {
        String code = code(e);
        String answer = e.statusCode() + (code == null ? "" : " " + code);
        if ("NoSuchBucket".equals(code)) {
            return "no bucket " + settings.bucket() + " at " + endpoint() + " (" + answer + ")";
        }
        if (CREDENTIAL_ERRORS.contains(code)) {
            return "S3 refused the credentials for " + where + " (" + answer + "): check " + (settings.staticKeys()
                    ? settings.keyNames() : "the credentials of the AWS SDK's default chain");
        }
        if ("AccessDenied".equals(code)) {
            return "S3 denied access to " + where + " (" + answer + "; S3 answers so for a missing key too when the "
                    + "credentials may not list the bucket)";
        }
        if (REGION_ERRORS.contains(code) || e.statusCode() == 301) {
            return "S3 answered " + answer + " for " + where + ": is " + region + " the bucket's region? "
                    + "(DIFY_STORAGE_S3_REGION or S3_REGION)";
        }
        return "S3 answered " + answer + " for " + where;
    }

    private static String code(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    /** What each provider of the chain said, without the SDK's list of the providers' names before it. */
    private static String chainReasons(Exception e) {
        String text = oneLine(e, Integer.MAX_VALUE);
        int reasons = text.indexOf(" : [");
        text = reasons < 0 ? text : text.substring(reasons + 3);
        return text.length() <= 800 ? text : text.substring(0, 800) + "...";
    }

    /** The innermost cause, which names the host or the refused connection the SDK's own message leaves out. */
    private static String rootCause(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? oneLine(e, 300) : root.getClass().getSimpleName() + ": " + oneLine(root, 300);
    }

    private static String oneLine(Throwable e, int max) {
        String text = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    private String endpoint() {
        return settings.endpoint() == null ? "AWS S3 (" + region + ")" : settings.endpoint().toString();
    }

    @Override
    public String describe() {
        return "bucket " + settings.bucket() + " at " + endpoint();
    }

    @Override
    public void close() {
        client.close();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * The configured region, else the SDK's region chain ({@code AWS_REGION}, profile, instance metadata), else
     * for an S3-compatible server of its own endpoint (MinIO) {@code us-east-1}, what such servers expect and what
     * Dify's boto3 client signs with when it is given no region.
     */
    private static Region region(StorageSettings.S3 settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            if (settings.endpoint() != null) {
                return Region.US_EAST_1;
            }
            throw new ConfigurationException("DIFY_STORAGE_S3_REGION (or Dify's S3_REGION) is not set and the AWS SDK "
                    + "found no region (AWS_REGION, the profile's region, instance metadata): give the region of bucket "
                    + settings.bucket() + " (MinIO: us-east-1 unless MINIO_REGION says otherwise)");
        }
    }

    /** Static keys when configured (with their session token), else the SDK's default chain. */
    private static AwsCredentialsProvider credentials(StorageSettings.S3 settings) {
        if (!settings.staticKeys()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(settings.sessionToken() == null
                ? AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())
                : AwsSessionCredentials.create(settings.accessKey(), settings.secretKey(), settings.sessionToken()));
    }
}
