package dev.difyweave.backfill.cli;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.config.ConfigurationException;
import dev.difyweave.backfill.config.Tuning;
import dev.difyweave.backfill.job.Preflight;
import dev.difyweave.backfill.remote.PartitionRequestHandler;
import dev.difyweave.backfill.report.MetricsEndpoint;
import dev.difyweave.backfill.remote.RemoteSettings;

/**
 * {@code worker}: consumes partition requests from RabbitMQ until SIGTERM, which stops the running
 * partitions at their next chunk boundary (STOPPED, resumable) before the process ends. With
 * {@code management.server.port} set, it serves the metrics of its partitions ({@link MetricsEndpoint}).
 */
final class WorkerCommand {

    private static final Logger log = LoggerFactory.getLogger(WorkerCommand.class);
    private static final long GRACE_SECONDS = 90;

    @Command(name = "worker", description = Usage.WORKER)
    static final class Options {

        @Mixin
        ChunkSizeOption chunk;

        @Mixin
        ThroughputOptions throughput;

        @Mixin
        HelpOption help;
    }

    private final BackfillSettings settings;
    private final PrintStream out;

    WorkerCommand(BackfillSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    int run(Options options) {
        if (options.throughput.partitions == null) {
            options.throughput.partitions = 1;
        }
        BackfillSettings settings = RequestOptions.settingsFor(this.settings, options.chunk.chunkSize, options.throughput, null);
        if (settings.state() == null) {
            throw new ConfigurationException("a worker needs the manager's job repository: set BACKFILL_DB_URL "
                    + "(and BACKFILL_DB_USERNAME / BACKFILL_DB_PASSWORD)");
        }
        settings.requireDify();
        new Preflight(settings).forWorker();
        try (MetricsEndpoint metrics = MetricsEndpoint.open()) {
            return serve(settings);
        }
    }

    private int serve(BackfillSettings settings) {
        Tuning tuning = settings.tuning();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch exited = new CountDownLatch(1);
        ConfigurableApplicationContext context = BackfillApplication.start(settings, BackfillApplication.Role.WORKER);
        PartitionRequestHandler handler = context.getBean(PartitionRequestHandler.class);
        Thread hook = new Thread(() -> {
            log.warn("termination requested: stopping the running partitions at their next chunk boundary");
            handler.stopRunning();
            stopped.countDown();
            try {
                exited.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("worker: taking partition requests from queue "
                + context.getBean(RemoteSettings.class).queue() + ", " + tuning.partitions() + " at a time");
        try {
            stopped.await();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS - 10);
            while (!handler.idle() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            context.close();
            out.println("worker stopped");
            exited.countDown();
        }
        return BackfillCli.OK;
    }
}
