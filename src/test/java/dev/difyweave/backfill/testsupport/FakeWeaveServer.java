package dev.difyweave.backfill.testsupport;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process fake of the W&B Weave trace server (HTTP/1.1 on 127.0.0.1, an ephemeral port), faithful to the
 * server semantics in {@code docs/reference/weave-api.md}: Basic auth {@code api:<key>}, pydantic-style 422s, 400s for ids, op
 * names and refs, merge-on-duplicate storage, v2 calls_complete mode, JSONL stream_query, soft delete with cascade,
 * the 32 MiB request cap and 3.5 MiB row stripping, plus injectable faults for retry tests.
 *
 * <pre>{@code
 * try (FakeWeaveServer weave = new FakeWeaveServer("test-key").start()) {
 *     weave.enqueueFault(Fault.tooManyRequests(1));
 *     // point the client at weave.baseUrl() ...
 *     assertThat(weave.visibleCalls("team/project")).hasSize(3);
 * }
 * }</pre>
 *
 * Endpoints: {@code GET /health}, {@code GET /server_info}, {@code POST /call/start}, {@code /call/end},
 * {@code /call/upsert_batch}, {@code /call/read}, {@code /call/update}, {@code /calls/stream_query},
 * {@code /calls/query_stats}, {@code /calls/delete}, {@code /v2/{entity}/{project}/calls/complete}, and
 * feedback: {@code /feedback/batch/create}, {@code /feedback/query}, {@code /feedback/purge},
 * {@code /feedback/replace} ({@link FeedbackRequestValidator}: all-or-nothing batches, duplicate ids kept as
 * separate rows, purge by ids only).
 * Order of checks: route (404/405), body size (413), auth (401), fault, then the endpoint's own validation
 * (nesting deeper than 200 levels 413, shape 422, content 400: ids, op_name, refs in any string value).
 * Faults apply only to the write endpoints (upsert_batch, v2 complete, call/start, call/end, and feedback
 * create, purge and replace).
 */
public final class FakeWeaveServer implements AutoCloseable {

    public static final long DEFAULT_MAX_BODY_BYTES = 32L * 1024 * 1024;
    public static final long DEFAULT_ROW_LIMIT_BYTES = RowSizeLimiter.DEFAULT_ROW_LIMIT_BYTES;
    public static final String API_USERNAME = "api";

    private static final Pattern V2_CALLS_COMPLETE = Pattern.compile("/v2/([^/]+)/([^/]+)/calls/complete");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle plus delayed ACKs add
        // ~40 ms to many loopback requests. Read once per JVM when the first HttpServer is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String apiKey;
    private final JsonMapper json = JsonMapper.builder().build();
    private final WeaveRequestValidator validator = new WeaveRequestValidator();
    private final CallStore store = new CallStore();
    private final FeedbackEndpoints feedback = new FeedbackEndpoints();
    private final CallSchemaRenderer renderer = new CallSchemaRenderer();
    private final RowSizeLimiter rowLimiter = new RowSizeLimiter(json);
    private final FaultPlan faults = new FaultPlan();
    private final Set<String> poisonedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failingIds = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ReceivedRequest> received = Collections.synchronizedList(new ArrayList<>());
    private final List<AcceptedWrite> acceptedWrites = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean keepAcceptedBodies;
    private final AtomicLong requestCount = new AtomicLong();
    private final AtomicLong writeRequestCount = new AtomicLong();
    private final AtomicLong strippedCallCount = new AtomicLong();
    private volatile long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private volatile boolean v2CallsCompleteServed = true;

