package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import picocli.CommandLine.Command;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.job.BackfillLauncher;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.job.Preflight;
import dev.difyweave.backfill.report.ReportFiles;
import dev.difyweave.backfill.report.RunReport;

/** {@code migrate}: one window of history, resumed from its checkpoint when run again. */
final class MigrateCommand {

    private static final Logger log = LoggerFactory.getLogger(MigrateCommand.class);

    @Command(name = "migrate", description = Usage.MIGRATE, footer = Usage.EXIT_STATUS)
    static final class Options extends RunOptions {
    }

    private final BackfillSettings settings;
    private final PrintStream out;
    private final Clock clock;

    MigrateCommand(BackfillSettings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    int run(Options options, String label) {
        Report report = Report.of(options.output, this.settings, clock);
        BackfillSettings settings = options.settings(this.settings);
        BackfillRequest request = options.request(settings, label, clock.instant());
        settings.requireDify();
        if (request.sink().sends()) {
            settings.requireSending();
        }
        BackfillApplication.Role role = role(options, settings);
        try (ConfigurableApplicationContext context = checkedContext(settings, role, request)) {
            RunSummary summary = launch(context, request, out, report);
            summary.requireNothingLost();
            return BackfillCli.OK;
        }
    }

    /**
     * The preflight, then the command's context, shared with {@code sync}: Weave is checked while the context
     * starts and has answered before this returns. A local command's context builds its beans lazily, so nothing
     * has touched a store or Weave by then; a manager's builds every bean at once (its stores, its message
     * listeners), so it starts only after the answer.
     */
    static ConfigurableApplicationContext checkedContext(BackfillSettings settings, BackfillApplication.Role role,
            BackfillRequest request) {
        Preflight.WeaveAnswer weave = new Preflight(settings).forRun(request);
        if (role != BackfillApplication.Role.LOCAL) {
            weave.await();
        }
        ConfigurableApplicationContext context = BackfillApplication.start(settings, role);
        try {
            weave.await();
        } catch (RuntimeException refused) {
            context.close();
            throw refused;
        }
        return context;
    }

    /**
     * {@code --remote}: this process is the manager and workers run the partitions; they share the job
     * repository, so it cannot be the embedded one of this machine.
     */
    static BackfillApplication.Role role(RunOptions options, BackfillSettings settings) {
        if (!options.remote) {
            return BackfillApplication.Role.LOCAL;
        }
        if (settings.state() == null) {
            throw new ConfigurationException("--remote needs a job repository the workers share: set BACKFILL_DB_URL "
                    + "(and BACKFILL_DB_USERNAME / BACKFILL_DB_PASSWORD) here and on every worker");
        }
        return BackfillApplication.Role.MANAGER;
    }

    /** Where and how a command writes its run report; {@code secret} (the API key) is scrubbed from it. */
    record Report(Path dir, String secret, Clock clock) {

        static Report of(OutputOptions output, BackfillSettings settings, Clock clock) {
            Path dir = output.reportDir != null ? Path.of(output.reportDir) : ReportFiles.DEFAULT_DIR;
            return new Report(dir, settings.weave().apiKey(), clock);
        }
    }

    /**
     * Shared with {@code sync} and {@code demo}: launch or resume, print the outcome, write the run
     * report of the window (every execution of its job instance), return this execution's counts.
     */
    static RunSummary launch(ConfigurableApplicationContext context, BackfillRequest requested, PrintStream out,
            Report report) {
        BackfillLauncher launcher = context.getBean(BackfillLauncher.class);
        BackfillRequest request = launcher.resolveDefaultedEnd(requested);
        if (request != requested) {
            out.println("continuing the unfinished window that ended at " + request.to());
        }
        out.println("window [" + request.from() + ", " + request.to() + ") kinds=" + String.join(",", request.kinds())
                + " sink=" + request.sink().name().toLowerCase() + (request.project() == null ? "" : " project=" + request.project())
                + (request.projectRouting() == dev.difyweave.backfill.routing.ProjectRouting.SINGLE ? ""
                        : " project-routing=" + request.projectRouting().parameter()));
        BackfillLauncher.Outcome outcome;
        try {
            outcome = launcher.launch(request);
        } catch (BackfillLauncher.WindowBusyException e) {
            throw new CommandFailedException(BackfillCli.BUSY, e.getMessage());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CommandFailedException(BackfillCli.FAILED, Reasons.oneLine(e));
        }
        if (outcome.resumed() != null) {
            out.println("resumed execution " + outcome.resumed().getId() + " (" + outcome.resumed().getStatus()
                    + ") from its checkpoint");
        }
        // re-read: with remote partitions the workers, not this process, updated the partitions' executions
        JobExecution reread = context.getBean(JobRepository.class).getJobExecution(outcome.execution().getId());
        JobExecution finished = reread == null ? outcome.execution() : reread;
        RunSummary summary = RunSummary.of(finished);
        if (outcome.alreadyComplete()) {
            out.println("this window was already completed by execution " + summary.executionId() + "; nothing to do");
        }
        out.println(summary.line());
        writeReport(context, finished, report, out);
        return summary;
    }

    /**
     * Writes {@code report-<instance>.json} and {@code .html} and prints their paths. A report that
     * cannot be written is said on stdout and in the log, and does not change the exit status: the
     * calls were delivered (or not) all the same.
     */
    static RunReport writeReport(ConfigurableApplicationContext context, JobExecution execution, Report report,
            PrintStream out) {
        try {
            RunReport runReport = RunReport.of(execution, context.getBean(JobRepository.class),
                    new JdbcTemplate(context.getBean(DataSource.class)), report.clock()).redacted(report.secret());
            ReportFiles.Written files = ReportFiles.write(runReport, report.dir());
            out.println("window totals (" + runReport.executionIds().size()
                    + (runReport.executionIds().size() == 1 ? " execution" : " executions") + "): "
                    + totals(runReport));
            out.println("report: " + files.json().toAbsolutePath().normalize() + " and "
                    + files.html().toAbsolutePath().normalize());
            return runReport;
        } catch (RuntimeException e) {
            String reason = Reasons.oneLine(e);
            if (report.secret() != null && !report.secret().isEmpty()) {
                reason = reason.replace(report.secret(), "[redacted]");
            }
            log.warn("the run report could not be written to {}: {}", report.dir(), reason);
            out.println("the run report could not be written to " + report.dir() + ": " + reason);
            return null;
        }
    }

    private static String totals(RunReport r) {
        String kinds = r.callsByKind().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%d traces, %d calls%s, %d dead letters, %d source problems, %d approximated, "
                + "%d messages with suggested questions not reproducible, %d roots not finished yet, %d requests, %d retries, "
                + "%d bytes sent", r.traces(), r.calls(), kinds.isEmpty() ? "" : " (" + kinds + ")", r.deadLetters(),
                r.problems(), r.approximatedCalls(), r.suggestedQuestionsNotReproducible(), r.unfinishedRoots(),
                r.requests(), r.retries(), r.bytesSent()) + feedback(r);
    }

    /** The feedback line of the totals: per outcome, the types that had it. */
    private static String feedback(RunReport r) {
        if (r.feedback().isEmpty()) {
            return "";
        }
        String counts = r.feedback().entrySet().stream().map(type -> type.getKey() + " " + type.getValue().entrySet()
                .stream().map(o -> o.getValue() + " " + o.getKey().replace('_', ' ')).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return "; feedback: " + counts;
    }
}
