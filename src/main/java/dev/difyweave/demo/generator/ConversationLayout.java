package dev.difyweave.demo.generator;

import java.util.Arrays;

/**
 * When the conversations of one app happen and how many messages each has. The last conversation is
 * the live one: its messages fall in the last minutes of the time range.
 */
final class ConversationLayout {

    private ConversationLayout() {
    }

    /** Messages per conversation: {@code average} each, then some moved around (every one keeps one). */
    static int[] turns(SeededRandom random, int conversations, int average) {
        int[] turns = new int[conversations];
        Arrays.fill(turns, average);
        for (int i = 0; i < conversations && average > 1; i++) {
            int from = random.nextInt(conversations);
            int to = random.nextInt(conversations);
            if (turns[from] > 1) {
                turns[from]--;
                turns[to]++;
            }
        }
        return turns;
    }

    /**
     * Conversation starts in time order. The last conversation is the live one (its messages start at
     * {@link #liveStarts}); the others start at least a day before the end.
     */
    static long[] starts(SeededRandom random, int count, long rangeStart, long rangeEnd) {
        long[] starts = new long[count];
        long latest = Math.max(rangeStart + 1, rangeEnd - UtcTime.MICROS_PER_DAY);
        for (int c = 0; c < count - 1; c++) {
            starts[c] = UtcTime.wholeSeconds(random.between(rangeStart, latest));
        }
        Arrays.sort(starts, 0, count - 1);
        starts[count - 1] = latest;
        return starts;
    }

    /** Message starts of the live conversation: the last one a minute or two before the end. */
    static long[] liveStarts(SeededRandom random, int turns, long rangeEnd) {
        long[] starts = new long[turns];
        long at = rangeEnd - random.between(40L, 150L) * UtcTime.MICROS_PER_SECOND;
        for (int t = turns - 1; t >= 0; t--) {
            starts[t] = UtcTime.wholeSeconds(at);
            at -= random.between(45L, 100L) * UtcTime.MICROS_PER_SECOND;
        }
        return starts;
    }
}
