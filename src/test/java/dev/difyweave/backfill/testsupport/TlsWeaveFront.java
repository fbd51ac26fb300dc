package dev.difyweave.backfill.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The fake Weave server behind HTTPS, as production reaches {@code https://trace.wandb.ai}: a Jetty
 * connector on {@code localhost} with TLS, ALPN offering {@code h2} and {@code http/1.1}, and a
 * certificate of its own ({@link SelfSignedCertificate}); each request is passed to the fake over
 * loopback HTTP/1.1 (headers that matter to it, the body as it came) and its reply passed back, the way a
 * TLS-terminating ingress does. It records the protocol every request arrived with.
 */
public final class TlsWeaveFront implements AutoCloseable {

    /** Request headers the fake reads; the rest (Host, Content-Length, the HTTP/2 pseudo-headers) is transport. */
    private static final Set<String> FORWARDED = Set.of("authorization", "content-type", "content-encoding", "accept");
    private static final Set<String> RETURNED = Set.of("content-type", "retry-after", "www-authenticate");

    private final FakeWeaveServer weave;
    private final SelfSignedCertificate certificate;
    private final HttpClient backend = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> protocols = Collections.synchronizedList(new ArrayList<>());
    private Server server;
    private ServerConnector connector;

    public TlsWeaveFront(FakeWeaveServer weave, SelfSignedCertificate certificate) {
        this.weave = weave;
        this.certificate = certificate;
    }

    public TlsWeaveFront start() {
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer());
        HttpConnectionFactory http11 = new HttpConnectionFactory(https);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        alpn.setDefaultProtocol(http11.getProtocol());
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(certificate.keyStore().toString());
        tls.setKeyStoreType("PKCS12");
        tls.setKeyStorePassword(certificate.password());
        server = new Server();
        connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                forward(request, response, callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the TLS front did not start", e);
        }
        return this;
    }

    /** {@code https://localhost:PORT}: the name the certificate is for. */
    public String baseUrl() {
        return "https://localhost:" + connector.getLocalPort();
    }

    /** The protocol of every request received so far ({@code HTTP/2.0}, {@code HTTP/1.1}), oldest first. */
    public List<String> protocols() {
        synchronized (protocols) {
            return List.copyOf(protocols);
        }
    }

    private void forward(Request request, Response response, Callback callback) throws IOException, InterruptedException {
        protocols.add(request.getConnectionMetaData().getProtocol());
        ByteBuffer body = Content.Source.asByteBuffer(request);
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        String target = request.getHttpURI().getPathQuery();
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create(weave.baseUrl() + target))
                .method(request.getMethod(), bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes));
        for (HttpField field : request.getHeaders()) {
            if (FORWARDED.contains(field.getLowerCaseName())) {
                forwarded.header(field.getName(), field.getValue());
            }
        }
        HttpResponse<byte[]> reply = backend.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.setStatus(reply.statusCode());
        reply.headers().map().forEach((name, values) -> {
            if (RETURNED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> response.getHeaders().add(name, value));
            }
        });
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.stop();
                server.join();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A key pair and self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made by the JDK's
     * {@code keytool} in {@code dir} (nothing is committed): {@link #keyStore()} for the server and
     * {@link #trustStore()}, holding only the certificate, for a client to trust it by the standard JSSE
     * properties ({@code -Djavax.net.ssl.trustStore=... -Djavax.net.ssl.trustStorePassword=...
     * -Djavax.net.ssl.trustStoreType=PKCS12}).
     */
    public record SelfSignedCertificate(Path keyStore, Path trustStore, String password) {

        public static SelfSignedCertificate create(Path dir) {
            String password = "changeit-" + Long.toHexString(System.nanoTime());
            Path keyStore = dir.resolve("weave-server.p12");
            Path certificate = dir.resolve("weave-server.cer");
            Path trustStore = dir.resolve("weave-trust.p12");
            keytool("-genkeypair", "-alias", "weave", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keyStore.toString(),
                    "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
            keytool("-exportcert", "-alias", "weave", "-keystore", keyStore.toString(), "-storepass", password,
                    "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", "weave", "-file", certificate.toString(), "-keystore",
                    trustStore.toString(), "-storetype", "PKCS12", "-storepass", password);
            return new SelfSignedCertificate(keyStore, trustStore, password);
        }

        /** The JVM options that make a JVM trust this certificate (and nothing else). */
        public List<String> trustStoreOptions() {
            return List.of("-Djavax.net.ssl.trustStore=" + trustStore, "-Djavax.net.ssl.trustStorePassword=" + password,
                    "-Djavax.net.ssl.trustStoreType=PKCS12");
        }

        private static void keytool(String... args) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
