package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Known answers are CPython's {@code uuid.uuid5(uuid.UUID('6f1c2d8e-5b7a-4c3e-9d21-0a4b8e6f3c15'), name)}.
 */
class CallIdsTest {

    private static final String MESSAGE = "3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b";
    private static final String THOUGHT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
    private static final String CONVERSATION = "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d";
    private static final String CANONICAL = "[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void namespaceIsTheProjectsFixedOne() {
        assertThat(CallIds.NAMESPACE).isEqualTo(UUID.fromString("6f1c2d8e-5b7a-4c3e-9d21-0a4b8e6f3c15"));
    }

    @Test
    void llmIdMatchesPython() {
        assertThat(CallIds.llm(MESSAGE)).isEqualTo("526c6da2-a607-5e67-a94b-62c67b57fccf");
    }

    @Test
    void toolIdsMatchPython() {
        assertThat(CallIds.tool(MESSAGE, THOUGHT, "google_search", 0)).isEqualTo("3f6225e7-4a4d-52e5-bd52-8b9a10ffe81e");
        assertThat(CallIds.tool(MESSAGE, THOUGHT, "google_search", 1)).isEqualTo("64d38562-3e72-5361-8541-22b7c2cf4119");
    }

    @Test
    void namesAreEncodedAsUtf8LikePython() {
        assertThat(CallIds.tool(MESSAGE, THOUGHT, "\u641c\u7d22", 0)).isEqualTo("160a8672-eaed-56f9-a725-42d0b0a07769");
    }

    @Test
    void otherKindsMatchPython() {
        assertThat(CallIds.moderation(MESSAGE)).isEqualTo("6555c5f0-5375-5bbf-973c-4d066fb61072");
        assertThat(CallIds.datasetRetrieval(MESSAGE)).isEqualTo("39a252e8-3a64-5afc-a20e-0a05919b15c1");
        assertThat(CallIds.generateConversationName(CONVERSATION)).isEqualTo("3dffd337-70f4-57e0-a5b0-44681adc386d");
        assertThat(CallIds.v5("")).isEqualTo("8def9e94-548d-5dc0-8245-0ec9f817b3ba");
    }

    @Test
    void idsAreDeterministic() {
        assertThat(CallIds.llm(MESSAGE)).isEqualTo(CallIds.llm(MESSAGE));
        assertThat(CallIds.tool(MESSAGE, THOUGHT, "wikipedia", 2)).isEqualTo(CallIds.tool(MESSAGE, THOUGHT, "wikipedia", 2));
        assertThat(CallIds.v5("x")).isEqualTo(CallIds.v5(new String("x")));
    }

    @Test
    void idsAreLowercaseCanonicalVersion5IetfVariant() {
        for (String id : allKinds()) {
            assertThat(id).matches(CANONICAL);
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.toString()).isEqualTo(id);
            assertThat(uuid.version()).isEqualTo(5);
            assertThat(uuid.variant()).isEqualTo(2);
        }
    }

    @Test
    void distinctNamesGiveDistinctIds() {
        List<String> ids = allKinds();
        Set<String> unique = ids.stream().collect(Collectors.toSet());
        assertThat(unique).hasSameSizeAs(ids);
        assertThat(CallIds.llm(MESSAGE)).isNotEqualTo(CallIds.llm(MESSAGE.replace('f', 'e')));
    }

    @Test
    void difyIdsAreLowercaseCanonical() {
        UUID upper = UUID.fromString("A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D");
        assertThat(CallIds.dify(upper)).isEqualTo("a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d");
    }

    private static List<String> allKinds() {
        return List.of(
                CallIds.llm(MESSAGE),
                CallIds.tool(MESSAGE, THOUGHT, "google_search", 0),
                CallIds.tool(MESSAGE, THOUGHT, "google_search", 1),
                CallIds.tool(MESSAGE, THOUGHT, "wikipedia", 0),
                CallIds.tool(MESSAGE, MESSAGE, "google_search", 0),
                CallIds.moderation(MESSAGE),
                CallIds.datasetRetrieval(MESSAGE),
                CallIds.generateConversationName(MESSAGE),
                CallIds.generateConversationName(CONVERSATION));
    }
}
