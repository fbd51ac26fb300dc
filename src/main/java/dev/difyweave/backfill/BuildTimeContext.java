package dev.difyweave.backfill;

import java.util.Map;

import dev.difyweave.backfill.config.BackfillSettings;

/**
 * Build time only: the context Spring's AOT processing turns into code ({@code process-aot} in the pom runs
 * this class, stops the context before any bean is made and writes its bean definitions as Java). It is a
 * local command's context with no settings given, so the code holds what the conditions decide for that:
 * see {@link GeneratedContext} for when a command's context uses it.
 */
public final class BuildTimeContext {

    private BuildTimeContext() {
    }

    public static void main(String[] args) {
        BackfillApplication.start(BackfillSettings.fromEnvironment(Map.of()), BackfillApplication.Role.LOCAL);
    }
}
