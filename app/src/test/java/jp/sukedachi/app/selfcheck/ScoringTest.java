package jp.sukedachi.app.selfcheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The self-check's arithmetic: 4/2/0/−1 per answer, parts 1–5, 6–18, 19–25, weakest items first. */
class ScoringTest {

    private static List<Answer> all(Answer a) {
        return Collections.nCopies(SelfCheckItems.COUNT, a);
    }

    /** Answers from a 25-letter string: D done, P partly, N no, U unknown (spaces ignored). */
    static List<Answer> answers(String letters) {
        return Answer.decode(letters.replace(" ", ""));
    }

    @Test
    void everythingDoneIsOneHundred() {
        Score s = Score.of(all(Answer.DONE));
        assertThat(s.total()).isEqualTo(100).isEqualTo(Score.MAX);
        assertThat(s.parts()).extracting(Score.PartScore::score).containsExactly(20, 52, 28);
        assertThat(s.parts()).extracting(Score.PartScore::max).containsExactly(20, 52, 28);
        assertThat(s.weakItems()).isEmpty();
    }

    @Test
    void nothingDoneIsZeroAndEveryDontKnowIsMinusTwentyFive() {
        assertThat(Score.of(all(Answer.NO)).total()).isZero();
        Score unknown = Score.of(all(Answer.UNKNOWN));
        assertThat(unknown.total()).isEqualTo(-25);
        assertThat(unknown.parts()).extracting(Score.PartScore::score).containsExactly(-5, -13, -7);
        assertThat(unknown.part(Part.BASIC).percent()).isZero();
    }

    @Test
    void aMixGivesTheExactTotalOfEachPart() {
        // Part 1: D P N U D = 4+2+0-1+4 = 9
        // Part 2 (13 items): D D D D P P P N N N U U D = 16+6+0-2+4 = 24
        // Part 3 (7 items): U U P D N D P = -2+2+4+0+4+2 = 10
        Score s = Score.of(answers("DPNUD DDDDPPPNNNUUD UUPDNDP"));
        assertThat(s.part(Part.BASIC).score()).isEqualTo(9);
        assertThat(s.part(Part.EMPLOYEE).score()).isEqualTo(24);
        assertThat(s.part(Part.ORGANISATION).score()).isEqualTo(10);
        assertThat(s.total()).isEqualTo(43);
    }

    @Test
    void oneDontKnowInEachPartCostsOnePointMoreThanNotDone() {
        List<Answer> mixed = new ArrayList<>(all(Answer.DONE));
        mixed.set(0, Answer.UNKNOWN);
        mixed.set(5, Answer.NO);
        mixed.set(24, Answer.PARTLY);
        Score s = Score.of(mixed);
        assertThat(s.parts()).extracting(Score.PartScore::score).containsExactly(15, 48, 26);
        assertThat(s.total()).isEqualTo(89);
    }

    @Test
    void weakItemsAreEveryItemNotDoneWithNotDoneAndDontKnowBeforePartly() {
        Score s = Score.of(answers("DPNUD DDDDDDDDDDDDD DDDDDDP"));
        assertThat(s.weakItems()).extracting(Score.WeakItem::item).containsExactly(3, 4, 2, 25);
        assertThat(s.weakItems()).extracting(Score.WeakItem::answer)
                .containsExactly(Answer.NO, Answer.UNKNOWN, Answer.PARTLY, Answer.PARTLY);
        assertThat(s.weakItems().getLast().part()).isEqualTo(Part.ORGANISATION);
    }

    @Test
    void answersAreParsedFromTheApiWordsAndWrongInputIsExplained() {
        List<String> words = new ArrayList<>(Collections.nCopies(25, "done"));
        words.set(1, "Partly");
        words.set(2, " no ");
        words.set(3, "unknown");
        assertThat(Answer.parseAll(words).subList(0, 4))
                .containsExactly(Answer.DONE, Answer.PARTLY, Answer.NO, Answer.UNKNOWN);
        assertThatThrownBy(() -> Answer.parseAll(words.subList(0, 24)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly 25").hasMessageContaining("got 24");
        words.set(6, "yes");
        assertThatThrownBy(() -> Answer.parseAll(words))
                .hasMessageContaining("item 7").hasMessageContaining("done, partly, no, unknown").hasMessageContaining("yes");
        assertThatThrownBy(() -> Answer.parseAll(null)).hasMessageContaining("answers missing");
    }

    @Test
    void storedLettersRoundTrip() {
        List<Answer> a = answers("DPNUD DDDDPPPNNNUUD UUPDNDP");
        assertThat(Answer.decode(Answer.encode(a))).isEqualTo(a);
        assertThat(Answer.encode(a)).hasSize(25);
    }

    @Test
    void deviationScoreIsFiftyAtTheMeanAndTenPerStandardDeviation() {
        assertThat(PeerStats.deviation(60, 60, 8)).isEqualTo(50.0);
        assertThat(PeerStats.deviation(68, 60, 8)).isEqualTo(60.0);
        assertThat(PeerStats.deviation(44, 60, 8)).isEqualTo(30.0);
        // No spread: everyone is average.
        assertThat(PeerStats.deviation(70, 70, 0)).isEqualTo(50.0);
    }

    @Test
    void chartsPlaceScoresInsideTheirFrames() {
        Charts.Trend t = Charts.trend(List.of(-25, 50, 100), List.of("a", "b", "c"));
        assertThat(t.dots()).extracting(Charts.Point::y).allMatch(y -> y >= 0 && y <= t.height());
        assertThat(t.dots().get(2).y()).isLessThan(t.dots().get(1).y());
        assertThat(t.points().split(" ")).hasSize(3);
        Charts.Radar r = Charts.radar(List.of(100.0, 0.0, 50.0), List.of(50.0, 50.0, 50.0));
        // The first axis points up from the centre: full marks reach its end.
        assertThat(r.company()).startsWith("160.0,50.0 160.0,160.0 ");
        assertThat(r.peers()).isNotNull();
        assertThat(Charts.radar(List.of(10.0, 10.0, 10.0), null).peers()).isNull();
    }

    @Test
    void theRadarCarriesThePercentagesItDrawsForItsTable() {
        Charts.Radar r = Charts.radar(List.of(100.0, 33.4, -5.0), List.of(50.5, 120.0, 0.0));
        // Rounded and clamped as the polygon is, in the order of the parts.
        assertThat(r.axes()).extracting(Charts.Axis::part).containsExactly(Part.values());
        assertThat(r.axes()).extracting(Charts.Axis::company).containsExactly(100L, 33L, 0L);
        assertThat(r.axes()).extracting(Charts.Axis::peers).containsExactly(51L, 100L, 0L);
        assertThat(Charts.radar(List.of(10.0, 10.0, 10.0), null).axes()).extracting(Charts.Axis::peers)
                .containsOnlyNulls();
    }
}
