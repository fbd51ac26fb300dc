package dev.difyweave.demo.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.difyweave.demo.generator.ChatAppSettings.Moderation;

/**
 * The fate of every message of an app, by conversation and turn, drawn before any row is written so
 * that even a small data set holds every case: the app's last message is still pending, a few fail,
 * keyword moderation answers a few, one easy-UI message has {@code updated_at = created_at}, and
 * the first two messages of a legacy app have their citations in {@code dataset_retriever_resources}.
 */
final class MessageFates {

    private final MessageFate[][] fate;
    private final boolean[][] legacy;
    private final boolean[][] sameUpdatedAt;

    private MessageFates(MessageFate[][] fate, boolean[][] legacy, boolean[][] sameUpdatedAt) {
        this.fate = fate;
        this.legacy = legacy;
        this.sameUpdatedAt = sameUpdatedAt;
    }

    static MessageFates of(ChatApp app, int[] turns, boolean legacyApp, SeededRandom random) {
        MessageFate[][] fate = new MessageFate[turns.length][];
        boolean[][] legacy = new boolean[turns.length][];
        boolean[][] same = new boolean[turns.length][];
        List<int[]> slots = new ArrayList<>();
        for (int c = 0; c < turns.length; c++) {
            fate[c] = new MessageFate[turns[c]];
            Arrays.fill(fate[c], MessageFate.ANSWERED);
            legacy[c] = new boolean[turns[c]];
            same[c] = new boolean[turns[c]];
            for (int t = 0; t < turns[c]; t++) {
                slots.add(new int[] {c, t});
            }
        }
        int[] pending = slots.remove(slots.size() - 1);
        fate[pending[0]][pending[1]] = MessageFate.PENDING;
        if (legacyApp) {
            for (int i = 0; i < 2 && !slots.isEmpty(); i++) {
                int[] slot = slots.remove(0);
                legacy[slot[0]][slot[1]] = true;
                same[slot[0]][slot[1]] = true; // Dify 1.2 never touched updated_at after the insert
            }
        }
        List<int[]> rest = random.shuffled(slots);
        int total = slots.size() + 1;
        int failures = total >= 3 ? (int) Math.max(1, Math.round(0.06 * total)) : 0;
        for (int i = 0; i < failures && !rest.isEmpty(); i++) {
            int[] slot = rest.remove(0);
            fate[slot[0]][slot[1]] = MessageFate.FAILED;
        }
        if (app.easyUi()) {
            List<int[]> moderated = rest.stream()
                    .filter(s -> app.settings(s[0]).moderation() == Moderation.KEYWORDS).toList();
            int flagged = moderated.isEmpty() ? 0 : (int) Math.max(1, Math.round(0.1 * moderated.size()));
            for (int i = 0; i < flagged; i++) {
                int[] slot = moderated.get(i);
                fate[slot[0]][slot[1]] = MessageFate.FLAGGED;
                rest.remove(slot);
            }
            if (!rest.isEmpty()) {
                same[rest.get(0)[0]][rest.get(0)[1]] = true;
            }
        }
        return new MessageFates(fate, legacy, same);
    }

    MessageFate fate(int conversation, int turn) {
        return fate[conversation][turn];
    }

    /** Its citations go to the legacy {@code dataset_retriever_resources} table (Dify 1.2 and older). */
    boolean legacy(int conversation, int turn) {
        return legacy[conversation][turn];
    }

    boolean sameUpdatedAt(int conversation, int turn) {
        return sameUpdatedAt[conversation][turn];
    }
}