    private final Map<String, Route> routes = Map.ofEntries(
            Map.entry("/health", new Route("GET", false, false,
                    request -> jsonReply(NODES.objectNode().put("status", "ok")))),
            Map.entry("/server_info", new Route("GET", false, true, request -> serverInfo())),
            Map.entry("/call/start", new Route("POST", true, true, this::callStart)),
            Map.entry("/call/end", new Route("POST", true, true, this::callEnd)),
            Map.entry("/call/upsert_batch", new Route("POST", true, true, this::upsertBatch)),
            Map.entry("/call/read", new Route("POST", false, true, this::callRead)),
            Map.entry("/call/update", new Route("POST", false, true, this::callUpdate)),
            Map.entry("/calls/stream_query", new Route("POST", false, true, this::streamQuery)),
            Map.entry("/calls/query_stats", new Route("POST", false, true, this::queryStats)),
            Map.entry("/calls/delete", new Route("POST", false, true, this::callsDelete)),
            Map.entry("/feedback/batch/create", new Route("POST", true, true,
                    request -> jsonReply(feedback.createBatch(jsonBody(request))))),
            Map.entry("/feedback/query", new Route("POST", false, true,
                    request -> jsonReply(feedback.query(jsonBody(request))))),
            Map.entry("/feedback/purge", new Route("POST", true, true,
                    request -> jsonReply(feedback.purge(jsonBody(request))))),
            Map.entry("/feedback/replace", new Route("POST", true, true,
                    request -> jsonReply(feedback.replace(jsonBody(request))))));
    private final Route v2CallsComplete = new Route("POST", true, true, this::callsComplete);

    private HttpServer server;
    private ExecutorService executor;

