package jp.sukedachi.pipeline.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import jp.sukedachi.detect.DetectionSink;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Category;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;
import jp.sukedachi.pipeline.stage.StageSink.Batch;
import jp.sukedachi.pipeline.stage.StageSink.Stored;
import org.junit.jupiter.api.Test;

/**
 * The stage composition on an in-memory sink with a windowed detector of its own: position, detections and
 * detector states move together, whatever fails.
 */
class DetectionStageTest {
    private static final TenantId A = new TenantId(new UUID(1, 1));
    private static final TenantId B = new TenantId(new UUID(2, 2));

    @Test
    void aBatchAtOrBeforeTheCommittedPositionIsSkippedWithoutAnyDetectorSeeingIt() {
        MemorySink sink = new MemorySink();
        Threshold fails = new Threshold("fails", 3);
        DetectionStage stage = new DetectionStage(List.of(fails), List.of(), sink);
        assertThat(stage.start()).isEqualTo(Stored.NO_POSITION);

        List<SecurityEvent> batch = List.of(event(A, 1), event(A, 2));
        assertThat(stage.handle(batch, 10)).isTrue();
        assertThat(stage.handle(batch, 10)).as("the same batch again").isFalse();
        assertThat(stage.handle(List.of(event(A, 3)), 7)).as("an older batch").isFalse();

        assertThat(fails.seen).as("replays never reached the detector").isEqualTo(2);
        assertThat(sink.commits).isEqualTo(1);
        assertThat(stage.handle(List.of(event(A, 3)), 11)).isTrue();
        assertThat(sink.detections).as("the third within the window").hasSize(1);
    }

    @Test
    void aFailedCommitPutsTheDetectorsBackSoTheRetriedBatchCountsOnce() {
        MemorySink sink = new MemorySink();
        Threshold fails = new Threshold("fails", 3);
        DetectionStage stage = new DetectionStage(List.of(fails), List.of(), sink);
        stage.start();
        assertThat(stage.handle(List.of(event(A, 1)), 1)).isTrue();

        sink.failNext = true;
        List<SecurityEvent> two = List.of(event(A, 2), event(A, 3));
        assertThatThrownBy(() -> stage.handle(two, 2)).hasMessageContaining("database down");
        assertThat(sink.detections).isEmpty();
        assertThat(fails.count(A)).as("back at the committed count").isEqualTo(1);

        assertThat(stage.handle(two, 2)).as("the retry").isTrue();
        assertThat(sink.detections).as("fires once, on the third event, not on a double count").singleElement()
                .satisfies(d -> assertThat(d.timestampMillis()).isEqualTo(3));
        assertThat(stage.handle(List.of(event(A, 4)), 3)).isTrue();
        assertThat(sink.detections).as("the fourth is not a third").hasSize(1);
    }

    @Test
    void aDetectorThatThrowsFailsTheBatchAndLeavesEveryDetectorAtTheCommittedState() {
        MemorySink sink = new MemorySink();
        Threshold fails = new Threshold("fails", 3);
        Threshold broken = new Threshold("broken", 100);
        DetectionStage stage = new DetectionStage(List.of(fails, broken), List.of(), sink);
        stage.start();
        broken.throwOn = 2;
        assertThatThrownBy(() -> stage.handle(List.of(event(A, 1), event(A, 2)), 1)).isInstanceOf(IllegalStateException.class);
        assertThat(fails.count(A)).isZero();
        assertThat(sink.commits).isZero();

        broken.throwOn = -1;
        assertThat(stage.handle(List.of(event(A, 1), event(A, 2)), 1)).isTrue();
        assertThat(fails.count(A)).isEqualTo(2);
        assertThat(broken.count(A)).isEqualTo(2);
    }

    @Test
    void aRestartedStageContinuesTheWindowsWhereTheLastCommitLeftThem() {
        MemorySink sink = new MemorySink();
        DetectionStage first = new DetectionStage(List.of(new Threshold("fails", 5)), List.of(), sink);
        first.start();
        first.handle(List.of(event(A, 1), event(A, 2), event(B, 2)), 1);
        first.handle(List.of(event(A, 3)), 2);

        Threshold fresh = new Threshold("fails", 5);
        DetectionStage second = new DetectionStage(List.of(fresh), List.of(), sink);
        assertThat(second.start()).as("resumes after the stored position").isEqualTo(2);
        assertThat(fresh.count(A)).isEqualTo(3);
        assertThat(fresh.count(B)).as("per company").isEqualTo(1);
        second.handle(List.of(event(A, 4), event(A, 5)), 3);
        assertThat(sink.detections).singleElement().satisfies(d -> assertThat(d.tenant()).isEqualTo(A));
    }

