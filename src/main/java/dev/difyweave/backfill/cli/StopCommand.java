package dev.difyweave.backfill.cli;

import java.io.PrintStream;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Command(name = "stop", description = Usage.STOP)
    static final class Options {

        @Option(names = "--execution", paramLabel = "<id>", converter = OptionTypes.ExecutionId.class,
                description = "only this execution (see status; default: every running one)")
        Long execution;

        @Mixin
        HelpOption help;
    }

    private final BackfillSettings settings;
    private final PrintStream out;

    StopCommand(BackfillSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    int run(Options options) {
        Long only = options.execution;
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
}
