package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.util.Set;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillJobConfiguration;
import dev.difyweave.backfill.job.Preflight;
import dev.difyweave.backfill.job.StopRequest;

/**
 * {@code stop}: asks running executions (all, or {@code --execution=<id>}) to stop at their next chunk
 * boundary. The process running it sees the request through the job repository and ends the
 * execution STOPPED, resumable by running the same command again.
 */
final class StopCommand {

    private final BackfillSettings settings;
    private final PrintStream out;

    StopCommand(BackfillSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    int run(CliArguments args) {
        args.requireOnly(Set.of("execution", "help"));
        Long only = args.has("execution") ? parseId(args.value("execution")) : null;
        new Preflight(settings).stateStore();
        try (ConfigurableApplicationContext context = BackfillApplication.start(settings)) {
            JobRepository repository = context.getBean(JobRepository.class);
            JobOperator operator = context.getBean(JobOperator.class);
            int stopped = 0;
            for (JobExecution execution : repository.findRunningJobExecutions(BackfillJobConfiguration.JOB_NAME)) {
                if (only != null && execution.getId() != only) {
                    continue;
                }
                try {
                    StopRequest.send(operator, repository, execution);
                    out.println("asked execution " + execution.getId() + " to stop at its next chunk boundary");
                    stopped++;
                } catch (Exception e) {
                    out.println("execution " + execution.getId() + " is not running: " + Reasons.oneLine(e));
                }
            }
            if (stopped == 0) {
                out.println(only == null ? "no running execution" : "execution " + only + " is not running");
            }
            return BackfillCli.OK;
        }
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--execution must be an execution id (see status)");
        }
    }
}
