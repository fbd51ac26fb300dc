package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.difyweave.backfill.call.LivePayload.TokenUsage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * docs/reference/dify-source.md §3.2, row by row. Expected strings are the compact JSON of what Dify's
 * {@code WeaveTraceModel.ensure_dict} returns for the same value (cross-checked with python3), so key
 * order is checked too.
 */
class LivePayloadTest {

    private static final String U_NULL = "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":null}";
    private static final String U_42 = "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":42}";
    private static final List<String> NO_FILES = List.of();

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    private static String str(JsonNode node) {
        return WeaveJson.toJson(node);
    }

    private static String in(String jsonText, TokenUsage usage, List<String> files) {
        return str(LivePayload.inputs(json(jsonText), usage, files));
    }

    private static String out(String jsonText, TokenUsage usage, List<String> files) {
        return str(LivePayload.outputs(json(jsonText), usage, files));
    }

    @Nested
    class NullAndEmpty {

        @Test
        void jsonNullStaysNull() {
            assertThat(LivePayload.inputs(json("null"), TokenUsage.total(1L), NO_FILES).isNull()).isTrue();
            assertThat(LivePayload.outputs(json("null"), TokenUsage.total(1L), NO_FILES).isNull()).isTrue();
        }

        @Test
        void javaNullBecomesJsonNull() {
            assertThat(LivePayload.inputs(null, TokenUsage.none(), NO_FILES).isNull()).isTrue();
            assertThat(LivePayload.outputs(null, TokenUsage.none(), NO_FILES).isNull()).isTrue();
        }

        @Test
        void emptyObjectStaysEmptyWithoutTheTwoKeys() {
            assertThat(in("{}", TokenUsage.total(5L), NO_FILES)).isEqualTo("{}");
            assertThat(out("{}", TokenUsage.total(5L), NO_FILES)).isEqualTo("{}");
        }

        @Test
        void scalarsOtherThanStringsAreReturnedAsTheyAre() {
            assertThat(in("5", TokenUsage.none(), NO_FILES)).isEqualTo("5");
            assertThat(out("true", TokenUsage.none(), NO_FILES)).isEqualTo("true");
        }
    }

    @Nested
    class Strings {

        @Test
        void inputStringBecomesAUserMessage() {
            assertThat(in("\"hello\"", TokenUsage.total(7L), NO_FILES)).isEqualTo(
                    "{\"messages\":{\"role\":\"user\",\"content\":\"hello\",\"usage_metadata\":"
                            + "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":7},\"file_list\":[]}}");
        }

        @Test
        void outputStringBecomesAnAiChoice() {
            assertThat(out("\"hello\"", TokenUsage.total(7L), NO_FILES)).isEqualTo(
                    "{\"choices\":{\"role\":\"ai\",\"content\":\"hello\",\"usage_metadata\":"
                            + "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":7},\"file_list\":[]}}");
        }

        @Test
        void emptyStringIsStillWrapped() {
            assertThat(in("\"\"", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"messages\":{\"role\":\"user\",\"content\":\"\",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}}");
        }

        @Test
        void usageNumbersAndFileUrls() {
            assertThat(in("\"q\"", new TokenUsage(3L, 4L, 7L), List.of("http://127.0.0.1:5001/files/a.png")))
                    .isEqualTo("{\"messages\":{\"role\":\"user\",\"content\":\"q\",\"usage_metadata\":"
                            + "{\"input_tokens\":3,\"output_tokens\":4,\"total_tokens\":7},"
                            + "\"file_list\":[\"http://127.0.0.1:5001/files/a.png\"]}}");
        }

        @Test
        void nullFileListStaysNull() {
            assertThat(out("\"a\"", TokenUsage.none(), null)).isEqualTo(
                    "{\"choices\":{\"role\":\"ai\",\"content\":\"a\",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":null}}");
        }
    }

    @Nested
    class ListsOfObjects {

        private static final String PROMPTS = "[{\"role\":\"system\",\"text\":\"Be brief.\",\"files\":[]},"
                + "{\"role\":\"user\",\"text\":\"Hi\",\"files\":[{\"type\":\"image\","
                + "\"data\":\"data:image/png;base64,iVBOR...\",\"detail\":\"high\"}]}]";

        @Test
        void inputPromptsBecomeMessagesEachWithTheTwoKeys() {
            assertThat(in(PROMPTS, TokenUsage.total(42L), NO_FILES)).isEqualTo(
                    "{\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\",\"files\":[],\"usage_metadata\":"
                            + U_42 + ",\"file_list\":[]},{\"role\":\"user\",\"content\":\"Hi\",\"files\":"
                            + "[{\"type\":\"image\",\"data\":\"data:image/png;base64,iVBOR...\",\"detail\":\"high\"}],"
                            + "\"usage_metadata\":" + U_42 + ",\"file_list\":[]}]}");
        }

        @Test
        void outputListBecomesOneAiChoiceWithTheRenamedListAsContent() {
            assertThat(out("[{\"role\":\"system\",\"text\":\"Be brief.\",\"files\":[]},"
                    + "{\"role\":\"user\",\"text\":\"Hi\",\"files\":[]}]", TokenUsage.total(42L), NO_FILES))
                    .isEqualTo("{\"choices\":{\"role\":\"ai\",\"content\":[{\"role\":\"system\","
                            + "\"content\":\"Be brief.\",\"files\":[]},{\"role\":\"user\",\"content\":\"Hi\","
                            + "\"files\":[]}],\"usage_metadata\":" + U_42 + ",\"file_list\":[]}}");
        }

        @Test
        void textIsRenamedInNestedObjectsAndArrays() {
            assertThat(in("[{\"role\":\"assistant\",\"text\":\"\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\","
                    + "\"function\":{\"name\":\"f\",\"arguments\":\"{}\",\"text\":\"x\"}}],"
                    + "\"meta\":{\"text\":\"y\",\"list\":[{\"text\":\"z\"}]}}]", TokenUsage.none(), NO_FILES))
                    .isEqualTo("{\"messages\":[{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":[{\"id\":\"c1\","
                            + "\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\",\"content\":\"x\"}}],"
                            + "\"meta\":{\"content\":\"y\",\"list\":[{\"content\":\"z\"}]},\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}]}");
        }

        /** Dify's {@code replace_text_with_content} does not descend into the value of a {@code text} key. */
        @Test
        void theValueOfARenamedTextKeyIsCopiedAsItIs() {
            assertThat(in("[{\"text\":{\"text\":\"inner\"}}]", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"messages\":[{\"content\":{\"text\":\"inner\"},\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}]}");
        }

        @Test
        void textAndContentInOneObjectCollapseLikeAPythonDict() {
            assertThat(in("[{\"content\":\"a\",\"text\":\"b\"},{\"text\":\"b\",\"content\":\"a\"}]", TokenUsage.none(),
                    NO_FILES)).isEqualTo("{\"messages\":[{\"content\":\"b\",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]},{\"content\":\"a\",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}]}");
        }

        @Test
        void existingUsageMetadataAndFileListInAnElementAreOverwrittenInPlace() {
            assertThat(in("[{\"usage_metadata\":\"old\",\"role\":\"user\",\"file_list\":[\"x\"]}]",
                    TokenUsage.total(1L), NO_FILES)).isEqualTo("{\"messages\":[{\"usage_metadata\":"
                            + "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":1},\"role\":\"user\","
                            + "\"file_list\":[]}]}");
        }

        @Test
        void theSourceListIsNotModified() {
            JsonNode source = json(PROMPTS);
            String before = str(source);
            LivePayload.inputs(source, TokenUsage.total(1L), NO_FILES);
            LivePayload.outputs(source, TokenUsage.total(1L), NO_FILES);
            assertThat(str(source)).isEqualTo(before);
        }
    }

    @Nested
    class OtherLists {

        @Test
        void emptyListBecomesItsReprInAUserChoiceForInputs() {
            assertThat(in("[]", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"choices\":{\"role\":\"user\",\"content\":\"[]\",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}}");
        }

        @Test
        void emptyListBecomesItsReprInAnAiChoiceForOutputs() {
            assertThat(out("[]", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"choices\":{\"role\":\"ai\",\"content\":\"[]\",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}}");
        }

        @Test
        void stringListBecomesAPythonRepr() {
            String expectedContent = "\"['What is X?', \\\"It's Y\\\"]\"";
            assertThat(in("[\"What is X?\",\"It's Y\"]", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"choices\":{\"role\":\"user\",\"content\":" + expectedContent + ",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}}");
            assertThat(out("[\"What is X?\",\"It's Y\"]", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"choices\":{\"role\":\"ai\",\"content\":" + expectedContent + ",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}}");
        }

        @Test
        void aListWhoseFirstElementIsNotAnObjectIsReprEvenIfLaterOnesAre() {
            assertThat(out("[1,{\"a\":1.5,\"b\":null}]", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"choices\":{\"role\":\"ai\",\"content\":\"[1, {'a': 1.5, 'b': None}]\",\"usage_metadata\":"
                            + U_NULL + ",\"file_list\":[]}}");
        }

        @Test
        void aListOfListsIsReprWithoutRenaming() {
            assertThat(in("[[{\"text\":\"x\"}]]", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"choices\":{\"role\":\"user\",\"content\":\"[[{'text': 'x'}]]\",\"usage_metadata\":" + U_NULL
                            + ",\"file_list\":[]}}");
        }
    }

    @Nested
    class Objects {

        @Test
        void theTwoKeysAreAddedAtTheEnd() {
            assertThat(in("{\"query\":\"q\",\"sys.files\":[],\"n\":1}", TokenUsage.total(12L), NO_FILES)).isEqualTo(
                    "{\"query\":\"q\",\"sys.files\":[],\"n\":1,\"usage_metadata\":"
                            + "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":12},\"file_list\":[]}");
        }

        @Test
        void existingKeysAreOverwrittenInPlace() {
            assertThat(out("{\"file_list\":[\"x\"],\"a\":1,\"usage_metadata\":{\"foo\":1}}", TokenUsage.total(12L),
                    NO_FILES)).isEqualTo("{\"file_list\":[],\"a\":1,\"usage_metadata\":"
                            + "{\"input_tokens\":null,\"output_tokens\":null,\"total_tokens\":12}}");
        }

        @Test
        void textKeysOfObjectsAreNotRenamed() {
            assertThat(in("{\"text\":\"kept\"}", TokenUsage.none(), NO_FILES)).isEqualTo(
                    "{\"text\":\"kept\",\"usage_metadata\":" + U_NULL + ",\"file_list\":[]}");
        }

        @Test
        void nullUsageCountsAndNumbersAndNullFileList() {
            assertThat(in("{\"a\":1}", new TokenUsage(null, 2L, null), null)).isEqualTo(
                    "{\"a\":1,\"usage_metadata\":{\"input_tokens\":null,\"output_tokens\":2,\"total_tokens\":null},"
                            + "\"file_list\":null}");
            assertThat(in("{\"a\":1}", new TokenUsage(0L, 0L, 0L), List.of("u1", "u2"))).isEqualTo(
                    "{\"a\":1,\"usage_metadata\":{\"input_tokens\":0,\"output_tokens\":0,\"total_tokens\":0},"
                            + "\"file_list\":[\"u1\",\"u2\"]}");
        }

        @Test
        void theSourceObjectIsNotModified() {
            JsonNode source = json("{\"a\":1}");
            LivePayload.inputs(source, TokenUsage.none(), NO_FILES);
            assertThat(str(source)).isEqualTo("{\"a\":1}");
        }
    }

    @Nested
    class StartInputs {

        @Test
        void nullBecomesAnEmptyObject() {
            assertThat(str(LivePayload.startInputs(null))).isEqualTo("{}");
            assertThat(str(LivePayload.startInputs(json("null")))).isEqualTo("{}");
        }

        @Test
        void objectsAreKept() {
            ObjectNode object = (ObjectNode) json("{\"a\":1}");
            assertThat(LivePayload.startInputs(object)).isSameAs(object);
        }

        @Test
        void nonDictsAreWrappedAsTheirPythonStr() {
            assertThat(str(LivePayload.startInputs(json("\"abc\"")))).isEqualTo("{\"inputs\":\"abc\"}");
            assertThat(str(LivePayload.startInputs(json("5")))).isEqualTo("{\"inputs\":\"5\"}");
            assertThat(str(LivePayload.startInputs(json("1.0")))).isEqualTo("{\"inputs\":\"1.0\"}");
            assertThat(str(LivePayload.startInputs(json("true")))).isEqualTo("{\"inputs\":\"True\"}");
            assertThat(str(LivePayload.startInputs(json("[1,\"a\"]")))).isEqualTo("{\"inputs\":\"[1, 'a']\"}");
        }
    }

    @Test
    void noValueIsNoneAndNoneStaysTheSameNode() {
        assertThat(LivePayload.inputs(null, TokenUsage.none(), NO_FILES).isNull()).isTrue();
        assertThat(LivePayload.outputs(tools.jackson.databind.node.MissingNode.getInstance(), TokenUsage.none(), NO_FILES)
                .isNull()).isTrue();
        JsonNode none = Json.NODES.nullNode();
        assertThat(LivePayload.outputs(none, TokenUsage.none(), NO_FILES)).isSameAs(none);
    }
}
