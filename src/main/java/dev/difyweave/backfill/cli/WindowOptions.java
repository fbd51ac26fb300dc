package dev.difyweave.backfill.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import picocli.CommandLine.Option;

/** Which of Dify's history a command reads, into which project: the options of verify, migrate and sync. */
final class WindowOptions {

    @Option(names = "--from", paramLabel = "<ISO-8601>", converter = OptionTypes.Time.class,
            description = "start of the window, inclusive (UTC when no zone; default: the beginning)")
    Instant from;

    @Option(names = "--to", paramLabel = "<ISO-8601>", converter = OptionTypes.Time.class,
            description = "end of the window, exclusive (default: now minus the safety lag)")
    Instant to;

    @Option(names = "--app", paramLabel = "<uuid>", split = ",", hideParamSyntax = true, converter = OptionTypes.Uuid.class,
            description = "only these apps (repeatable, or comma-separated)")
    List<UUID> apps;

    @Option(names = "--tenant", paramLabel = "<uuid>", split = ",", hideParamSyntax = true,
            converter = OptionTypes.Uuid.class, description = "only these workspaces (repeatable, or comma-separated)")
    List<UUID> tenants;

    @Option(names = "--kinds", paramLabel = "<list>", split = ",", hideParamSyntax = true,
            converter = OptionTypes.Item.class, description = "workflow,message,tool,dataset_retrieval,moderation,"
                    + "generate_name,feedback (default: all)")
    List<String> kinds;

    @Option(names = "--safety-lag", paramLabel = "<duration>", converter = OptionTypes.Length.class,
            description = "rows younger than this are left for a later run (default PT10M)")
    Duration safetyLag;

    @Option(names = "--stale-after", paramLabel = "<duration>", converter = OptionTypes.Length.class,
            description = "a run still running/paused or an answer never saved, older than this, is sent as it is with "
                    + "an exception naming its Dify status and age; younger ones are recorded and sent once finished "
                    + "(default P1D)")
    Duration staleAfter;

    @Option(names = "--project", paramLabel = "<entity/project>", converter = OptionTypes.Text.class,
            description = "the target (default weave.project, WEAVE_PROJECT)")
    String project;

    @Option(names = "--content", paramLabel = "keep|drop|hash", hideParamSyntax = true,
            converter = OptionTypes.Text.class,
            description = "send the rows' content, leave it out, or send hashes of its strings (default keep)")
    String content;

    @Option(names = "--job", paramLabel = "<file>", converter = OptionTypes.Text.class,
            description = "take the settings from a job definition (jobs/*.yaml); options win")
    String job;

    List<UUID> apps() {
        return apps == null ? List.of() : apps;
    }

    List<UUID> tenants() {
        return tenants == null ? List.of() : tenants;
    }
}
