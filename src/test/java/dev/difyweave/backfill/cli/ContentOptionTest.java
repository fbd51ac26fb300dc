package dev.difyweave.backfill.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.difyweave.backfill.config.BackfillSettings;
import dev.difyweave.backfill.job.BackfillRequest;
import dev.difyweave.backfill.call.ContentMode;

/** {@code --content} / {@code content:}: parsed, an identifying job parameter, absent for keep. */
class ContentOptionTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final BackfillSettings SETTINGS = BackfillSettings.fromEnvironment(Map.of(
            "DIFY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/dify", "WANDB_API_KEY", "k", "WEAVE_PROJECT", "acme/p"));

    /** The request of {@code migrate <args>}. */
    static BackfillRequest request(String... args) {
        assertThat(args[0]).isEqualTo("migrate");
        MigrateCommand.Options options = new MigrateCommand.Options();
        OptionParser.parse(options, List.of(args).subList(1, args.length), Map.of());
        return options.request(SETTINGS, "migrate", NOW);
    }

    @Test
    void theModeIsAnIdentifyingParameterOnlyWhenItIsNotKeep() {
        BackfillRequest keep = request("migrate", "--to=2025-06-01");
        BackfillRequest drop = request("migrate", "--to=2025-06-01", "--content=drop");
        BackfillRequest hash = request("migrate", "--to=2025-06-01", "--content=hash");

        assertThat(keep.content()).isEqualTo(ContentMode.KEEP);
        assertThat(keep.toJobParameters().getIdentifyingParameters())
                .as("a keep run is the same instance as one from before the option existed")
                .isEqualTo(request("migrate", "--to=2025-06-01", "--content=keep").toJobParameters()
                        .getIdentifyingParameters())
                .noneMatch(p -> p.name().equals(BackfillRequest.CONTENT));
        assertThat(drop.toJobParameters().getIdentifyingParameters()).anyMatch(p -> p.name().equals(BackfillRequest.CONTENT)
                && p.identifying() && p.value().equals("drop"));
        assertThat(identity(drop)).isNotEqualTo(identity(hash)).isNotEqualTo(identity(keep));
        assertThat(identity(keep)).isEqualTo(identity(request("migrate", "--to=2025-06-01", "--content=keep")));
        assertThat(BackfillRequest.fromJobParameters(drop.toJobParameters()).content()).isEqualTo(ContentMode.DROP);
        assertThat(BackfillRequest.fromJobParameters(keep.toJobParameters()).content()).isEqualTo(ContentMode.KEEP);
        assertThat(drop.sameApartFromEnd(keep)).isFalse();
        assertThat(drop.withTo(NOW, true).content()).isEqualTo(ContentMode.DROP);
        assertThat(hash.scopeKey()).endsWith("|content=hash").isNotEqualTo(drop.scopeKey());
        assertThat(keep.scopeKey()).doesNotContain("content");
    }

    /** The identifying parameters, name to value (a {@code JobParameter} is equal to another of the same name). */
    private static Map<String, Object> identity(BackfillRequest request) {
        Map<String, Object> values = new java.util.TreeMap<>();
        request.toJobParameters().getIdentifyingParameters().forEach(p -> values.put(p.name(), p.value()));
        return values;
    }

    @Test
    void anUnknownModeIsAUsageError() {
        assertThatThrownBy(() -> request("migrate", "--to=2025-06-01", "--content=redact"))
                .isInstanceOf(UsageException.class).hasMessageContaining("--content").hasMessageContaining("keep|drop|hash");
    }

    @Test
    void aJobDefinitionSetsTheMode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("private.yaml");
        Files.writeString(file, "name: private\ncommand: migrate\ncontent: hash\n");
        JobDefinition job = JobDefinition.load(file);

        MigrateCommand.Options options = new MigrateCommand.Options();
        OptionParser.parse(options, List.of("--to=2025-06-01"), job.options());

        assertThat(options.request(SETTINGS, job.name(), NOW).content()).isEqualTo(ContentMode.HASH);
    }
}
