package dev.difyweave.demo.generator;

import static dev.difyweave.demo.generator.Json.obj;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The features of one configuration of a conversational app that a backfill has to look at: input
 * moderation ({@code sensitive_word_avoidance}), suggested questions after the answer and citations
 * ({@code retriever_resource}). An easy-UI app stores them in its {@code app_model_configs} rows, a
 * chatflow in {@code workflows.features}.
 *
 * @param configId        the {@code app_model_configs.id} (null for a chatflow's features)
 * @param moderation      how {@code sensitive_word_avoidance} is stored
 * @param suggestedQuestions {@code suggested_questions_after_answer.enabled}
 * @param retrieverResource  {@code retriever_resource.enabled} (citations are saved in the message metadata)
 */
record ChatAppSettings(UUID configId, Moderation moderation, boolean suggestedQuestions, boolean retrieverResource) {

    /** The keywords of keyword moderation, one per line as Dify stores them. */
    static final String KEYWORDS = "lawsuit\nchargeback fraud\nssn";
    static final String PRESET_RESPONSE = "Sorry, I can't help with that here. Please write to legal@example.com "
            + "and our team will get back to you.";

    /** The states {@code sensitive_word_avoidance} is found in. */
    enum Moderation {
        /** The column is NULL (configs saved before the feature existed). */
        ABSENT(null),
        DISABLED(null),
        KEYWORDS("keywords"),
        OPENAI_MODERATION("openai_moderation");

        private final String type;

        Moderation(String type) {
            this.type = type;
        }

        /** The {@code type} Dify runs as input moderation, or null when no input moderation runs. */
        String type() {
            return type;
        }
    }

    /** The moderation type when input moderation runs (enabled, with {@code inputs_config.enabled}), else null. */
    String inputModerationType() {
        return moderation.type();
    }

    /**
     * Whether Dify's keyword moderation flags a request: a keyword (case-insensitive) inside any input
     * value or the query. Null unless this configuration moderates with keywords.
     */
    Boolean keywordsFlag(Map<String, Object> inputs, String query) {
        if (moderation != Moderation.KEYWORDS) {
            return null;
        }
        List<String> keywords = Arrays.stream(KEYWORDS.split("\n")).filter(k -> !k.isEmpty())
                .map(k -> k.toLowerCase(Locale.ROOT)).toList();
        StringBuilder values = new StringBuilder(query.toLowerCase(Locale.ROOT));
        inputs.values().forEach(v -> values.append('\n').append(String.valueOf(v).toLowerCase(Locale.ROOT)));
        return keywords.stream().anyMatch(k -> values.indexOf(k) >= 0);
    }

    /** {@code sensitive_word_avoidance} as JSON text, or null for {@link Moderation#ABSENT}. */
    String sensitiveWordAvoidanceJson() {
        Map<String, Object> value = sensitiveWordAvoidance();
        return value == null ? null : Json.write(value);
    }

    private Map<String, Object> sensitiveWordAvoidance() {
        Map<String, Object> outputs = obj("enabled", false, "preset_response", "");
        return switch (moderation) {
            case ABSENT -> null;
            case DISABLED -> obj("enabled", false, "type", "", "config", obj());
            case KEYWORDS -> obj("enabled", true, "type", "keywords", "config", obj(
                    "keywords", KEYWORDS,
                    "inputs_config", obj("enabled", true, "preset_response", PRESET_RESPONSE),
                    "outputs_config", outputs));
            case OPENAI_MODERATION -> obj("enabled", true, "type", "openai_moderation", "config", obj(
                    "inputs_config", obj("enabled", true, "preset_response", PRESET_RESPONSE),
                    "outputs_config", outputs));
        };
    }

    String suggestedQuestionsJson() {
        return Json.write(obj("enabled", suggestedQuestions));
    }

    String retrieverResourceJson() {
        return Json.write(obj("enabled", retrieverResource));
    }

    /** A chatflow's {@code workflows.features} JSON text. */
    String featuresJson(String openingStatement) {
        Map<String, Object> features = obj(
                "opening_statement", openingStatement,
                "suggested_questions", List.of(),
                "suggested_questions_after_answer", obj("enabled", suggestedQuestions),
                "text_to_speech", obj("enabled", false, "voice", "", "language", ""),
                "speech_to_text", obj("enabled", false),
                "retriever_resource", obj("enabled", retrieverResource),
                "sensitive_word_avoidance", sensitiveWordAvoidance() == null ? obj("enabled", false)
                        : sensitiveWordAvoidance(),
                "file_upload", fileUpload());
        return Json.write(features);
    }

    /** The {@code file_upload} setting: images and documents, by URL or upload. */
    static Map<String, Object> fileUpload() {
        return obj("enabled", true,
                "image", obj("enabled", true, "number_limits", 3, "detail", "high",
                        "transfer_methods", List.of("remote_url", "local_file")),
                "allowed_file_types", List.of("image", "document"),
                "allowed_file_extensions", List.of(".PNG", ".JPG", ".PDF", ".DOCX"),
                "allowed_file_upload_methods", List.of("remote_url", "local_file"),
                "number_limits", 3);
    }
}
