package dev.difyweave.backfill.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/** A Weave-compatible sink for the benchmark: accepts every write, reads and discards the body. */
final class DiscardingWeave implements AutoCloseable {

    private final HttpServer server;
    final AtomicLong requests = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    DiscardingWeave() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            long n = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = exchange.getRequestBody()) {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    n += read;
                }
            }
            requests.incrementAndGet();
            bytes.addAndGet(n);
            byte[] reply = "{\"res\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
