package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.time.Clock;

import org.springframework.context.ConfigurableApplicationContext;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillLauncher;
import dev.difyweave.backfill.job.BackfillRequest;

/** {@code migrate}: one window of history, resumed from its checkpoint when run again. */
final class MigrateCommand {

    private final BackfillSettings settings;
    private final PrintStream out;
    private final Clock clock;

    MigrateCommand(BackfillSettings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    int run(CliArguments args, String label) {
        args.requireOnly(RequestOptions.NAMES);
        BackfillSettings settings = RequestOptions.settingsFor(args, this.settings);
        BackfillRequest request = RequestOptions.toRequest(args, settings, label, clock.instant());
        settings.requireDify();
        if (request.sink().sends()) {
            settings.requireSending();
        }
        try (ConfigurableApplicationContext context = BackfillApplication.start(settings)) {
            RunSummary summary = launch(context.getBean(BackfillLauncher.class), request, out);
            summary.requireNothingLost();
            return BackfillCli.OK;
        }
    }

    /** Shared with {@code demo}: launch or resume, print the outcome, return the counts. */
    static RunSummary launch(BackfillLauncher launcher, BackfillRequest requested, PrintStream out) {
        BackfillRequest request = launcher.resolveDefaultedEnd(requested);
        if (request != requested) {
            out.println("continuing the unfinished window that ended at " + request.to());
        }
        out.println("window [" + request.from() + ", " + request.to() + ") kinds=" + String.join(",", request.kinds())
                + " sink=" + request.sink().name().toLowerCase() + (request.project() == null ? "" : " project=" + request.project()));
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
        RunSummary summary = RunSummary.of(outcome.execution());
        if (outcome.alreadyComplete()) {
            out.println("this window was already completed by execution " + summary.executionId() + "; nothing to do");
        }
        out.println(summary.line());
        return summary;
    }
}
