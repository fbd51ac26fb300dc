package dev.difyweave.backfill.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TimePartitionsTest {

    private static final LocalDateTime FROM = LocalDateTime.of(2026, 1, 1, 0, 0);
    private static final LocalDateTime TO = LocalDateTime.of(2026, 2, 1, 0, 0);

    @Test
    void cutsTheWindowIntoContiguousRangesAtTheCutPoints() {
        List<PartitionRange> ranges = TimePartitions.cut(FROM, TO,
                List.of(FROM.plusDays(10), FROM.plusDays(20)), 3);

        assertThat(ranges).containsExactly(
                new PartitionRange("p000", FROM, FROM.plusDays(10)),
                new PartitionRange("p001", FROM.plusDays(10), FROM.plusDays(20)),
                new PartitionRange("p002", FROM.plusDays(20), TO));
    }

    @Test
    void fewerDistinctCutsThanPartitionsGiveEmptyPartitionsWithTheSameNames() {
        List<PartitionRange> ranges = TimePartitions.cut(FROM, TO, List.of(FROM.plusDays(3), FROM.plusDays(3)), 4);

        assertThat(ranges).extracting(PartitionRange::name).containsExactly("p000", "p001", "p002", "p003");
        assertThat(ranges.get(0)).isEqualTo(new PartitionRange("p000", FROM, FROM.plusDays(3)));
        assertThat(ranges.get(1)).isEqualTo(new PartitionRange("p001", FROM.plusDays(3), TO));
        assertThat(ranges.subList(2, 4)).allMatch(PartitionRange::isEmpty);
    }

    @Test
    void cutsOnTheWindowEdgesOrOutsideItAreIgnored() {
        List<PartitionRange> ranges = TimePartitions.cut(FROM, TO,
                List.of(FROM, TO, TO.plusDays(1), FROM.minusDays(1), FROM.plusDays(1)), 3);

        assertThat(ranges.get(0)).isEqualTo(new PartitionRange("p000", FROM, FROM.plusDays(1)));
        assertThat(ranges.get(1)).isEqualTo(new PartitionRange("p001", FROM.plusDays(1), TO));
        assertThat(ranges.get(2).isEmpty()).isTrue();
    }

    @Test
    void anyCutsCoverEveryInstantOfTheWindowExactlyOnce() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int count = 1 + random.nextInt(8);
            List<LocalDateTime> cuts = new ArrayList<>();
            for (int i = 0; i < random.nextInt(12); i++) {
                cuts.add(FROM.minusDays(2).plusMinutes(random.nextInt(36 * 24 * 60)));
            }
            List<PartitionRange> ranges = TimePartitions.cut(FROM, TO, cuts, count);

            assertThat(ranges).hasSize(count);
            List<PartitionRange> filled = ranges.stream().filter(r -> !r.isEmpty()).toList();
            assertThat(filled.get(0).from()).isEqualTo(FROM);
            assertThat(filled.get(filled.size() - 1).to()).isEqualTo(TO);
            for (int i = 1; i < filled.size(); i++) {
                assertThat(filled.get(i).from()).as("no gap, no overlap").isEqualTo(filled.get(i - 1).to());
            }
            assertThat(ranges.subList(filled.size(), count)).allMatch(PartitionRange::isEmpty);
        }
    }

    @Test
    void onePartitionIsTheWholeWindow() {
        assertThat(TimePartitions.cut(FROM, TO, List.of(FROM.plusDays(5)), 1))
                .containsExactly(new PartitionRange("p000", FROM, TO));
    }

    @Test
    void aRangeRoundTripsThroughAStepExecutionContext() {
        PartitionRange range = new PartitionRange("p001", FROM, TO);
        Map<String, Object> context = range.toContext().toMap();

        assertThat(PartitionRange.fromContext("p001", context)).isEqualTo(range);
        assertThat(PartitionRange.fromContext("p002", PartitionRange.empty("p002").toContext().toMap()).isEmpty())
                .isTrue();
        assertThat(PartitionRange.fromContext("step", Map.of())).isNull();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> TimePartitions.cut(FROM, TO, List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimePartitions.cut(TO, FROM, List.of(), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionRange("p", TO, FROM)).isInstanceOf(IllegalArgumentException.class);
    }
}
