package dev.difyweave.backfill.cli;

import java.util.List;

/** The usage texts printed by {@code --help} and on a wrong command line. */
final class Usage {

    private static final String COMMANDS = """
            Usage: java -jar dify-weave-backfill.jar <command> [options]

            Moves the history of a Dify deployment (PostgreSQL) into W&B Weave as traces.

            Commands:
              migrate   backfill one window of history (default: everything up to now minus the safety lag);
                        running the same command again resumes a failed or killed run from its checkpoint
              sync      incremental: from the last completed watermark to now minus the safety lag (for cron);
                        roots still unfinished are sent by a later sync once they are finished
              schedule  long-running: runs the job definitions in jobs/ on their cron schedules (SIGTERM stops)
              status    recent executions, their windows, counts, state, and what is resumable
              verify    reconciles a window: calls per kind in Dify against calls present in Weave, missing ids
              stop      asks running executions to stop at the next chunk boundary (resumable)
              worker    long-running: runs partitions that 'migrate --remote' / 'sync --remote' send over RabbitMQ
            """;

    private static final String NOTES = """

            Run '<command> --help' for the options of a command, '--version' for the version.
            Before any work, migrate, sync, verify, schedule and worker check in seconds that Dify's database,
            Dify's storage (when set) and the state store accept their credentials (and writes, for the state
            store) and, for runs that send, that Weave accepts the key; status and stop check the state store. A failure is one line
            naming the setting and the cause, exit status 2; no message shows a password or key.
            Configuration: environment variables, or the Spring properties that stand for them (DIFY_DB_URL is
            dify.db.url) in ./config/application.yml, --spring.config.location=<file>, a config tree under
            /run/secrets/ or as --<property>=<value> on the command line (README.md lists both names):
            DIFY_DB_URL, DIFY_DB_USERNAME, DIFY_DB_PASSWORD, BACKFILL_DB_URL, BACKFILL_DB_USERNAME,
            BACKFILL_DB_PASSWORD, WANDB_API_KEY, WEAVE_PROJECT, WF_TRACE_SERVER_URL (weave.server-url),
            DIFY_FILES_URL, BACKFILL_DIFY_KEYS, DIFY_STORAGE_PATH or DIFY_STORAGE_S3_* (without S3 keys: the AWS
            SDK's default credentials chain; see docs/operations.md), and
            BACKFILL_ALLOWED_WEAVE_HOSTS: more trace servers that may get WANDB_API_KEY with --project-routing=dify,
            comma-separated; an origin (https://weave.example.com, http://10.0.0.5:8080) matches that scheme,
            host and port; a bare host (weave.example.com, localhost:8080) that host on https and http; no port
            means the scheme's default port.
            """;

    /** The general usage: the backfill's commands, a line per {@link ExtraCommand}, then the notes. */
    static String general(List<ExtraCommand> extras) {
        StringBuilder text = new StringBuilder(COMMANDS);
        for (ExtraCommand extra : extras) {
            text.append(String.format("  %-8s  %s\n", extra.name(), extra.summary()));
        }
        return text.append(NOTES).toString();
    }

    // the descriptions and footers of the commands' usages (their @Command); the option lines come
    // from the options' own declarations

    static final String MIGRATE = """
            Backfills one window of Dify history into WEAVE_PROJECT. The window, filters, kinds and target \
            identify the run: the same command after a failure or a kill resumes from the last checkpoint, \
            and a completed window is not sent twice.""";

    static final String EXIT_STATUS = """
            Exit status: 0 when everything was delivered; 1 when the run failed (resumable); 2 for a wrong \
            command line or configuration (checked before any work); 3 when the run completed but some calls \
            were refused by Weave or not sent because their app's Weave host is not allowed (each recorded in \
            backfill_dead_letter with its reason); 4 when another process is running the same window.""";

    static final String SYNC = """
            Backfills from the last completed watermark of this scope (the job's name, filters, kinds, sink \
            and target) up to now minus the safety lag; the first sync starts at --from (default: the \
            beginning); --to is migrate's. Roots a window leaves unfinished (running or paused runs, answers \
            not saved yet) are recorded and sent by a later sync once they are finished. Meant for cron; a \
            killed sync is resumed by the next one.""";

    static final String SYNC_EXIT_STATUS = "Exit status as for migrate.";

    static final String STATUS = """
            Shows the Dify version range the source database's schema fits (DIFY_DB_URL) and what that \
            implies, then lists the most recent executions from the state store (BACKFILL_DB_URL, or the \
            embedded store under ./var/): window, filters, state, counts, and whether it is resumable. --json \
            writes the same as one JSON document.""";

    static final String STOP = """
            Asks the running executions (or the one given, see status) to stop at their next chunk \
            boundary. They end STOPPED and resume when the same command is run again. SIGTERM to a running \
            process does the same for its own execution.""";

    static final String VERIFY = """
            Reads and assembles the window as a backfill would (nothing is sent), asks Weave for every \
            resulting call id (/calls/stream_query, 1000 ids per request) and prints, per kind, how many \
            calls are expected and how many Weave holds complete, then the missing ones with their source \
            rows. Exit status 0 when nothing is missing, 1 otherwise. A job definition (--job) gives its \
            window, filters, kinds, target and content; what only a run uses (sink, sizes) is left aside.""";

    static final String SCHEDULE = """
            Runs the job definitions of --jobs-dir that have a 'schedule' (Spring cron with seconds, in \
            UTC: "0 */10 * * * *" = every 10 minutes) until stopped. Runs are sequential; a trigger that \
            passes during a run is skipped and logged; a sync scope another process is running is skipped. \
            SIGTERM stops the running execution at its next chunk boundary (resumable) and ends the process.""";

    static final String WORKER = """
            Runs partitions of 'migrate --remote' and 'sync --remote' runs: takes partition requests from \
            the RabbitMQ queue (backfill.remote.queue, BACKFILL_REMOTE_QUEUE, default \
            dify-weave-backfill.partitions; broker from spring.rabbitmq.*, SPRING_RABBITMQ_HOST, _PORT, \
            _USERNAME, _PASSWORD), --partitions at a time, and runs each against the shared job repository \
            (BACKFILL_DB_URL), Dify and Weave, with the same settings as the manager. A request is \
            acknowledged only when its partition finished: the partition of a killed worker goes to another \
            worker and resumes from its checkpoint. SIGTERM stops the running partitions at their next \
            chunk boundary (resumable) and ends the process.""";

    private Usage() {
    }
}