    public FakeWeaveServer(String apiKey) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
    }

    private volatile String pathPrefix = "";

    /**
     * Serves the API under {@code prefix} (e.g. {@code /traces}, where a W&B Dedicated Cloud host has
     * its trace server); other paths get 404. {@link #baseUrl()} stays the bare host.
     */
    public FakeWeaveServer underPath(String prefix) {
        this.pathPrefix = prefix;
        return this;
    }

    // =========================================================================================================
    // Lifecycle
    // =========================================================================================================

    /** Binds 127.0.0.1 on an ephemeral port and starts serving. */
    public synchronized FakeWeaveServer start() {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-weave-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        return this;
    }

    /** Stops serving; stalled requests are cut off (their connections dropped). */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash, like {@code https://trace.wandb.ai}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server.getAddress().getPort();
    }

    public String apiKey() {
        return apiKey;
    }

    /** Forgets all calls, feedback, requests, counters, faults and project modes; limits go back to their defaults. */
    public void reset() {
        store.clear();
        feedback.clear();
        faults.clear();
        poisonedIds.clear();
        failingIds.clear();
        received.clear();
        acceptedWrites.clear();
        requestCount.set(0);
        writeRequestCount.set(0);
        strippedCallCount.set(0);
        maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        v2CallsCompleteServed = true;
        rowLimiter.setLimitBytes(DEFAULT_ROW_LIMIT_BYTES);
    }

    // =========================================================================================================
    // Test switches
    // =========================================================================================================

    /** Request bodies larger than this (on the wire) get 413 and store nothing. Default 32 MiB. */
    public void setMaxBodyBytes(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Parts whose JSON is larger than this get fields replaced by {@code <EXCEEDS_LIMITS>}. Default 3.5 MiB. */
    public void setRowLimitBytes(long rowLimitBytes) {
        rowLimiter.setLimitBytes(rowLimitBytes);
    }

    /**
     * Whether {@code /v2/{entity}/{project}/calls/complete} exists; without it (an older server, or a proxy
     * that does not forward {@code /v2/}) it answers 404 like any unknown route. Default true.
     */
    public void setV2CallsCompleteServed(boolean served) {
        this.v2CallsCompleteServed = served;
    }

    /** Locks the project into calls_complete mode: v1 writes get 400 CALLS_COMPLETE_MODE_REQUIRED. */
    public void setCompleteOnly(String projectId) {
        store.setCompleteOnly(projectId);
    }

    /** True after {@link #setCompleteOnly} or after a v2 write to a project that had no v1 data. */
    public boolean isCompleteOnly(String projectId) {
        return store.isCompleteOnly(projectId);
    }

    // =========================================================================================================
    // Faults
    // =========================================================================================================

    /** Queues faults for the next write requests, one each, in order (before any random faults). */
    public void enqueueFault(Fault... faultsToQueue) {
        for (Fault fault : faultsToQueue) {
            faults.enqueue(fault);
        }
    }

    /**
     * Gives every write request (that has no queued fault) a seeded random fault: 429 with {@code Retry-After: 1}
     * (see {@link #setRandomRetryAfter}), a 500/502/503, or a lost reply.
     */
    public void setRandomFaults(long seed, double p429, double p5xx, double pLostReply) {
        faults.setRandom(seed, p429, p5xx, pLostReply);
    }

    /** The Retry-After value sent with random 429s; null sends none. Default {@code "1"}. */
    public void setRandomRetryAfter(String retryAfter) {
        faults.setRandomRetryAfter(retryAfter);
    }

    public void clearRandomFaults() {
        faults.clearRandom();
    }

    public int pendingFaults() {
        return faults.queued();
    }

    /** Faults applied so far (queued and random, stalls included). */
    public long faultsInjected() {
        return faults.injected();
    }

    // =========================================================================================================
    // What was received
    // =========================================================================================================

    /** Every request, any endpoint, any outcome. */
    public long requestCount() {
        return requestCount.get();
    }

    /** Requests to the write endpoints (calls and feedback, see {@link #enqueueFault}), any outcome. */
    public long writeRequestCount() {
        return writeRequestCount.get();
    }

    /** Parts that had fields replaced by {@code <EXCEEDS_LIMITS>}; a well-behaved client keeps this at 0. */
    public long strippedCallCount() {
        return strippedCallCount.get();
    }

    /** Every request received, oldest first. */
    public List<ReceivedRequest> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public List<ReceivedRequest> requestsTo(String path) {
        return requests().stream().filter(request -> request.path().equals(path)).toList();
    }

    public Optional<ReceivedRequest> lastRequest() {
        synchronized (received) {
            return received.isEmpty() ? Optional.empty() : Optional.of(received.get(received.size() - 1));
        }
    }

    /**
     * From now on keeps the JSON body of every write request the fake accepts (off by default: bodies
     * can be large), for {@link #acceptedBodies}.
     */
    public FakeWeaveServer keepAcceptedBodies() {
        keepAcceptedBodies = true;
        return this;
    }

    /**
     * The JSON bodies of the write requests to {@code path} (e.g. {@code /call/upsert_batch},
     * {@code /feedback/batch/create}) that the fake accepted with a 2xx since {@link #keepAcceptedBodies},
     * oldest first, exactly as sent (after gzip decoding): what a test compares with the bodies it expects.
     */
    public List<JsonNode> acceptedBodies(String path) {
        synchronized (acceptedWrites) {
            return acceptedWrites.stream().filter(write -> write.path().equals(path)).map(AcceptedWrite::body).toList();
        }
    }

    private record AcceptedWrite(String path, JsonNode body) {
    }

    /** Headers of the last request (case-insensitive keys), or an empty map. */
    public Map<String, List<String>> lastRequestHeaders() {
        return lastRequest().map(ReceivedRequest::headers).orElse(Map.of());
    }

    // =========================================================================================================
    // What is stored
    // =========================================================================================================

    /** Calls a query sees (start present, not deleted), ordered by started_at then id. */
    public List<StoredCall> visibleCalls(String projectId) {
        return store.visibleCalls(projectId);
    }

    /** The visible call with this id (the first row, if v2 re-sends with another started_at duplicated it). */
    public Optional<StoredCall> call(String projectId, String id) {
        return store.visibleCall(projectId, id);
    }

    /** Every id any part was stored for: visible, end-only and deleted alike. */
    public Set<String> allCallIds(String projectId) {
        return store.allCallIds(projectId);
    }

    /** Visible calls whose end has not arrived (status running). */
    public List<StoredCall> incompleteCalls(String projectId) {
        return visibleCalls(projectId).stream().filter(call -> !call.hasEnd()).toList();
    }

    /** Ids with an end part but no start: stored, yet invisible to queries. */
    public Set<String> endOnlyIds(String projectId) {
        return store.endOnlyIds(projectId);
    }

    /** Every feedback row of the project, oldest first: an id created twice is two rows, as in Weave. */
    public List<StoredFeedback> feedback(String projectId) {
        return feedback.rows(projectId);
    }

    public Set<String> deletedIds(String projectId) {
        return store.deletedIds(projectId);
    }

    /** Every stored row including end-only and deleted ones. */
    public List<StoredCall> allRows(String projectId) {
        return store.allRows(projectId);
    }

    /** Parts stored for this id (starts, ends, complete rows; re-sends counted). */
    public int partsReceived(String projectId, String id) {
        return store.partsReceived(projectId, id);
    }

    /** Projects anything was written to (or configured). */
    public Set<String> projectIds() {
        return store.projectIds();
    }

    // =========================================================================================================
    // HTTP plumbing
    // =========================================================================================================

    private interface Handler {
        Reply handle(Incoming request);
    }

    private record Route(String method, boolean write, boolean authenticated, Handler handler) {
    }

    /** A request whose body has been read and is within the size limit. */
    private record Incoming(Headers headers, byte[] body, Matcher pathMatch) {
    }

    private record Reply(int status, byte[] body, String contentType, Map<String, String> headers) {
    }

    private record Outcome(Reply reply, boolean replyLost, Fault fault) {
    }

    private record Body(byte[] bytes, long wireBytes, boolean tooLarge) {
    }

    private void handle(HttpExchange exchange) {
        requestCount.incrementAndGet();
        try {
            String path = exchange.getRequestURI().getRawPath();
            if (!pathPrefix.isEmpty()) {
                path = path.startsWith(pathPrefix + "/") ? path.substring(pathPrefix.length()) : "(outside " + pathPrefix + ")";
            }
            Route route = routes.get(path);
            Matcher pathMatch = V2_CALLS_COMPLETE.matcher(path);
            if (route == null && pathMatch.matches() && v2CallsCompleteServed) {
                route = v2CallsComplete;
            }
            if (route != null && route.write()) {
                writeRequestCount.incrementAndGet();
            }
            Body body = readBody(exchange.getRequestBody(), maxBodyBytes);
            Outcome outcome = respond(exchange, route, pathMatch, body);
            if (keepAcceptedBodies && route != null && route.write() && outcome.reply().status() / 100 == 2) {
                byte[] bytes = decodeContent(exchange.getRequestHeaders().getFirst("Content-Encoding"), body.bytes());
                acceptedWrites.add(new AcceptedWrite(path, json.readTree(bytes)));
            }
            // Logged before replying, so a test that has its response can already see the request.
            received.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI(),
                    copyHeaders(exchange.getRequestHeaders()), body.wireBytes(), outcome.reply().status(),
                    outcome.replyLost(), outcome.fault()));
            if (!outcome.replyLost()) {
                send(exchange, outcome.reply());
            }
        } catch (IOException clientWentAway) {
            // the client closed the connection while sending, or before we could answer (e.g. it timed out)
        } finally {
            // Without response headers sent, close() drops the connection: that is how a reply gets "lost".
            exchange.close();
        }
    }

    private Outcome respond(HttpExchange exchange, Route route, Matcher pathMatch, Body body) {
        Fault fault = null;
        try {
            if (route == null) {
                throw ApiError.notFound();
            }
            if (!route.method().equals(exchange.getRequestMethod())) {
                throw ApiError.methodNotAllowed();
            }
            if (body.tooLarge()) { // the ingress enforces the body cap before the app sees the request
                throw ApiError.requestTooLarge("Request too large");
            }
            if (route.authenticated()) {
                authenticate(exchange.getRequestHeaders());
            }
            fault = route.write() ? faults.next().orElse(null) : null;
            if (fault instanceof Fault.HttpError error) {
                return new Outcome(faultReply(error), false, fault);
            }
            if (fault instanceof Fault.Canned canned) {
                return new Outcome(new Reply(canned.status(), canned.body().getBytes(StandardCharsets.UTF_8),
                        canned.contentType(), Map.of()), false, fault);
            }
            if (fault instanceof Fault.Stall stall && !sleep(stall.duration())) {
                return new Outcome(errorReply(ApiError.withReason(503, "Server shutting down")), true, fault);
            }
            Reply reply = route.handler().handle(new Incoming(exchange.getRequestHeaders(), body.bytes(), pathMatch));
            return new Outcome(reply, fault instanceof Fault.LostReply, fault);
        } catch (ApiError error) {
            return new Outcome(errorReply(error), fault instanceof Fault.LostReply, fault);
        } catch (RuntimeException bug) {
            bug.printStackTrace();
            return new Outcome(errorReply(ApiError.withReason(500, "Internal server error: " + bug)),
                    fault instanceof Fault.LostReply, fault);
        }
    }

    /** Reads (and drains) the whole body, keeping it only if it is within the limit. */
    private static Body readBody(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(chunk); n != -1; n = in.read(chunk)) {
            if (total + n <= limit) {
                kept.write(chunk, 0, n);
            }
            total += n;
        }
        boolean tooLarge = total > limit;
        return new Body(tooLarge ? new byte[0] : kept.toByteArray(), total, tooLarge);
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        reply.headers().forEach(headers::set);
        headers.set("Content-Type", reply.contentType());
        byte[] body = reply.body();
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void authenticate(Headers headers) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            throw ApiError.unauthorized("Authentication required: HTTP Basic with username 'api' and your API key");
        }
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw ApiError.unauthorized("Unsupported authorization scheme: use HTTP Basic");
        }
        byte[] credentials;
        try {
            credentials = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            throw ApiError.unauthorized("Malformed Basic credentials");
        }
        byte[] expected = (API_USERNAME + ":" + apiKey).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(credentials, expected)) {
            throw ApiError.unauthorized("Invalid credentials: expected username 'api' and a valid API key");
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Map<String, List<String>> copyHeaders(Headers headers) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        return Collections.unmodifiableMap(copy);
    }

    /**
     * The JSON body as FastAPI reads it: a JSON (or missing) content type, optionally gzip-encoded; nested deeper
     * than {@value WeaveRequestRules#MAX_NESTING} levels it is refused with 413 ("Request too large").
     */
    private JsonNode jsonBody(Incoming request) {
        String contentType = request.headers().getFirst("Content-Type");
        if (contentType != null && !isJsonMediaType(contentType)) {
            throw bodyError("model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from");
        }
        byte[] bytes = decodeContent(request.headers().getFirst("Content-Encoding"), request.body());
        if (bytes.length == 0) {
            throw bodyError("missing", "Field required");
        }
        WeaveRequestRules.checkNesting(bytes);
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            throw bodyError("json_invalid", "JSON decode error");
        }
    }

    private static boolean isJsonMediaType(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static byte[] decodeContent(String contentEncoding, byte[] body) {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return body;
        }
        if (!contentEncoding.trim().equalsIgnoreCase("gzip")) {
            throw ApiError.withReason(415, "Unsupported Content-Encoding: " + contentEncoding);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ApiError.badRequest("Invalid gzip request body: " + e.getMessage());
        }
    }

    private static ApiError bodyError(String type, String message) {
        RequestReader reader = new RequestReader();
        reader.error(type, RequestReader.Loc.body(), message);
        return reader.toError();
    }

    private Reply jsonReply(JsonNode body) {
        return jsonReply(200, body);
    }

    private Reply jsonReply(int status, JsonNode body) {
        return new Reply(status, json.writeValueAsBytes(body), "application/json", Map.of());
    }

    private Reply errorReply(ApiError error) {
        return new Reply(error.status(), json.writeValueAsBytes(error.body()), "application/json", error.headers());
    }

    private Reply faultReply(Fault.HttpError fault) {
        String reason = switch (fault.status()) {
            case 429 -> "Too many requests";
            case 500 -> "Internal server error";
            case 502 -> "Bad gateway";
            case 503 -> "Service unavailable";
            case 504 -> "Gateway timeout";
            default -> "Injected fault";
        };
        Map<String, String> headers = fault.retryAfter() == null ? Map.of() : Map.of("Retry-After", fault.retryAfter());
        return new Reply(fault.status(), json.writeValueAsBytes(NODES.objectNode().put("reason", reason)),
                "application/json", headers);
    }

    // =========================================================================================================
    // Endpoints
    // =========================================================================================================

    private Reply serverInfo() {
        return jsonReply(NODES.objectNode()
                .put("min_required_weave_python_version", "0.52.26")
                .put("trace_server_version", "fake-weave-server"));
    }

    private Reply upsertBatch(Incoming request) {
        List<CallPart> parts = validator.upsertBatch(jsonBody(request));
        storeV1(parts);
        ArrayNode results = NODES.arrayNode();
        for (CallPart part : parts) {
            ObjectNode result = results.addObject();
            if (part.kind() == CallPart.Kind.START) {
                result.put("id", part.id()).put("trace_id", part.traceId());
            }
        }
        return jsonReply(NODES.objectNode().set("res", results));
    }

    private Reply callStart(Incoming request) {
        CallPart start = validator.startRequest(jsonBody(request));
        storeV1(List.of(start));
        return jsonReply(NODES.objectNode().put("id", start.id()).put("trace_id", start.traceId()));
    }

    private Reply callEnd(Incoming request) {
        storeV1(List.of(validator.endRequest(jsonBody(request))));
        return jsonReply(NODES.objectNode());
    }

    private void storeV1(List<CallPart> parts) {
        rejectPoisoned(parts);
        int stripped = rowLimiter.enforce(parts);
        store.writeV1(parts);
        strippedCallCount.addAndGet(stripped);
    }

    private Reply callsComplete(Incoming request) {
        Matcher path = request.pathMatch();
        String projectId = URLDecoder.decode(path.group(1), StandardCharsets.UTF_8) + "/"
                + URLDecoder.decode(path.group(2), StandardCharsets.UTF_8);
        List<CallPart> parts = validator.completeBatch(jsonBody(request), projectId);
        rejectPoisoned(parts);
        int stripped = rowLimiter.enforce(parts);
        store.writeComplete(projectId, parts);
        strippedCallCount.addAndGet(stripped);
        return jsonReply(NODES.objectNode());
    }

    /** Test switch: a request carrying one of these call ids is refused whole with 400, like a validation error. */
    public void rejectCallIds(String... ids) {
        poisonedIds.addAll(List.of(ids));
    }

    /**
     * Test switch: a request carrying one of these call ids is answered with {@code status} (e.g. 500, as
     * by a server that crashes on that call), every time, whatever else the request holds.
     */
    public void failCallIdsWith(int status, String... ids) {
        for (String id : ids) {
            failingIds.put(id, status);
        }
    }

    /**
     * Test switch: a feedback create (batch or replace) holding a feedback on one of these calls of the
     * project ({@code weave:///<project>/call/<id>}) is refused whole with 400, like a batch with one
     * invalid item; nothing of it is stored.
     */
    public void rejectFeedbackOnCalls(String projectId, String... callIds) {
        feedback.refuseOn(java.util.Arrays.stream(callIds)
                .map(id -> WeaveRefs.PREFIX + projectId + "/call/" + id).toList());
    }

    private void rejectPoisoned(List<CallPart> parts) {
        for (CallPart part : parts) {
            if (poisonedIds.contains(part.id())) {
                throw ApiError.badRequest("Invalid call " + part.id() + " (rejected by the test)");
            }
        }
        for (CallPart part : parts) {
            Integer status = failingIds.get(part.id());
            if (status != null) {
                throw ApiError.withReason(status, "Call " + part.id() + " failed with HTTP " + status + " (by the test)");
            }
        }
    }

    private Reply callRead(Incoming request) {
        WeaveRequestValidator.ReadRequest read = validator.readRequest(jsonBody(request));
        ObjectNode body = NODES.objectNode();
        store.visibleCall(read.projectId(), read.id()).ifPresentOrElse(
                call -> body.set("call", renderer.render(call)),
                () -> body.putNull("call"));
        return jsonReply(body);
    }

    private Reply callUpdate(Incoming request) {
        WeaveRequestValidator.UpdateRequest update = validator.updateRequest(jsonBody(request));
        if (update.displayName() != null) {
            store.updateDisplayName(update.projectId(), update.callId(), update.displayName());
        }
        return jsonReply(NODES.objectNode());
    }

    /** JSONL: one CallSchema per line, no envelope; an empty result is an empty body. */
    private Reply streamQuery(Incoming request) {
        CallsQuery query = CallsQuery.forStreamQuery(jsonBody(request));
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (ObjectNode row : query.select(store.visibleCalls(query.projectId()), renderer)) {
            lines.writeBytes(json.writeValueAsBytes(row));
            lines.write('\n');
        }
        return new Reply(200, lines.toByteArray(), "application/jsonl", Map.of());
    }

    private Reply queryStats(Incoming request) {
        CallsQuery query = CallsQuery.forStats(jsonBody(request));
        long count = query.count(store.visibleCalls(query.projectId()), renderer);
        return jsonReply(NODES.objectNode().put("count", count));
    }

    private Reply callsDelete(Incoming request) {
        WeaveRequestValidator.DeleteRequest delete = validator.deleteRequest(jsonBody(request));
        int deleted = store.delete(delete.projectId(), delete.callIds(), Instant.now());
        return jsonReply(NODES.objectNode().put("num_deleted", deleted));
    }
}
