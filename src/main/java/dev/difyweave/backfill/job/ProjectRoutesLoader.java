package dev.difyweave.backfill.job;

import dev.difyweave.backfill.state.FailureLedger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.routing.AppTracingRow;
import dev.difyweave.backfill.routing.DifyApiKeys;
import dev.difyweave.backfill.routing.DifyWeaveRoutes;
import dev.difyweave.backfill.routing.ProjectRouting;
import dev.difyweave.backfill.routing.ProjectRoutes;
import dev.difyweave.backfill.source.DifySql;
import dev.difyweave.backfill.storage.PayloadStore;
import dev.difyweave.backfill.weave.WeaveTarget;

/**
 * Loads the routing table of a job execution once (the first step that writes asks, the others get
 * the same table): the apps of Dify with their names and, for {@code --project-routing=dify}, their
 * Weave tracing settings. The problems of the table (configurations that cannot be used) are logged
 * and recorded in {@code backfill_problem} under the step name {@value #STEP}, once per job instance,
 * so a resumed window does not count them again.
 */
public class ProjectRoutesLoader {

    public static final String STEP = "projectRouting";
    /** The default target's project of a dry run, which names no project. */
    public static final String DRY_RUN_PROJECT = "dry-run/dry-run";

    private static final Logger log = LoggerFactory.getLogger(ProjectRoutesLoader.class);
    private static final DifySql APPS = DifySql.load("apps-weave-tracing");

    private final Supplier<JdbcTemplate> dify;
    private final JdbcTemplate state;
    private final FailureLedger ledger;
    private final BackfillSettings settings;
    private final PayloadStore storage;
    private long loadedFor = -1;
    private ProjectRoutes loaded;

    /** @param storage Dify's storage, where {@code BACKFILL_DIFY_KEYS} reads the tenants' private keys */
    public ProjectRoutesLoader(Supplier<JdbcTemplate> dify, JdbcTemplate state, FailureLedger ledger,
            BackfillSettings settings, PayloadStore storage) {
        this.dify = dify;
        this.state = state;
        this.ledger = ledger;
        this.settings = settings;
        this.storage = storage;
    }

    public synchronized ProjectRoutes routes(StepExecution step, BackfillRequest request) {
        long execution = step.getJobExecutionId();
        if (loaded == null || loadedFor != execution) {
            loaded = load(step, request);
            loadedFor = execution;
        }
        return loaded;
    }

    private ProjectRoutes load(StepExecution step, BackfillRequest request) {
        WeaveTarget defaultTarget = defaultTarget(request);
        if (request.projectRouting() != ProjectRouting.DIFY) {
            return ProjectRoutes.single(defaultTarget, names());
        }
        ProjectRoutes routes = read(dify.get(), request, settings, storage);
        log.info("project routing from Dify: {} of {} apps have their own Weave target; the others go to {}",
                routes.routes().size(), routes.appCount(), defaultTarget.projectId());
        routes.routes().forEach(r -> log.info("app {} ({}) -> {}", r.appId(), r.appName(), r.target()));
        routes.warnings().forEach(w -> log.warn("project routing: {}", w));
        routes.problems().forEach(p -> log.warn("project routing: {}:{}: {}", p.table(), p.key(), p.reason()));
        if (!routes.problems().isEmpty() && !recordedBefore(step)) {
            ledger.problems(execution(step), STEP, routes.problems());
        }
        return routes;
    }

    /** The default target of a request: its project, or a placeholder for a dry run. */
    static WeaveTarget defaultTarget(BackfillRequest request) {
        return WeaveTarget.of(request.project() == null ? DRY_RUN_PROJECT : request.project());
    }

    /**
     * The routing table of {@code --project-routing=dify} from Dify's apps and their tracing settings,
     * without logging or recording anything (the preflight reads it too). With {@code BACKFILL_DIFY_KEYS}
     * the tenants' private keys come from {@code storage}.
     */
    public static ProjectRoutes read(JdbcTemplate dify, BackfillRequest request, BackfillSettings settings,
            PayloadStore storage) {
        List<AppTracingRow> rows = APPS.query(dify, Map.of(), (rs, n) -> new AppTracingRow(
                rs.getObject("app_id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("name"),
                rs.getString("tracing"), rs.getObject("config_id", UUID.class), rs.getString("tracing_config")));
        return DifyWeaveRoutes.parse(rows, defaultTarget(request), settings.weave().hostPolicy(),
                settings.weave().difyKeys() ? new DifyApiKeys(storage)::decrypt : null);
    }

    /** The apps' names only, for the run report; without them the report shows app ids alone. */
    private Map<UUID, String> names() {
        try {
            Map<UUID, String> names = new LinkedHashMap<>();
            APPS.query(dify.get(), Map.of(), (rs, n) -> names.put(rs.getObject("app_id", UUID.class),
                    rs.getString("name")));
            return names;
        } catch (RuntimeException e) {
            log.warn("the names of Dify's apps could not be read; the run report shows app ids only: {}",
                    e.getClass().getSimpleName());
            return Map.of();
        }
    }

    private static long execution(StepExecution step) {
        return step.getJobExecutionId();
    }

    /** Whether an earlier execution of the same job instance recorded the routing problems already. */
    private boolean recordedBefore(StepExecution step) {
        Long n = state.queryForObject("""
                SELECT count(*) FROM backfill_problem p
                JOIN batch_job_execution e ON e.job_execution_id = p.job_execution_id
                WHERE p.step_name = ? AND e.job_instance_id = ?""", Long.class, STEP,
                step.getJobExecution().getJobInstance().getInstanceId());
        return n != null && n > 0;
    }
}
