package dev.difyweave.backfill.storage;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.difyweave.backfill.config.StorageSettings;

/**
 * An S3-compatible bucket (AWS S3, MinIO, ...) read with signed GETs (Signature V4) over the JDK
 * HTTP client: Dify's {@code s3} storage keeps an object under its key in {@code S3_BUCKET_NAME}.
 * A transport failure or a 5xx is retried once; 404 means the object is gone.
 */
public final class S3PayloadStore implements PayloadStore {

    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,100})</Code>");

    private final StorageSettings.S3 settings;
    private final SigV4 signer;
    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    public S3PayloadStore(StorageSettings.S3 settings, Duration connectTimeout, Duration timeout, Clock clock) {
        this.settings = settings;
        this.signer = new SigV4(settings.region(), settings.accessKey(), settings.secretKey());
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public byte[] read(String key) throws PayloadUnavailableException {
        if (key == null || key.isBlank()) {
            throw new PayloadUnavailableException("empty storage key");
        }
        String where = "s3://" + settings.bucket() + "/" + key;
        HttpResponse<byte[]> response;
        try {
            response = get(key);
            if (response.statusCode() >= 500) {
                response = get(key);
            }
        } catch (IOException e) {
            try {
                response = get(key);
            } catch (IOException again) {
                throw new PayloadUnavailableException("S3 request for " + where + " failed: " + again);
            }
        }
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        String code = errorCode(response.body());
        if (status == 404) {
            throw new PayloadUnavailableException("no object " + where + (code == null ? "" : " (" + code + ")"));
        }
        throw new PayloadUnavailableException("S3 answered " + status + (code == null ? "" : " " + code) + " for " + where);
    }

    private HttpResponse<byte[]> get(String key) throws IOException {
        URI endpoint = settings.endpoint();
        String host = hostHeader(endpoint, settings.pathStyle() ? null : settings.bucket());
        String path = SigV4.encodePath("/" + (settings.pathStyle() ? settings.bucket() + "/" : "") + key);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", host);
        headers.put("x-amz-content-sha256", SigV4.EMPTY_SHA256);
        headers.put("x-amz-date", SigV4.amzDate(clock.instant()));
        String authorization = signer.authorization("GET", path, "", headers, SigV4.EMPTY_SHA256);
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.getScheme() + "://" + host + path))
                .timeout(timeout)
                .header("x-amz-content-sha256", headers.get("x-amz-content-sha256"))
                .header("x-amz-date", headers.get("x-amz-date"))
                .header("Authorization", authorization)
                .GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The Host header the JDK client sends: host, and the port unless it is the scheme's default. */
    static String hostHeader(URI endpoint, String virtualBucket) {
        String host = virtualBucket == null ? endpoint.getHost() : virtualBucket + "." + endpoint.getHost();
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || port == 443 && "https".equalsIgnoreCase(endpoint.getScheme())
                || port == 80 && "http".equalsIgnoreCase(endpoint.getScheme());
        return defaultPort ? host : host + ":" + port;
    }

    private static String errorCode(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        Matcher m = ERROR_CODE.matcher(new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8));
        return m.find() ? m.group(1) : null;
    }

    @Override
    public String describe() {
        return "bucket " + settings.bucket() + " at " + settings.endpoint();
    }
}
