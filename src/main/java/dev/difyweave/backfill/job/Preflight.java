package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.DatabasePreflight;
import dev.difyweave.backfill.state.StateStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.routing.ProjectRouting;
import dev.difyweave.backfill.routing.ProjectRoutes;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.storage.PayloadStores;
import dev.difyweave.backfill.storage.PayloadUnavailableException;
import dev.difyweave.backfill.weave.WeaveAccessCheck;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * Checks, before any work and in seconds, that what a command needs answers: Dify's database (a
 * read-only {@code SELECT 1} with the configured credentials), Dify's storage when one is configured
 * (an S3 bucket takes the credentials: one GET of a key that does not exist), the state store (takes
 * writes; for the embedded one, {@code ./var/} is writable), and Weave (one authenticated request per distinct server
 * and key the run sends with: the job's project, and with {@code --project-routing=dify} each routed
 * app's target that is not refused). A failure is a {@link ConfigurationException}: one line naming the
 * setting and the cause (exit status 2), never a password or key. Weave answering 429 or 5xx proves
 * nothing either way: that is logged and the run goes on (its requests are retried).
 */
public final class Preflight {

    private static final Logger log = LoggerFactory.getLogger(Preflight.class);
    private static final Duration WEAVE_CONNECT = Duration.ofSeconds(5);
    private static final Duration WEAVE_READ = Duration.ofSeconds(15);
    private static final Duration STORAGE_CONNECT = Duration.ofSeconds(5);
    private static final Duration STORAGE_READ = Duration.ofSeconds(15);

    /**
     * One Weave check: a server ({@code null}: the process's own) and a key ({@code null}: WANDB_API_KEY)
     * for a project; {@code owner} names the app whose Dify config it comes from ({@code null}: the job's).
     */
    private record Check(URI server, WeaveTarget.ApiKey key, String projectId, String owner) {
    }

    private record Key(URI server, WeaveTarget.ApiKey key) {
    }

    private final BackfillSettings settings;

    public Preflight(BackfillSettings settings) {
        this.settings = settings;
    }

    /**
     * {@code migrate}, {@code sync}: Dify, its storage and the state store, checked before this returns; and
     * Weave when the run sends, checked on a thread of its own while the command starts its context (the JDK
     * HTTP client's first request loads and links some 500 classes, 0.2-0.3 s of an empty {@code sync}, which the
     * context's start no longer waits for). The command calls {@link WeaveAnswer#await()} before its first work.
     */
    public WeaveAnswer forRun(BackfillRequest request) {
        long started = System.nanoTime();
        List<Check> checks;
        try (Connection dify = DatabasePreflight.dify(settings.requireDify()); PayloadStore storage = storage()) {
            checks = request.sink().sends() ? checks(dify, request, storage) : List.of();
        } catch (SQLException closing) {
            throw DatabasePreflight.failure("DIFY_DB_URL", settings.dify(), closing);
        }
        stateStore();
        CompletableFuture<Answers> answers = checks.isEmpty()
                ? CompletableFuture.completedFuture(new Answers(List.of(), System.nanoTime()))
                : CompletableFuture.supplyAsync(() -> new Answers(checks.stream().map(this::ask).toList(), System.nanoTime()),
                        Preflight::onItsOwnThread);
        return new WeaveAnswer(checks, answers, started);
    }

    /** Weave's answers to the checks, in their order, and when the last came ({@link System#nanoTime()}). */
    private record Answers(List<WeaveAccessCheck.Result> results, long endedAt) {
    }

    /**
     * The Weave checks of a run's preflight, under way: their requests on a thread of their own, what the answers
     * mean (an exception, a warning) on the caller's, in {@link #await()}.
     */
    public final class WeaveAnswer {

        private final List<Check> checks;
        private final CompletableFuture<Answers> answers;
        private final long started;
        private boolean judged;

        private WeaveAnswer(List<Check> checks, CompletableFuture<Answers> answers, long started) {
            this.checks = checks;
            this.answers = answers;
            this.started = started;
        }

        /**
         * Waits for Weave's answers: returns when every server took its key (or could not say, 429/5xx),
         * throws the {@link ConfigurationException} of the first that refused or could not be reached. Called
         * again, answers the same at once.
         */
        public void await() {
            Answers answered;
            try {
                answered = answers.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            if (judged) {
                return;
            }
            for (int i = 0; i < checks.size(); i++) {
                judge(checks.get(i), answered.results().get(i));
            }
            judged = true;
            log.info("preflight: Dify, the state store{} answer ({} ms)", checks.isEmpty() ? ""
                    : " and Weave (" + checks.size() + (checks.size() == 1 ? " server" : " servers") + ")",
                    (answered.endedAt() - started) / 1_000_000);
        }
    }

    /** A daemon thread: a command that fails for another reason meanwhile exits without waiting for Weave. */
    private static void onItsOwnThread(Runnable checks) {
        Thread thread = new Thread(checks, "weave-preflight");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code verify}: Dify, its storage, the state store, and Weave with WANDB_API_KEY for the request's project. */
    public void forVerify(BackfillRequest request) {
        stores();
        storage().close();
        weave(new Check(null, null, request.project(), null));
    }

    /** {@code worker}: Dify, its storage, the state store, and Weave when WANDB_API_KEY and WEAVE_PROJECT are set. */
    public void forWorker() {
        stores();
        storage().close();
        if (settings.weave().apiKey() != null && settings.weave().project() != null) {
            weave(new Check(null, null, settings.weave().project(), null));
        }
    }

    /** {@code schedule}: Dify and the state store (each run checks its own Weave target). */
    public void stores() {
        try (Connection dify = DatabasePreflight.dify(settings.requireDify())) {
            log.debug("preflight: Dify answers ({})", dify.getMetaData().getDatabaseProductVersion());
        } catch (SQLException e) {
            throw DatabasePreflight.failure("DIFY_DB_URL", settings.dify(), e);
        }
        stateStore();
    }

    /**
     * Dify's storage, checked ({@link PayloadStore#check()}; nothing to check when none is configured),
     * open for the routing's private keys; the caller closes it.
     */
    private PayloadStore storage() {
        PayloadStore storage = PayloadStores.of(settings.storage(), min(settings.tuning().connectTimeout(), STORAGE_CONNECT),
                min(settings.tuning().readTimeout(), STORAGE_READ));
        try {
            storage.check();
        } catch (PayloadUnavailableException e) {
            storage.close();
            throw new ConfigurationException("Dify's storage, " + storage.describe() + ": " + e.getMessage());
        }
        return storage;
    }

    /** {@code status}, {@code stop}: the state store. */
    public void stateStore() {
        if (settings.state() == null) {
            DatabasePreflight.embedded(StateStore.EMBEDDED_DIR.getParent());
        } else {
            DatabasePreflight.state(settings.state());
        }
    }

    /**
     * The distinct (server, key) pairs the run sends with: the job's target, and with Dify routing the
     * targets of the apps in scope ({@code --app}, else every routed app and the job's project).
     */
    private List<Check> checks(Connection dify, BackfillRequest request, PayloadStore storage) {
        WeaveTarget fallback = ProjectRoutesLoader.defaultTarget(request);
        List<Check> wanted = new ArrayList<>();
        if (request.projectRouting() != ProjectRouting.DIFY) {
            wanted.add(new Check(null, null, fallback.projectId(), null));
        } else {
            ProjectRoutes routes;
            try {
                routes = ProjectRoutesLoader.read(new JdbcTemplate(new SingleConnectionDataSource(dify, true)), request,
                        settings, storage);
            } catch (DataAccessException e) {
                throw DatabasePreflight.failure("DIFY_DB_URL", settings.dify(), "cannot read the apps' tracing settings "
                        + "for --project-routing=dify: " + e.getMostSpecificCause().getMessage());
            }
            if (request.appIds().isEmpty()) {
                wanted.add(new Check(null, null, fallback.projectId(), null));
                routes.routes().forEach(r -> wanted.add(check(r.target(), owner(r.appId(), routes))));
            } else {
                for (UUID app : request.appIds()) {
                    WeaveTarget target = routes.target(app);
                    wanted.add(check(target, target.equals(routes.defaultTarget()) ? null : owner(app, routes)));
                }
            }
        }
        Map<Key, Check> distinct = new LinkedHashMap<>();
        for (Check c : wanted) {
            if (c != null) {
                distinct.putIfAbsent(new Key(server(c), c.key()), c);
            }
        }
        return List.copyOf(distinct.values());
    }

    /** A refused target is never sent to, so it is not checked ({@code null}). */
    private static Check check(WeaveTarget target, String owner) {
        return target.isRefused() ? null : new Check(target.serverUrl(), target.apiKey(), target.projectId(), owner);
    }

    private static String owner(UUID app, ProjectRoutes routes) {
        return "app " + app + (routes.appName(app) == null ? "" : " (" + routes.appName(app) + ")");
    }

    private URI server(Check c) {
        return c.server() == null ? settings.weave().serverUrl() : c.server();
    }

    private void weave(Check c) {
        judge(c, ask(c));
    }

    /** One request to Weave; nothing logged, nothing thrown (an unreachable server is an answer too). */
    private WeaveAccessCheck.Result ask(Check c) {
        String key = c.key() == null ? settings.weave().apiKey() : c.key().value();
        return WeaveAccessCheck.check(server(c), key, c.projectId(),
                min(settings.tuning().connectTimeout(), WEAVE_CONNECT), min(settings.tuning().readTimeout(), WEAVE_READ));
    }

    /** What Weave's answer to a check means: nothing (accepted), a warning (429, 5xx), or the command's end. */
    private void judge(Check c, WeaveAccessCheck.Result result) {
        URI server = server(c);
        String keySetting = c.key() == null ? "WANDB_API_KEY"
                : "BACKFILL_DIFY_KEYS (the API key in the Dify tracing config of " + c.owner() + ")";
        String projectSetting = c.owner() == null ? "WEAVE_PROJECT" : "tracing_config.project of " + c.owner();
        String serverSetting = c.server() == null ? "WF_TRACE_SERVER_URL" : "tracing_config.host of " + c.owner();
        String detail = result.detail();
        switch (result.outcome()) {
            case ACCEPTED -> log.debug("preflight: Weave at {} accepts the key for {}", server, c.projectId());
            case UNAUTHORIZED -> throw new ConfigurationException(keySetting + ": Weave at " + server
                    + " does not accept the key (" + detail + ")");
            case FORBIDDEN -> throw new ConfigurationException(keySetting + " / " + projectSetting + ": the key may not "
                    + "use project " + c.projectId() + " on " + server + " (" + detail + ")");
            case NOT_FOUND -> throw new ConfigurationException(projectSetting + " / " + serverSetting + ": " + server
                    + " answered " + detail + " for project " + c.projectId() + ": the project does not exist there "
                    + "(create it in W&B), or the URL is not a Weave trace server");
            case UNREACHABLE -> throw new ConfigurationException(serverSetting + ": cannot reach Weave at " + server
                    + ": " + detail);
            case UNCERTAIN -> log.warn("preflight: Weave at {} answered {} for project {}; the key could not be checked "
                    + "now, the run goes on (its requests are retried)", server, detail, c.projectId());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
