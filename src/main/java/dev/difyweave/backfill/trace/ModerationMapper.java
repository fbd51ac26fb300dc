package dev.difyweave.backfill.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.difyweave.backfill.call.CallIds;
import dev.difyweave.backfill.call.TraceKind;
import dev.difyweave.backfill.call.Json;
import dev.difyweave.backfill.call.LivePayload;
import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import dev.difyweave.backfill.call.PythonRepr;
import dev.difyweave.backfill.call.WeaveCall;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * C9: moderation is not persisted by Dify. A {@code moderation} call is emitted only for messages
 * whose app config had input moderation enabled; for {@code type = keywords} {@code flagged} is
 * recomputed with Dify's rule (§2.3), for other types it is {@code null}. Start = end = the message's
 * {@code created_at}; what was inferred is listed in {@code approximated}.
 */
final class ModerationMapper {

    /** The op name and first tag of a moderation call. */
    static final String OP = "moderation";

    List<WeaveCall> map(MessageContext m, FeatureSettings features) {
        if (!features.moderationEnabled()) {
            return List.of();
        }
        JsonNode settings = features.moderation();
        String type = settings.path("type").asString("");
        JsonNode inputsConfig = settings.path("config").path("inputs_config");
        boolean inputsChecked = inputsConfig.path("enabled").asBoolean(false);
        boolean builtIn = type.equals("keywords") || type.equals("openai_moderation");

        ObjectNode inputs = m.inputs instanceof ObjectNode object ? object.deepCopy() : Json.NODES.objectNode();
        String query = m.row.query();
        if (builtIn && inputsChecked && query != null && !query.isEmpty()) {
            inputs.put("query__", query);
        }
        List<String> approximated = new ArrayList<>(List.of("started_at", "ended_at", "inputs", "output.flagged"));
        // Dify's KeywordsModeration checks nothing (flagged = False) unless inputs_config is enabled
        Boolean flagged = type.equals("keywords") ? inputsChecked && flaggedByKeywords(settings.path("config")
                .path("keywords").asString(""), inputs) : null;
        String action = builtIn ? "direct_output" : null;
        if (action == null) {
            approximated.add("output.action");
        }
        String presetResponse = inputsChecked ? inputsConfig.path("preset_response").asString("") : "";

        ObjectNode output = Json.NODES.objectNode();
        CallAttributes.putNullable(output, "action", action);
        if (flagged == null) {
            output.putNull("flagged");
        } else {
            output.put("flagged", flagged);
        }
        output.put("preset_response", presetResponse);
        output.set("inputs", inputs.deepCopy());

        ObjectNode attributes = Json.NODES.objectNode();
        attributes.put("message_id", m.id);
        CallAttributes.putNullable(attributes, "action", action);
        attributes.put("preset_response", presetResponse);
        attributes.put("query", "");
        attributes.put("moderation_type", type);
        CallAttributes.tags(attributes, OP);
        CallAttributes.times(attributes, m.start, m.start);
        attributes.put("trace_id", m.id);
        CallAttributes.provenance(attributes, m.provenance, approximated);

        TokenUsage none = TokenUsage.none();
        return List.of(new WeaveCall(CallIds.moderation(m.id), m.id, m.id, OP, null, m.start, m.start, attributes,
                LivePayload.inputs(inputs, none, List.of()), LivePayload.outputs(output, none, List.of()), null,
                CallSummary.of(null, 0, null), TraceKind.MODERATION, m.key));
    }

    /**
     * Dify's keyword rule: any keyword (one per line, empty lines dropped, not trimmed) is a
     * case-insensitive substring of any input value.
     */
    static boolean flaggedByKeywords(String keywords, ObjectNode inputs) {
        List<String> words = Arrays.stream(keywords.split("\n")).filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT)).toList();
        for (Map.Entry<String, JsonNode> entry : inputs.properties()) {
            JsonNode value = entry.getValue();
            String text = (value.isString() ? value.stringValue() : PythonRepr.of(value)).toLowerCase(Locale.ROOT);
            for (String word : words) {
                if (text.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }
}
