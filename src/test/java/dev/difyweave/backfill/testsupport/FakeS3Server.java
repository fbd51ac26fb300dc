package dev.difyweave.backfill.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An in-process S3-compatible server (path-style GetObject) on the JDK HTTP server. It checks every
 * request's AWS Signature V4 with its own, independent computation from what arrived on the wire
 * (method, raw path, query, the signed headers as received), the credential scope and the clock skew,
 * and answers as S3 does: the object, {@code 404 NoSuchKey}, {@code 403 SignatureDoesNotMatch} /
 * {@code InvalidAccessKeyId} / {@code RequestTimeTooSkewed}, with S3's XML error bodies. With {@link
 * #requireSessionToken(String)} it checks temporary credentials as S3 does: the
 * {@code x-amz-security-token} header must carry that token and be signed ({@code 400 InvalidToken} /
 * {@code 403 AccessDenied}); without it, a request carrying a token is refused too.
 */
public final class FakeS3Server implements AutoCloseable {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/s3/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private final String bucket;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private volatile String sessionToken;
    private HttpServer server;

    /** {@code region} null: any region the request is signed for (its credential scope), as S3-compatible servers do. */
    public FakeS3Server(String bucket, String region, String accessKey, String secretKey) {
        this.bucket = bucket;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public FakeS3Server start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Requests must carry this session token (signed), as with temporary credentials. */
    public FakeS3Server requireSessionToken(String token) {
        this.sessionToken = token;
        return this;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String bucket() {
        return bucket;
    }

    public void put(String key, byte[] content) {
        objects.put(key, content.clone());
    }

    public void delete(String key) {
        objects.remove(key);
    }

    /** What was put (and not deleted), by key. */
    public Map<String, byte[]> objects() {
        return Map.copyOf(objects);
    }

    /** "METHOD raw-path -> status" of every request received. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The Host header of every request received. */
    public List<String> hosts() {
        return List.copyOf(hosts);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        int status;
        byte[] body;
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String rawPath = exchange.getRequestURI().getRawPath();
            hosts.add(String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
            String error = verify(exchange, rawPath);
            if (error != null) {
                status = "InvalidToken".equals(error) ? 400 : 403;
                body = error(error, "signature check failed");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                status = 405;
                body = error("MethodNotAllowed", "only GET");
            } else {
                String prefix = "/" + bucket + "/";
                String key = rawPath.startsWith(prefix)
                        ? java.net.URLDecoder.decode(rawPath.substring(prefix.length()).replace("+", "%2B"),
                                StandardCharsets.UTF_8)
                        : null;
                byte[] object = key == null ? null : objects.get(key);
                if (key == null) {
                    status = 404;
                    body = error("NoSuchBucket", "The specified bucket does not exist");
                } else if (object == null) {
                    status = 404;
                    body = error("NoSuchKey", "The specified key does not exist.");
                } else {
                    status = 200;
                    body = object;
                }
            }
            requests.add(exchange.getRequestMethod() + " " + rawPath + " -> " + status);
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/octet-stream" : "application/xml");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Null when the request is correctly signed, else S3's error code. */
    private String verify(HttpExchange exchange, String rawPath) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
            return "AccessDenied";
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return "AuthorizationHeaderMalformed";
        }
        if (!m.group(1).equals(accessKey)) {
            return "InvalidAccessKeyId";
        }
        String amzDate = exchange.getRequestHeaders().getFirst("x-amz-date");
        if (amzDate == null || !amzDate.startsWith(m.group(2)) || region != null && !m.group(3).equals(region)) {
            return "AuthorizationHeaderMalformed";
        }
        Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        if (Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            return "RequestTimeTooSkewed";
        }
        String[] signedHeaders = m.group(4).split(";");
        List<String> names = new ArrayList<>(List.of(signedHeaders));
        if (!names.contains("host") || !names.contains("x-amz-date") || !names.contains("x-amz-content-sha256")) {
            return "AuthorizationHeaderMalformed";
        }
        String token = exchange.getRequestHeaders().getFirst("x-amz-security-token");
        if (token != null && !names.contains("x-amz-security-token")) {
            return "AccessDenied";
        }
        if (!java.util.Objects.equals(token, sessionToken)) {
            return "InvalidToken";
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                return "AuthorizationHeaderMalformed";
            }
            canonicalHeaders.append(name.toLowerCase(Locale.ROOT)).append(':').append(value.trim()).append('\n');
        }
        String query = exchange.getRequestURI().getRawQuery();
        String payloadHash = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        String canonical = exchange.getRequestMethod() + "\n" + rawPath + "\n" + (query == null ? "" : query) + "\n"
                + canonicalHeaders + "\n" + m.group(4) + "\n" + payloadHash;
        String signedRegion = m.group(3);
        String scope = m.group(2) + "/" + signedRegion + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        byte[] key = mac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), m.group(2));
        for (String part : new String[] {signedRegion, "s3", "aws4_request"}) {
            key = mac(key, part);
        }
        return hex(mac(key, toSign)).equals(m.group(5)) ? null : "SignatureDoesNotMatch";
    }

    private static byte[] error(String code, String message) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>" + message
                + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] mac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
