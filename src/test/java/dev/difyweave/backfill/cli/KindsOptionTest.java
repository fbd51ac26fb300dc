package dev.difyweave.backfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillRequest;

/** {@code --kinds}: checked against the kinds there are, kept in the job's identity as it always was. */
class KindsOptionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final BackfillSettings SETTINGS = BackfillSettings.fromEnvironment(Map.of(
            "DIFY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/dify", "WANDB_API_KEY", "k", "WEAVE_PROJECT", "acme/p"));

    private static BackfillRequest request(String... args) {
        return RequestOptions.toRequest(CliArguments.parse(args), SETTINGS, "migrate", NOW);
    }

    @Test
    void withoutTheOptionEveryKindIsAskedForUnderTheSameIdentifyingParameter() {
        BackfillRequest all = request("migrate", "--to=2025-06-01");

        assertThat(all.traceKinds()).containsExactly(TraceKind.values());
        // the job instance's identity: the same text as before kinds were typed, or every window restarts
        assertThat(all.toJobParameters().getString(BackfillRequest.KINDS))
                .isEqualTo("dataset_retrieval,generate_name,message,moderation,tool,workflow");
        assertThat(BackfillRequest.fromJobParameters(all.toJobParameters()).traceKinds())
                .containsExactly(TraceKind.values());
    }

    @Test
    void theNamedKindsAreTheRequestsKinds() {
        BackfillRequest some = request("migrate", "--to=2025-06-01", "--kinds=tool,workflow,tool");

        assertThat(some.kinds()).containsExactly("tool", "workflow");
        assertThat(some.traceKinds()).containsExactly(TraceKind.WORKFLOW, TraceKind.TOOL);
    }

    @Test
    void anUnknownKindIsAUsageErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> request("migrate", "--to=2025-06-01", "--kinds=workflow,chat"))
                .isInstanceOf(UsageException.class)
                .hasMessage("--kinds: unknown kind 'chat'; known: workflow,message,tool,dataset_retrieval,moderation,"
                        + "generate_name");
    }
}
