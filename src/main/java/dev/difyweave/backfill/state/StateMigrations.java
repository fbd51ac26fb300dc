package dev.difyweave.backfill.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import dev.difyweave.backfill.config.ConfigurationException;

/**
 * The state store's migrations ({@code V<version>__<description>.sql} in the given class path locations)
 * and Flyway set up for them: history in {@value StateSchema#HISTORY_TABLE}, a store with tables but no
 * history baselined at version 0 (V1 is idempotent), and a history that does not fit the migrations
 * (a version this build does not have, an edited migration) refused with one line.
 */
final class StateMigrations {

    private static final Pattern VERSIONED = Pattern.compile("V([0-9._]+)__[^/]*\\.sql");

    private final DataSource state;
    private final List<String> locations;

    StateMigrations(DataSource state, List<String> locations) {
        this.state = state;
        this.locations = List.copyOf(locations);
    }

    /** The newest version among the migrations (file names only: nothing of Flyway is loaded). */
    Optional<MigrationVersion> newest() {
        return newest(locations);
    }

    static Optional<MigrationVersion> newest(List<String> locations) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(StateMigrations.class.getClassLoader());
        MigrationVersion newest = null;
        for (String location : locations) {
            try {
                for (Resource resource : resolver.getResources(location + "/V*__*.sql")) {
                    Matcher name = VERSIONED.matcher(resource.getFilename() == null ? "" : resource.getFilename());
                    if (name.matches()) {
                        MigrationVersion version = MigrationVersion.fromVersion(name.group(1));
                        newest = newest == null || version.isNewerThan(newest) ? version : newest;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the state store's migrations in " + location, e);
            }
        }
        return Optional.ofNullable(newest);
    }

    /** Baselines a store made before Flyway, applies what is pending, validates what was applied before. */
    MigrateResult migrate() {
        Flyway flyway = Flyway.configure(StateMigrations.class.getClassLoader())
                .dataSource(state)
                .locations(locations.toArray(String[]::new))
                .table(StateSchema.HISTORY_TABLE)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("state store made before Flyway")
                // a version applied to the store that this build does not have fails validation (default: ignored)
                .ignoreMigrationPatterns(new String[0])
                .placeholderReplacement(false)
                .load();
        try {
            return flyway.migrate();
        } catch (FlywayValidateException e) {
            throw refusal(flyway.info(), e);
        }
    }

    /** A store a later release upgraded: this build must not run on it. */
    static ConfigurationException newerStore(MigrationVersion applied, MigrationVersion known) {
        return new ConfigurationException("the state store's schema is at version " + applied
                + ", newer than this build of dify-weave-backfill knows (up to version " + known
                + "): a later release upgraded it; run that release or a newer one");
    }

    /** Why the store's history does not fit this build, as one line. */
    private static ConfigurationException refusal(MigrationInfoService info, FlywayValidateException e) {
        boolean newer = Arrays.stream(info.all()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                || m.getState() == MigrationState.FUTURE_FAILED);
        if (newer) {
            MigrationVersion known = Arrays.stream(info.all()).filter(m -> m.getState().isResolved() && m.getVersion() != null)
                    .map(MigrationInfo::getVersion).reduce((first, last) -> last).orElse(MigrationVersion.EMPTY);
            return newerStore(info.current().getVersion(), known);
        }
        return new ConfigurationException("the state store's schema history (" + StateSchema.HISTORY_TABLE
                + ") does not match this build's migrations: " + e.getMessage().replaceAll("\\s+", " ").trim());
    }
}