    @Test
    void aStateThatCannotBeRestoredCostsOnlyThatDetectorsState() {
        MemorySink sink = new MemorySink();
        DetectionStage first = new DetectionStage(List.of(new Threshold("one", 3), new Threshold("two", 3)), List.of(),
                sink);
        first.start();
        first.handle(List.of(event(A, 1), event(A, 2)), 1);
        sink.states.put("one", "written by a newer version".getBytes(StandardCharsets.UTF_8));

        Threshold one = new Threshold("one", 3);
        Threshold two = new Threshold("two", 3);
        DetectionStage second = new DetectionStage(List.of(one, two), List.of(), sink);
        assertThat(second.start()).as("the position is kept").isEqualTo(1);
        assertThat(one.count(A)).as("starts empty").isZero();
        assertThat(two.count(A)).as("the other keeps its windows").isEqualTo(2);

        second.handle(List.of(event(A, 3)), 2);
        assertThat(sink.detections).as("only the restored one reached three").extracting(Detection::detector)
                .containsExactly("two");
        assertThat(Threshold.read(sink.states.get("one"))).as("its next state replaces the unreadable one")
                .containsEntry(A.value().toString(), 1);
    }

    @Test
    void onlyStatesThatChangedAreHandedToTheSink() {
        MemorySink sink = new MemorySink();
        DetectionStage stage = new DetectionStage(List.of(new Threshold("fails", 3), new Stateless()), List.of(), sink);
        stage.start();
        stage.handle(List.of(event(A, 1)), 1);
        assertThat(sink.lastBatch.changedStates()).containsOnlyKeys("fails");
        stage.handle(List.of(event(null, 2)), 2);
        assertThat(sink.lastBatch.changedStates()).as("nothing counted").isEmpty();
        stage.handle(List.of(event(A, 3)), 3);
        assertThat(sink.lastBatch.changedStates()).containsOnlyKeys("fails");
    }

    @Test
    void eventsWithoutACompanyAreNotDetectedOnButTheTapsSeeEveryCommittedEvent() {
        MemorySink sink = new MemorySink();
        Threshold fails = new Threshold("fails", 2);
        List<SecurityEvent> tapped = new ArrayList<>();
        DetectionStage stage = new DetectionStage(List.of(fails), List.of(tapped::addAll), sink);
        stage.start();
        List<SecurityEvent> batch = List.of(event(A, 50), event(null, 99), event(A, 70));
        sink.failNext = true;
        assertThatThrownBy(() -> stage.handle(batch, 1));
        assertThat(tapped).as("not committed, not shown").isEmpty();

        assertThat(stage.handle(batch, 1)).isTrue();
        assertThat(fails.seen).as("two of the first try (rolled back), two of the retry").isEqualTo(4);
        assertThat(fails.advancedTo).as("the newest time of a company's event").isEqualTo(70);
        assertThat(tapped).containsExactlyElementsOf(batch);
        assertThat(sink.lastBatch.events()).containsExactlyElementsOf(batch);
    }

    @Test
    void aRefusedCommitTakesBackWhatTheSinkHolds() {
        MemorySink sink = new MemorySink();
        Threshold fails = new Threshold("fails", 3);
        DetectionStage stage = new DetectionStage(List.of(fails), List.of(), sink);
        stage.start();
        stage.handle(List.of(event(A, 1)), 1);
        // Another writer got further on the same stream (the sink is the judge, not this stage's memory).
        sink.position = 5;
        assertThat(stage.handle(List.of(event(A, 2)), 3)).isFalse();
        assertThat(fails.count(A)).isEqualTo(1);
        assertThat(stage.position()).isEqualTo(5);
    }

