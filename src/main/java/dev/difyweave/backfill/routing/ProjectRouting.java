package dev.difyweave.backfill.routing;

import java.util.Locale;

/**
 * {@code --project-routing}: {@link #SINGLE} sends every app to the job's project (WEAVE_PROJECT or
 * {@code --project}); {@link #DIFY} sends an app whose Weave tracing is configured in Dify to the
 * project (and host) of that configuration, so backfilled and live traces share a project, and every
 * other app to the job's project.
 */
public enum ProjectRouting {
    SINGLE, DIFY;

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode of an option value, {@code null} for an unknown one. */
    public static ProjectRouting ofParameter(String value) {
        if (value == null || value.isBlank()) {
            return SINGLE;
        }
        for (ProjectRouting mode : values()) {
            if (mode.parameter().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        return null;
    }
}
