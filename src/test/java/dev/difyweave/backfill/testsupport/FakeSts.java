package dev.difyweave.backfill.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * AWS STS's {@code AssumeRoleWithWebIdentity} (the call behind EKS IRSA) on the JDK HTTP server: a
 * form POST naming the role and carrying the web identity token (the JWT Kubernetes projects into the
 * pod). When both are the expected ones it answers with temporary credentials, as STS does; otherwise
 * {@code 403 AccessDenied} / {@code 400 InvalidIdentityToken}.
 */
public final class FakeSts implements AutoCloseable {

    private final String roleArn;
    private final String identityToken;
    private final String accessKey;
    private final String secretKey;
    private final String sessionToken;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** Gives {@code accessKey}/{@code secretKey}/{@code sessionToken} to whoever shows {@code identityToken} for {@code roleArn}. */
    public FakeSts(String roleArn, String identityToken, String accessKey, String secretKey, String sessionToken) {
        this.roleArn = roleArn;
        this.identityToken = identityToken;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.sessionToken = sessionToken;
    }

    public FakeSts start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The form parameters of every request received. */
    public List<Map<String, String>> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(form);
            int status;
            String body;
            if (!"POST".equals(exchange.getRequestMethod()) || !"AssumeRoleWithWebIdentity".equals(form.get("Action"))) {
                status = 400;
                body = error("InvalidAction", "only AssumeRoleWithWebIdentity");
            } else if (!identityToken.equals(form.get("WebIdentityToken"))) {
                status = 400;
                body = error("InvalidIdentityToken", "the web identity token is not valid");
            } else if (!roleArn.equals(form.get("RoleArn"))) {
                status = 403;
                body = error("AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
            } else {
                status = 200;
                body = credentials(Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS));
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private String credentials(Instant expiration) {
        return "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
                + "<AssumeRoleWithWebIdentityResult><Credentials>"
                + "<AccessKeyId>" + accessKey + "</AccessKeyId><SecretAccessKey>" + secretKey + "</SecretAccessKey>"
                + "<SessionToken>" + sessionToken + "</SessionToken><Expiration>" + expiration + "</Expiration>"
                + "</Credentials><AssumedRoleUser><Arn>" + roleArn + "/session</Arn><AssumedRoleId>AROAEXAMPLE:session"
                + "</AssumedRoleId></AssumedRoleUser></AssumeRoleWithWebIdentityResult>"
                + "<ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata>"
                + "</AssumeRoleWithWebIdentityResponse>";
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>0</RequestId></ErrorResponse>";
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
