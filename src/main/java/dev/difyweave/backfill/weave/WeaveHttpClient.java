package dev.difyweave.backfill.weave;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Speaks HTTP to the Weave trace server and nothing else: one POST of pre-serialised bytes, the reply
 * as a {@link WeaveResponse}, network failures as {@link TransientWeaveException}. HTTP Basic
 * {@code api:<key>}; the key lives only in the Authorization header and is never logged. Closing it stops
 * the JDK client underneath ({@link JdkHttpClients}).
 */
public final class WeaveHttpClient implements AutoCloseable {

    private static final int MAX_BODY_CHARS = 2000;

    /**
     * For a cleartext server: without a context of its own, the JDK's client loads the default one, the
     * JDK's trust store included (about 80 ms of every start-up, for a client that never opens TLS). This
     * one trusts nothing, and is made once per process.
     */
    private static final Supplier<SSLContext> NO_TLS = SingletonSupplier.of(() -> {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
    });

    private final HttpClient http;
    private final RestClient rest;
    private final URI baseUrl;
    /** What an HTTP-date {@code Retry-After} is measured from. */
    private final Clock clock;

    public WeaveHttpClient(URI baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout) {
        this(baseUrl, apiKey, connectTimeout, readTimeout, Clock.systemUTC());
    }

    WeaveHttpClient(URI baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
        boolean tls = "https".equalsIgnoreCase(baseUrl.getScheme());
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                // cleartext endpoints get HTTP/1.1: the JDK's h2c upgrade breaks POSTs on many servers
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1);
        if (!tls) {
            builder.sslContext(NO_TLS.get()); // redirects are not followed, so this client never opens TLS
        }
        this.http = builder.build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        String credentials = Base64.getEncoder().encodeToString(("api:" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.rest = RestClient.builder()
                .requestFactory(factory)
                .baseUrl(baseUrl.toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials)
                .build();
    }

    public URI baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        JdkHttpClients.stop(http);
    }

    public WeaveResponse post(String path, byte[] body) {
        try {
            return rest.post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> new WeaveResponse(response.getStatusCode().value(),
                            retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), clock.instant()),
                            readStart(response.getBody()), response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)),
                            true);
        } catch (ResourceAccessException e) {
            throw new TransientWeaveException("network error on POST " + path + ": " + rootMessage(e), null, e);
        }
    }

    /** A read endpoint ({@code /calls/stream_query}): the whole reply body, for JSON Lines. */
    public WeaveResponse query(String path, byte[] body) {
        try {
            return rest.post()
                    .uri(path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.parseMediaType("application/jsonl"), MediaType.APPLICATION_JSON)
                    .body(body)
                    .exchange((request, response) -> new WeaveResponse(response.getStatusCode().value(),
                            retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER), clock.instant()),
                            new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8),
                            response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)), true);
        } catch (ResourceAccessException e) {
            throw new TransientWeaveException("network error on POST " + path + ": " + rootMessage(e), null, e);
        }
    }

    private static String readStart(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(MAX_BODY_CHARS * 2);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text;
    }

    /**
     * {@code Retry-After} as seconds or an HTTP date (RFC 9110: IMF-fixdate, read as RFC 1123), the
     * latter measured from {@code now}; {@code null} when absent or unreadable.
     */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(now, at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
