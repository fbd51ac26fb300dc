package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cutter of C13 on small values whose every byte can be counted by hand. Sizes are bytes of compact UTF-8
 * JSON: a string takes its bytes and two quotes; {@code …} is 3 bytes, so the marker {@code …[truncated by
 * dify-weave-backfill: kept K of N chars]} takes 54 bytes plus the digits of K and N, and the note
 * {@code …[D of N elements dropped by dify-weave-backfill]} 49 plus the digits of D and N.
 */
class SizeCutterTest {

    private static final ValuePath X = ValuePath.root("x");

    private final SizeCutter cutter = new SizeCutter(new JsonSize());

    /** The documented marker of a cut string. */
    private static String marker(int kept, int total) {
        return "…[truncated by dify-weave-backfill: kept " + kept + " of " + total + " chars]";
    }

    private static String dropped(int dropped, int total) {
        return "…[" + dropped + " of " + total + " elements dropped by dify-weave-backfill]";
    }

    private static long bytes(JsonNode node) {
        return Json.MAPPER.writeValueAsBytes(node).length;
    }

    private List<String> cutPaths() {
        return cutter.cutPaths().stream().map(ValuePath::toString).toList();
    }

    private static ArrayNode strings(int count, String value) {
        ArrayNode array = Json.NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(value);
        }
        return array;
    }

    @Nested
    class Strings {

        @Test
        void aValueThatFitsExactlyIsKeptAsItIsAndOneByteLessCutsIt() {
            JsonNode abc = Json.NODES.stringNode("abc"); // 5 bytes with its quotes

            assertThat(cutter.fit(abc, 5, X)).isSameAs(abc);
            assertThat(cutter.cutPaths()).isEmpty();

            JsonNode cut = cutter.fit(abc, 4, X);
            assertThat(cut.stringValue()).isEqualTo(marker(0, 3));
            assertThat(cutPaths()).containsExactly("x");
        }

        @Test
        void asciiKeepsAsManyCharsAsTheBudgetLeavesBesideTheMarker() {
            // 100 bytes: 2 quotes and the marker of 1000 of 1000 (62) leave 36 chars
            String cut = SizeCutter.cutString("x".repeat(1000), 100);

            assertThat(cut).isEqualTo("x".repeat(36) + marker(36, 1000));
            assertThat(JsonSize.ofString(cut)).isEqualTo(98);
        }

        @Test
        void twoByteCharsCountTwice() {
            // 100 - (2 + 54 + 3 + 3) = 38 bytes: 19 chars of 2 bytes
            assertThat(SizeCutter.cutString("é".repeat(100), 100)).isEqualTo("é".repeat(19) + marker(19, 100));
        }

        @Test
        void anEmojiIsNeverSplit() {
            String emoji = "\uD83D\uDE00"; // 4 bytes, 2 chars
            // 80 - 62 = 18 bytes: four emoji (16), a fifth would need 20
            assertThat(SizeCutter.cutString(emoji.repeat(50), 80)).isEqualTo(emoji.repeat(4) + marker(8, 100));
            // 19 bytes: still four, never half of the fifth
            assertThat(SizeCutter.cutString(emoji.repeat(50), 81)).isEqualTo(emoji.repeat(4) + marker(8, 100));
        }

        @Test
        void aBudgetSmallerThanTheMarkerKeepsOnlyTheMarker() {
            assertThat(SizeCutter.cutString("x".repeat(1000), 10)).isEqualTo(marker(0, 1000));
        }

        @Test
        void aHugeNumberIsCutAsItsText() {
            JsonNode number = Json.NODES.numberNode(BigInteger.TEN.pow(300)); // 301 digits

            JsonNode cut = cutter.fit(number, 100, X);

            // 100 - (2 + 54 + 3 + 3) = 38 digits
            assertThat(cut.stringValue()).isEqualTo("1" + "0".repeat(37) + marker(38, 301));
            assertThat(cutPaths()).containsExactly("x");
        }
    }

    /** The common share: the largest t with sum(min(size, t)) within what is available. */
    @Nested
    class Share {

        @Test
        void everythingFitsThenThereIsNoLimit() {
            assertThat(SizeCutter.share(new long[] {10, 20, 30}, 60)).isEqualTo(Long.MAX_VALUE);
            assertThat(SizeCutter.share(new long[] {}, 0)).isEqualTo(Long.MAX_VALUE);
        }

        @Test
        void theLargestShareWhoseSumStaysWithinTheBudget() {
            // 10 + 20 + 29 = 59
            assertThat(SizeCutter.share(new long[] {30, 10, 20}, 59)).isEqualTo(29);
            // 10 + 20 + 21 = 51: the share passes the middle size, 20 would waste a byte
            assertThat(SizeCutter.share(new long[] {10, 20, 30}, 51)).isEqualTo(21);
            // 3 * 16 = 48 <= 50 < 3 * 17
            assertThat(SizeCutter.share(new long[] {100, 100, 100}, 50)).isEqualTo(16);
            assertThat(SizeCutter.share(new long[] {100, 100}, 0)).isZero();
        }
    }

    @Nested
    class Arrays {

        @Test
        void bigElementsShareWhatTheSmallOnesLeave() {
            ArrayNode array = Json.NODES.arrayNode().add("a".repeat(100)).add("b".repeat(1000)).add("c".repeat(1000));

            JsonNode cut = cutter.fit(array, 1500, X);

            // 1500 - 2 brackets - 2 commas - 102 = 1394 for the two big ones: 697 each, 633 chars beside the marker
            assertThat(cut.get(0)).isSameAs(array.get(0));
            assertThat(cut.get(1).stringValue()).isEqualTo("b".repeat(633) + marker(633, 1000));
            assertThat(cut.get(2).stringValue()).isEqualTo("c".repeat(633) + marker(633, 1000));
            assertThat(cut).hasSize(3);
            assertThat(bytes(cut)).isEqualTo(1498);
            assertThat(cutPaths()).containsExactly("x[1]", "x[2]");
            assertThat(array.get(1).stringValue()).as("the input is not changed").hasSize(1000);
        }

        @Test
        void aShareOfExactlyTheMinimumStillKeepsEveryElement() {
            // 515 - 2 - 1 = 512: 256 each, the least share; 192 chars beside the marker
            JsonNode cut = cutter.fit(strings(2, "b".repeat(1000)), 515, X);

            assertThat(cut).hasSize(2);
            assertThat(cut.get(0).stringValue()).isEqualTo("b".repeat(192) + marker(192, 1000));
            assertThat(cut.get(1).stringValue()).isEqualTo("b".repeat(192) + marker(192, 1000));
            assertThat(cutPaths()).containsExactly("x[0]", "x[1]");
        }

        @Test
        void tooManyElementsKeepTheFirstOnesAndSayHowManyWereDropped() {
            // room beside the brackets and the note of 100 of 100 (57 + a comma): 301 - 2 - 58 = 241 =
            // the first element (10) and 21 more with their commas (11 each)
            JsonNode cut = cutter.fit(strings(100, "abcdefgh"), 301, X);

            assertThat(cut).hasSize(23);
            for (int i = 0; i < 22; i++) {
                assertThat(cut.get(i).stringValue()).isEqualTo("abcdefgh");
            }
            assertThat(cut.get(22).stringValue()).isEqualTo(dropped(78, 100));
            assertThat(bytes(cut)).isEqualTo(300);
            assertThat(cutPaths()).containsExactly("x");
        }

        @Test
        void roomLeftSmallerThanAnElementKeepsNoPartOfIt() {
            // 310 - 2 - 58 = 250: 22 elements take 241, the 9 bytes left cannot hold another (11 with its comma)
            JsonNode cut = cutter.fit(strings(100, "abcdefgh"), 310, X);

            assertThat(cut).hasSize(23);
            assertThat(cut.get(21).stringValue()).isEqualTo("abcdefgh");
            assertThat(cut.get(22).stringValue()).isEqualTo(dropped(78, 100));
        }

        /** A small first element, then big ones: what is left after the first and a comma is the next one's room. */
        private ArrayNode smallThenBig() {
            ArrayNode array = Json.NODES.arrayNode().add("a");
            for (int i = 0; i < 20; i++) {
                array.add("x".repeat(2000));
            }
            return array;
        }

        @Test
        void theRoomAfterAKeptElementIsCountedWithoutItsComma() {
            // 318 - 2 - 56 = 260; "a" takes 3: 257 left, 256 once the comma is paid: the second element is cut to it
            JsonNode cut = cutter.fit(smallThenBig(), 318, X);

            assertThat(cut).hasSize(3);
            assertThat(cut.get(0).stringValue()).isEqualTo("a");
            assertThat(cut.get(1).stringValue()).isEqualTo("x".repeat(192) + marker(192, 2000));
            assertThat(cut.get(2).stringValue()).isEqualTo(dropped(19, 21));
            assertThat(bytes(cut)).isEqualTo(317);
            assertThat(cutPaths()).containsExactly("x[1]", "x");
        }

        @Test
        void lessThanTheMinimumAfterTheCommaKeepsOnlyTheSmallElement() {
            // 317: 256 left after "a", 255 once the comma is paid
            JsonNode cut = cutter.fit(smallThenBig(), 317, X);

            assertThat(cut).hasSize(2);
            assertThat(cut.get(0).stringValue()).isEqualTo("a");
            assertThat(cut.get(1).stringValue()).isEqualTo(dropped(20, 21));
        }

        @Test
        void aFirstElementTooBigForTheRoomIsCutIntoIt() {
            // 1000 - 2 - (55 + 1) = 942 bytes of room; the first element is cut to 941 (878 chars and the marker)
            JsonNode cut = cutter.fit(strings(21, "x".repeat(2000)), 1000, X);

            assertThat(cut).hasSize(2);
            assertThat(cut.get(0).stringValue()).isEqualTo("x".repeat(878) + marker(878, 2000));
            assertThat(cut.get(1).stringValue()).isEqualTo(dropped(20, 21));
            assertThat(bytes(cut)).isEqualTo(999);
            assertThat(cutPaths()).containsExactly("x[0]", "x");
        }

        @Test
        void aRoomOfExactlyTheMinimumStillTakesPartOfTheFirstElement() {
            // 314 - 2 - 56 = 256
            JsonNode cut = cutter.fit(strings(21, "x".repeat(2000)), 314, X);

            assertThat(cut).hasSize(2);
            assertThat(cut.get(0).stringValue()).isEqualTo("x".repeat(192) + marker(192, 2000));
            assertThat(cut.get(1).stringValue()).isEqualTo(dropped(20, 21));
        }

        @Test
        void aRoomBelowTheMinimumKeepsNoPartOfAnElement() {
            JsonNode cut = cutter.fit(strings(21, "x".repeat(2000)), 313, X);

            assertThat(cut).hasSize(1);
            assertThat(cut.get(0).stringValue()).isEqualTo(dropped(21, 21));
            assertThat(cutPaths()).containsExactly("x");
        }
    }

    @Nested
    class Objects {

        @Test
        void bigMembersShareWhatTheSmallOnesAndTheKeysLeave() {
            ObjectNode object = Json.NODES.objectNode().put("a", "x".repeat(1000)).put("bb", "y".repeat(100))
                    .put("c", "z".repeat(1000));

            JsonNode cut = cutter.fit(object, 1500, X);

            // keys with their colons: 4 + 5 + 4; 1500 - 2 - 2 - 13 = 1483; 1483 - 102 = 1381: 690 each
            assertThat(cut.get("a").stringValue()).isEqualTo("x".repeat(626) + marker(626, 1000));
            assertThat(cut.get("bb")).isSameAs(object.get("bb"));
            assertThat(cut.get("c").stringValue()).isEqualTo("z".repeat(626) + marker(626, 1000));
            assertThat(cut.propertyNames()).containsExactly("a", "bb", "c");
            assertThat(bytes(cut)).isEqualTo(1497);
            assertThat(cutPaths()).containsExactly("x.a", "x.c");
        }

        @Test
        void aShareOfExactlyTheMinimumKeepsEveryMember() {
            // 523 - 2 - 1 - 8 = 512: 256 each
            ObjectNode object = Json.NODES.objectNode().put("a", "x".repeat(1000)).put("c", "z".repeat(1000));

            JsonNode cut = cutter.fit(object, 523, X);

            assertThat(cut.get("a").stringValue()).isEqualTo("x".repeat(192) + marker(192, 1000));
            assertThat(cut.get("c").stringValue()).isEqualTo("z".repeat(192) + marker(192, 1000));
            assertThat(cut.has(SizeCutter.DROPPED_KEY)).isFalse();
            assertThat(cutPaths()).containsExactly("x.a", "x.c");
        }

        /**
         * 50 members {@code "kNN": "v" x 300}: 6 bytes of key and colon, 302 of value. The note member takes 35 + 1
         * for its key and 66 + 1 for its text; with the braces and 49 commas, every member kept at its least (256)
         * needs 13 254 bytes, and each member dropped gives back 263.
         */
        private static ObjectNode fiftyMembers() {
            ObjectNode object = Json.NODES.objectNode();
            for (int i = 0; i < 50; i++) {
                object.put(String.format("k%02d", i), "v".repeat(300));
            }
            return object;
        }

        private static String droppedMembers(int dropped) {
            return "[" + dropped + " of 50 members dropped by dify-weave-backfill, largest first]";
        }

        @Test
        void tooManyMembersDropTheLargestAndOfEqualOnesTheLastFirst() {
            // 13 254 - 43 * 263 = 1945 <= 2000; the 7 kept share 2000 - 103 - 2 - 6 - 42 = 1847: 263 each
            JsonNode cut = cutter.fit(fiftyMembers(), 2000, X);

            assertThat(cut.propertyNames()).containsExactly("k00", "k01", "k02", "k03", "k04", "k05", "k06",
                    SizeCutter.DROPPED_KEY);
            for (int i = 0; i < 7; i++) {
                assertThat(cut.get(String.format("k%02d", i)).stringValue()).isEqualTo("v".repeat(201) + marker(201, 300));
            }
            assertThat(cut.get(SizeCutter.DROPPED_KEY).stringValue()).isEqualTo(droppedMembers(43));
            assertThat(bytes(cut)).isEqualTo(1994);
            assertThat(cutPaths()).containsExactly("x.k00", "x.k01", "x.k02", "x.k03", "x.k04", "x.k05", "x.k06", "x");
        }

        @Test
        void membersAreDroppedOnlyUntilTheRestFitsAtTheirLeast() {
            // exactly 1945: 43 dropped, the 7 kept share 1792: 256 each
            JsonNode cut = cutter.fit(fiftyMembers(), 1945, X);

            assertThat(cut.size()).isEqualTo(8);
            assertThat(cut.get("k06").stringValue()).isEqualTo("v".repeat(194) + marker(194, 300));
            assertThat(cut.get(SizeCutter.DROPPED_KEY).stringValue()).isEqualTo(droppedMembers(43));
            assertThat(bytes(cut)).isEqualTo(1945);
        }

        @Test
        void oneByteLessDropsOneMemberMore() {
            // 44 dropped, the 6 kept share 1944 - 103 - 2 - 5 - 36 = 1798: 299 each
            JsonNode cut = cutter.fit(fiftyMembers(), 1944, X);

            assertThat(cut.propertyNames()).containsExactly("k00", "k01", "k02", "k03", "k04", "k05",
                    SizeCutter.DROPPED_KEY);
            assertThat(cut.get("k00").stringValue()).isEqualTo("v".repeat(237) + marker(237, 300));
            assertThat(cut.get(SizeCutter.DROPPED_KEY).stringValue()).isEqualTo(droppedMembers(44));
            assertThat(bytes(cut)).isEqualTo(1940);
        }

        @Test
        void theLargestMemberGoesFirstWhereverItIs() {
            ObjectNode object = fiftyMembers();
            object.put("k10", "v".repeat(5000));

            JsonNode cut = cutter.fit(object, 2000, X);

            assertThat(cut.has("k10")).isFalse();
            assertThat(cut.propertyNames()).startsWith("k00", "k01", "k02", "k03", "k04", "k05", "k06");
        }
    }
}
