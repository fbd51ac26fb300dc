package dev.difyweave.backfill.source;

/**
 * The feature settings a message ran with, as raw JSON text (parsed once, by the mapper): for easy-UI
 * apps the {@code sensitive_word_avoidance} and {@code suggested_questions_after_answer} columns of
 * the conversation's {@code app_model_configs} row; for chatflows the whole {@code workflows.features}
 * of the run's workflow, which holds both keys. {@code sourceTable}/{@code sourceKey} say which row.
 */
public record AppFeatures(String sourceTable, String sourceKey, String moderation, String suggestedQuestions,
        String workflowFeatures) {

    public static AppFeatures ofAppConfig(String id, String moderation, String suggestedQuestions) {
        return new AppFeatures("app_model_configs", id, moderation, suggestedQuestions, null);
    }

    public static AppFeatures ofWorkflow(String id, String features) {
        return new AppFeatures("workflows", id, null, null, features);
    }
}
