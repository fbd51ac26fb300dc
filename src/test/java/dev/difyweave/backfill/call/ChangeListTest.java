package dev.difyweave.backfill.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The lists of changed paths, coarsened to their ancestors only as far as their byte budget needs. A list counts
 * as its brackets and, for each path, its JSON string and a comma.
 */
class ChangeListTest {

    private static final ValuePath INPUTS = ValuePath.root("inputs");

    /** inputs.a.x, inputs.a.y, inputs.b.z: 2 + 3 * (12 + 1) = 41 bytes. */
    private static final List<ValuePath> PATHS = List.of(INPUTS.child("a").child("x"), INPUTS.child("a").child("y"),
            INPUTS.child("b").child("z"));

    private static String render(List<ValuePath> paths, long maxBytes) {
        return WeaveJson.toJson(ChangeList.render(paths, maxBytes));
    }

    @Test
    void pathsThatFitExactlyAreListedAsTheyAre() {
        assertThat(render(PATHS, 41)).isEqualTo("[\"inputs.a.x\",\"inputs.a.y\",\"inputs.b.z\"]");
    }

    @Test
    void oneByteLessListsTheParentsOnce() {
        // ["inputs.a","inputs.b"]: 2 + 2 * (10 + 1) = 24 bytes
        assertThat(render(PATHS, 40)).isEqualTo("[\"inputs.a\",\"inputs.b\"]");
        assertThat(render(PATHS, 24)).isEqualTo("[\"inputs.a\",\"inputs.b\"]");
    }

    @Test
    void theFieldItselfWhenNothingDeeperFits() {
        assertThat(render(PATHS, 23)).isEqualTo("[\"inputs\"]");
        assertThat(render(PATHS, 1)).as("a field is the least a list says").isEqualTo("[\"inputs\"]");
    }

    @Test
    void theDeepestLevelThatFitsIsFound() {
        ValuePath deep = INPUTS.child("rows").element(7).child("cells").element(3).child("url");
        List<ValuePath> paths = List.of(deep, INPUTS.child("rows").element(8).child("cells").element(0).child("url"),
                ValuePath.root("output"));
        assertThat(render(paths, 1000)).isEqualTo(
                "[\"inputs.rows[7].cells[3].url\",\"inputs.rows[8].cells[0].url\",\"output\"]");
        // 5 levels take 2 + 26 + 26 + 9 = 63 bytes, 4 levels 2 + 23 + 23 + 9 = 57, 3 levels 45, 2 levels 25
        assertThat(render(paths, 62)).isEqualTo("[\"inputs.rows[7].cells\",\"inputs.rows[8].cells\",\"output\"]");
        assertThat(render(paths, 57)).isEqualTo("[\"inputs.rows[7].cells\",\"inputs.rows[8].cells\",\"output\"]");
        assertThat(render(paths, 56)).isEqualTo("[\"inputs.rows[7]\",\"inputs.rows[8]\",\"output\"]");
        assertThat(render(paths, 44)).isEqualTo("[\"inputs.rows\",\"output\"]");
    }
}
