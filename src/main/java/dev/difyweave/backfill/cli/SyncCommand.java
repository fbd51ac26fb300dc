package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.state.PendingStore;
import dev.difyweave.backfill.state.WatermarkStore;

/**
 * {@code sync}: the window from the scope's last completed watermark to now minus the safety lag;
 * what cron runs. Roots a window leaves unfinished are recorded and sent by a later sync once they
 * are finished. The watermark moves only when the window completed. Each window gets its run report
 * in {@code --report-dir}.
 */
final class SyncCommand {

    @Command(name = "sync", description = Usage.SYNC, footer = Usage.SYNC_EXIT_STATUS)
    static final class Options extends RunOptions {
    }

    private final BackfillSettings settings;
    private final PrintStream out;
    private final Clock clock;

    SyncCommand(BackfillSettings settings, PrintStream out, Clock clock) {
        this.settings = settings;
        this.out = out;
        this.clock = clock;
    }

    int run(Options options, String label) {
        if (options.window.to != null) {
            throw new UsageException("sync windows end at now minus the safety lag; use migrate for a fixed --to");
        }
        MigrateCommand.Report report = MigrateCommand.Report.of(options.output, this.settings, clock);
        BackfillSettings settings = options.settings(this.settings);
        BackfillRequest base = options.request(settings, label, clock.instant());
        settings.requireDify();
        if (base.sink().sends()) {
            settings.requireSending();
        }
        String scope = base.scopeKey();
        BackfillApplication.Role role = MigrateCommand.role(options, settings);
        try (ConfigurableApplicationContext context = MigrateCommand.checkedContext(settings, role, base)) {
            WatermarkStore watermarks = context.getBean(WatermarkStore.class);
            Instant from = watermarks.last(scope).orElse(base.from());
            if (!from.isBefore(base.to())) {
                out.println("sync " + label + ": nothing to do, the watermark (" + from + ") is not before now minus the lag");
                return BackfillCli.OK;
            }
            out.println("sync " + label + ": from the watermark " + from);
            RunSummary summary = MigrateCommand.launch(context, base.asSync(scope, from, base.to()), out, report);
            summary.requireNothingLost();
            BackfillRequest done = BackfillRequest.fromJobParameters(summary.parameters());
            watermarks.advance(scope, done.to(), summary.executionId());
            out.println("watermark advanced to " + done.to() + "; pending (unfinished) roots: "
                    + context.getBean(PendingStore.class).count(base.pendingScope()));
            return BackfillCli.OK;
        }
    }
}
