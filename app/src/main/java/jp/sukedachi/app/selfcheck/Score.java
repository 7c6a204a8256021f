package jp.sukedachi.app.selfcheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The result of one set of answers: total (−25 to 100), each part's score and the items still to work on,
 * weakest first. Pure: no I/O, so scoring is tested on its own.
 */
public record Score(int total, List<PartScore> parts, List<WeakItem> weakItems) {
    public static final int MAX = SelfCheckItems.COUNT * Answer.DONE.points();

    /** One part's points out of its maximum. */
    public record PartScore(Part part, int score, int max) {
        /** Share of the maximum in percent, 0 when the score is negative (the radar has no negative side). */
        public double percent() {
            return Math.max(0, score) * 100.0 / max;
        }
    }

    /** An item answered anything but "done". */
    public record WeakItem(int item, Answer answer) {
        public Part part() {
            return Part.of(item);
        }
    }

    public static Score of(List<Answer> answers) {
        if (answers.size() != SelfCheckItems.COUNT) {
            throw new IllegalArgumentException("expected " + SelfCheckItems.COUNT + " answers, got " + answers.size());
        }
        int[] perPart = new int[Part.values().length];
        List<WeakItem> weak = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            int item = i + 1;
            Answer a = answers.get(i);
            perPart[Part.of(item).ordinal()] += a.points();
            if (a != Answer.DONE) {
                weak.add(new WeakItem(item, a));
            }
        }
        List<PartScore> parts = new ArrayList<>();
        int total = 0;
        for (Part p : Part.values()) {
            parts.add(new PartScore(p, perPart[p.ordinal()], p.max()));
            total += perPart[p.ordinal()];
        }
        // Not done and don't know first (both need action), then partly; item order within each.
        weak.sort(Comparator.comparingInt((WeakItem w) -> w.answer() == Answer.PARTLY ? 1 : 0)
                .thenComparingInt(WeakItem::item));
        return new Score(total, List.copyOf(parts), List.copyOf(weak));
    }

    public PartScore part(Part p) {
        return parts.get(p.ordinal());
    }
}
