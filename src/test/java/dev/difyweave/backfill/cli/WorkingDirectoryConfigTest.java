package dev.difyweave.backfill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.difyweave.backfill.BackfillApplication;
import dev.difyweave.backfill.testsupport.TestDatabases;
import dev.difyweave.backfill.testsupport.TestDatabases.TestDatabase;

/**
 * The way a deployment configures the jar without environment variables: {@code ./config/application.yml}
 * of the working directory, importing a config tree of secrets, read by the real main class in a
 * child JVM whose environment has none of the backfill's variables.
 */
class WorkingDirectoryConfigTest {

    @Test
    void statusFindsItsStateStoreInConfigApplicationYmlAndItsCredentialsInAConfigTree(@TempDir Path work) throws Exception {
        try (TestDatabase state = TestDatabases.createFresh("state")) {
            Path credentials = Files.createDirectories(work.resolve("secrets/backfill/db"));
            Files.writeString(credentials.resolve("username"), state.username() + "\n");
            if (state.password() != null) {
                Files.writeString(credentials.resolve("password"), state.password() + "\n");
            }
            Files.createDirectories(work.resolve("config"));
            Files.writeString(work.resolve("config/application.yml"), """
                    spring.config.import: optional:configtree:secrets/
                    backfill:
                      db:
                        url: %s
                    """.formatted(state.jdbcUrl()));

            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), BackfillApplication.class.getName(), "status"))
                    .directory(work.toFile())
                    .redirectOutput(work.resolve("status.out").toFile())
                    .redirectError(work.resolve("status.err").toFile());
            builder.environment().keySet().removeIf(k -> k.startsWith("BACKFILL_") || k.startsWith("DIFY_")
                    || k.startsWith("WANDB") || k.startsWith("WEAVE") || k.startsWith("WF_") || k.startsWith("SPRING_"));
            Process status = builder.start();

            assertThat(status.waitFor(180, TimeUnit.SECONDS)).isTrue();
            String err = Files.readString(work.resolve("status.err"));
            assertThat(status.exitValue()).as(err).isZero();
            assertThat(Files.readString(work.resolve("status.out"))).contains("no executions yet");
            // the state store of the file took the job repository, not an embedded one under ./var/
            assertThat(new JdbcTemplate(state.dataSource()).queryForObject(
                    "SELECT count(*) FROM information_schema.tables WHERE table_name = 'batch_job_instance'", Long.class))
                    .isEqualTo(1L);
            assertThat(work.resolve("var")).doesNotExist();
        }
    }
}
