package dev.difyweave.backfill.trace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.difyweave.backfill.source.AppFeatures;
import tools.jackson.databind.JsonNode;

/**
 * The moderation and suggested-question settings a message ran with, parsed once from the app
 * config columns or the chatflow's {@code workflows.features} (docs/reference/dify-source.md §1.2).
 */
record FeatureSettings(JsonNode moderation, boolean suggestedQuestionsEnabled) {

    static FeatureSettings of(AppFeatures features, SourceProblems problems) {
        if (features == null) {
            return new FeatureSettings(null, false);
        }
        JsonNode moderation;
        JsonNode suggestions;
        if (features.workflowFeatures() != null) {
            JsonNode all = problems.parse(features.sourceTable(), features.sourceKey(), "features",
                    features.workflowFeatures());
            moderation = all == null ? null : all.get("sensitive_word_avoidance");
            suggestions = all == null ? null : all.get("suggested_questions_after_answer");
        } else {
            moderation = problems.parse(features.sourceTable(), features.sourceKey(), "sensitive_word_avoidance",
                    features.moderation());
            suggestions = problems.parse(features.sourceTable(), features.sourceKey(), "suggested_questions_after_answer",
                    features.suggestedQuestions());
        }
        boolean moderationOn = moderation != null && moderation.isObject() && moderation.path("enabled").asBoolean(false);
        boolean suggestionsOn = suggestions != null && suggestions.isObject() && suggestions.path("enabled").asBoolean(false);
        return new FeatureSettings(moderationOn ? moderation : null, suggestionsOn);
    }

    boolean moderationEnabled() {
        return moderation != null;
    }

    /**
     * The settings of each app config parsed once, not for each of its messages (1 % of a dry run's CPU):
     * a config whose text is the same gives the same settings. One whose parse records a problem is parsed
     * again for every message, so each message's trace records it. Holds at most {@value #KEPT} configs;
     * safe to share between threads. The settings' values are read, never changed.
     */
    static final class Known {

        static final int KEPT = 256;

        private final Map<AppFeatures, FeatureSettings> parsed = new ConcurrentHashMap<>();

        FeatureSettings of(AppFeatures features, SourceProblems problems) {
            if (features == null) {
                return FeatureSettings.of(null, problems);
            }
            FeatureSettings known = parsed.get(features);
            if (known != null) {
                return known;
            }
            int problemsBefore = problems.list().size();
            FeatureSettings settings = FeatureSettings.of(features, problems);
            if (problems.list().size() == problemsBefore && parsed.size() < KEPT) {
                parsed.put(features, settings);
            }
            return settings;
        }
    }
}