    @Test
    void aBatchThatEndsAfterAnotherWritersCommitIsStillRefusedSoNoEventIsCountedTwice() {
        MemorySink sink = new MemorySink();
        Threshold fails = new Threshold("fails", 3);
        DetectionStage stage = new DetectionStage(List.of(fails), List.of(), sink);
        stage.start();
        stage.handle(List.of(event(A, 1)), 1);
        // A new owner of the stream committed 2..4 (its batches are cut elsewhere); this stage's 2..6 overlaps them.
        sink.position = 4;
        sink.states.put("fails", fails.snapshot());
        assertThat(stage.handle(List.of(event(A, 2), event(A, 3), event(A, 4), event(A, 5), event(A, 6)), 6))
                .as("refused: the stored position is not the one this stage built on").isFalse();
        assertThat(sink.commits).isEqualTo(1);
        assertThat(stage.position()).as("the runtime goes on after the stored position").isEqualTo(4);
    }

    @Test
    void twoDetectorsWithOneIdAreRefused() {
        assertThatThrownBy(() -> new DetectionStage(List.of(new Threshold("x", 1), new Threshold("x", 2)), List.of(),
                new MemorySink())).hasMessageContaining("x");
    }

    private static SecurityEvent event(TenantId tenant, long time) {
        return SecurityEvent.builder("test").tenant(tenant).device(new DeviceId(new UUID(9, 9))).timestamp(time)
                .received(0).raw("failed logon " + time).build();
    }

    /** The sink a database would be: one commit applies all of a batch or nothing. */
    static final class MemorySink implements StageSink {
        long position = Stored.NO_POSITION;
        final Map<String, byte[]> states = new HashMap<>();
        final List<Detection> detections = new ArrayList<>();
        int commits;
        boolean failNext;
        Batch lastBatch;

        @Override
        public Stored load() {
            return new Stored(position, states);
        }

        @Override
        public boolean commit(Batch batch) {
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("database down");
            }
            if (position != batch.previousPosition()) {
                return false;
            }
            detections.addAll(batch.detections());
            states.putAll(batch.changedStates());
            position = batch.lastPosition();
            commits++;
            lastBatch = batch;
            return true;
        }
    }

    /** Fires when a company's events reach {@code limit} (once); its counts are its state, as text. */
    static final class Threshold implements Detector {
        private final String id;
        private final int limit;
        private final TreeMap<String, Integer> counts = new TreeMap<>();
        private byte[] last;
        int seen;
        long advancedTo = Long.MIN_VALUE;
        int throwOn = -1;

        Threshold(String id, int limit) {
            this.id = id;
            this.limit = limit;
        }

        int count(TenantId tenant) {
            return counts.getOrDefault(tenant.value().toString(), 0);
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void detect(SecurityEvent event, DetectionSink sink) {
            seen++;
            if (seen == throwOn) {
                throw new IllegalStateException("detector bug");
            }
            int n = counts.merge(event.tenant().value().toString(), 1, Integer::sum);
            last = null;
            if (n == limit) {
                sink.accept(new Detection(event.tenant(), event.device(), event.timestampMillis(), id, "limit",
                        limit + " events", Detection.Severity.HIGH, Category.PASSWORD_GUESSING, event, Map.of()));
            }
        }

        @Override
        public void advance(long eventTimeMillis, DetectionSink sink) {
            advancedTo = eventTimeMillis;
        }

        @Override
        public byte[] snapshot() {
            if (last == null) {
                StringBuilder text = new StringBuilder("v1");
                counts.forEach((k, v) -> text.append('\n').append(k).append('=').append(v));
                last = text.toString().getBytes(StandardCharsets.UTF_8);
            }
            return last;
        }

        @Override
        public void restore(byte[] state) {
            Map<String, Integer> read = read(state);
            counts.clear();
            counts.putAll(read);
            last = null;
        }

        static Map<String, Integer> read(byte[] state) {
            String[] lines = new String(state, StandardCharsets.UTF_8).split("\n");
            if (!lines[0].equals("v1")) {
                throw new IllegalArgumentException("not a state of this version");
            }
            Map<String, Integer> read = new HashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] kv = lines[i].split("=");
                read.put(kv[0], Integer.parseInt(kv[1]));
            }
            return read;
        }
    }

    /** Sees events, keeps nothing. */
    static final class Stateless implements Detector {
        @Override
        public String id() {
            return "stateless";
        }

        @Override
        public void detect(SecurityEvent event, DetectionSink sink) {
        }
    }
}
