package jp.sukedachi.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    private static final TenantId TENANT = TenantId.random();
    private static final DeviceId DEVICE = DeviceId.random();

    /** Strings around the short/long boundary (31..33 chars) and the one-byte length limit (127), non-ASCII ones at every length, and empty raw. */
    private static List<SecurityEvent> awkwardEvents() {
        List<SecurityEvent> events = new ArrayList<>();
        Random random = new Random(7);
        String[] alphabets = {"abcXYZ019 =\"\\", "あいう漢字ｶﾅ", "é€😀", "\u0000\u007f\u0080"};
        for (int length : new int[] {0, 1, 31, 32, 33, 62, 63, 64, 65, 126, 127, 128, 500, 70_000}) {
            for (String alphabet : alphabets) {
                StringBuilder text = new StringBuilder();
                while (text.length() < length) {
                    text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                String value = text.toString();
                events.add(SecurityEvent.builder("test").timestamp(1_700_000_000_000L + length).received(42L)
                        .raw(length == 0 ? null : value).set(Ecs.SOURCE_IP, "192.0.2." + (length % 250))
                        .set("x.value", value).original("Image", value).original(value.isEmpty() ? "n" : value, "v")
                        .build().withOwner(TENANT, DEVICE, 1_800_000_000_000L));
            }
        }
        return events;
    }

    /** Bytes as chars one to one, so String.indexOf finds a byte sequence. */
    private static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyEventSurvivesTheRoundTripWhateverItsCharactersAndLengths() {
        for (SecurityEvent e : awkwardEvents()) {
            assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
        }
    }

    /**
     * A long string is encoded straight into the buffer: its bytes must be those of {@code getBytes(UTF_8)} (an unpaired
     * surrogate as '?'), behind the shortest length varint, also where non-ASCII bytes push the length past a varint
     * boundary that the character count is below (126 chars, 129 bytes).
     */
    @Test
    void aLongStringIsWrittenAsItsUtf8BytesBehindTheShortestLength() {
        String[] texts = {
            "a".repeat(126), "a".repeat(125) + "é", "a".repeat(123) + "漢字", "漢".repeat(43), "a".repeat(16_381) + "é",
            "x".repeat(40) + "\uD83D", "\uDE00" + "y".repeat(40), "z".repeat(20) + "😀" + "z".repeat(20), "é".repeat(64)};
        for (String text : texts) {
            SecurityEvent e = SecurityEvent.builder("test").timestamp(1L).received(1L).raw(text).build();
            byte[] encoded = EventCodec.encode(e);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            int v = utf8.length + 1;
            while ((v & ~0x7F) != 0) {
                expected.write((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            expected.write(v);
            expected.writeBytes(utf8);
            assertThat(latin1(encoded).indexOf(latin1(expected.toByteArray())))
                    .as("%d chars, %d bytes", text.length(), utf8.length)
                    .isNotNegative();
            assertThat(EventCodec.decode(encoded).raw()).isEqualTo(new String(utf8, StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPackedBatchHoldsExactlyTheBytesOfEachEventEncodedAloneAcrossChunks() {
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            events.addAll(awkwardEvents()); // > 1 MB: several chunks, one event (70,000 chars) bigger than most
        }
        EventCodec.Packed packed = new EventCodec.Packed(3, 16); // a tiny first chunk: the next ones must follow
        events.forEach(packed::add);
        assertThat(packed.count()).isEqualTo(events.size());
        assertThat(packed.chunkData().length).isGreaterThan(3);
        assertThat(unpacked(packed)).isEqualTo(events.stream().map(e -> boxed(EventCodec.encode(e))).toList());
        assertThat(packed.bytes()).isEqualTo(events.stream().mapToLong(e -> EventCodec.encode(e).length).sum());

        EventCodec.Packed sized = EventCodec.Packed.of(events); // sized up front: one chunk, the same events
        assertThat(sized.chunkData().length).isEqualTo(1);
        assertThat(unpacked(sized)).isEqualTo(unpacked(packed));
    }

    @Test
    void aRecycledBatchsChunksAreFilledAgainByTheNextBatchWithNoTraceOfTheOldBytes() {
        List<SecurityEvent> events = plainEvents(1_500, 'a', 600); // about 1 MB: several full-size chunks
        EventCodec.Packed first = new EventCodec.Packed();
        events.forEach(first::add);
        Set<byte[]> firstChunks = Collections.newSetFromMap(new IdentityHashMap<>());
        firstChunks.addAll(Arrays.asList(first.chunkData()));
        first.recycle();
        assertThatThrownBy(first::chunkData).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> first.add(events.getFirst())).isInstanceOf(IllegalStateException.class);

        // Shorter events with other bytes: a reused chunk still holds the old ones past the new events' ends.
        List<SecurityEvent> others = plainEvents(1_000, 'b', 200);
        EventCodec.Packed second = new EventCodec.Packed();
        others.forEach(second::add);
        assertThat(Arrays.stream(second.chunkData()).filter(firstChunks::contains)).as("reused chunks").isNotEmpty();
        assertThat(unpacked(second)).isEqualTo(others.stream().map(e -> boxed(EventCodec.encode(e))).toList());
        second.recycle();
    }

    private static List<SecurityEvent> plainEvents(int n, char fill, int length) {
        List<SecurityEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(SecurityEvent.builder("test").received(i).set(Ecs.SOURCE_IP, "198.51.100." + (i % 250))
                    .original("n", String.valueOf(fill).repeat(length + i % 100)).build().withOwner(TENANT, DEVICE, i));
        }
        return events;
    }

    /** Each event's bytes, chunk by chunk (comparing by content: a list of arrays). */
    private static List<List<Byte>> unpacked(EventCodec.Packed packed) {
        List<List<Byte>> out = new ArrayList<>();
        for (int c = 0; c < packed.chunkData().length; c++) {
            int start = 0;
            for (int i = 0; i < packed.chunkCounts()[c]; i++) {
                int end = packed.chunkEnds()[c][i];
                byte[] one = Arrays.copyOfRange(packed.chunkData()[c], start, end);
                assertThat(EventCodec.decode(one)).isNotNull();
                out.add(boxed(one));
                start = end;
            }
        }
        return out;
    }

    private static List<Byte> boxed(byte[] bytes) {
        List<Byte> list = new ArrayList<>(bytes.length);
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    @Test
    void decodedNamesAreTheCanonicalObjectsSoLookUpsByConstantHitOnIdentity() {
        SecurityEvent e = SecurityEvent.builder(new String("zeek".toCharArray())).set(Ecs.SOURCE_IP, "192.0.2.1")
                .original(new String("CommandLine".toCharArray()), "cmd.exe /c whoami").build();
        SecurityEvent first = EventCodec.decode(EventCodec.encode(e));
        SecurityEvent second = EventCodec.decode(EventCodec.encode(e));
        assertThat(first.ecsFields().keySet().iterator().next()).isSameAs(Ecs.SOURCE_IP);
        assertThat(first.originalFields().keySet().iterator().next()).isSameAs("CommandLine");
        assertThat(first.format()).isSameAs("zeek").isSameAs(second.format());
        assertThat(first.original("CommandLine")).isEqualTo("cmd.exe /c whoami");
    }

    @Test
    void aDecodedEventEncodesToTheBytesItCameFromButAStampedCopyIsEncodedAfresh() {
        SecurityEvent e = awkwardEvents().get(9);
        byte[] bytes = EventCodec.encode(e);
        SecurityEvent decoded = EventCodec.decode(bytes);
        assertThat(EventCodec.encode(decoded)).isSameAs(bytes);
        SecurityEvent restamped = decoded.withOwner(TenantId.random(), DEVICE, 5L);
        assertThat(EventCodec.decode(EventCodec.encode(restamped))).isEqualTo(restamped).isNotEqualTo(decoded);
    }

    @Test
    void aCutOrDamagedRecordIsRefusedWithAnIllegalArgumentNeverMisread() {
        byte[] whole = EventCodec.encode(awkwardEvents().get(20));
        for (int cut = 0; cut < whole.length; cut += Math.max(1, whole.length / 300)) {
            byte[] shorter = Arrays.copyOf(whole, cut);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> EventCodec.decode(shorter))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stampingTheOwnerKeepsTheFieldsAndAnOwnTimestampButMovesAFallbackOne() {
        SecurityEvent parsed = SecurityEvent.builder("test").received(1_000).timestamp(500).raw("r")
                .set(Ecs.SOURCE_IP, "192.0.2.1").original("Image", "a.exe").build();
        SecurityEvent owned = parsed.withOwner(TENANT, DEVICE, 2_000);
        assertThat(owned.tenant()).isEqualTo(TENANT);
        assertThat(owned.device()).isEqualTo(DEVICE);
        assertThat(owned.timestampMillis()).isEqualTo(500);
        assertThat(owned.receivedMillis()).isEqualTo(2_000);
        assertThat(owned.ecsFields()).isEqualTo(parsed.ecsFields());
        assertThat(owned.originalFields()).isEqualTo(parsed.originalFields());
        assertThat(owned.raw()).isEqualTo("r");
        assertThat(parsed.tenant()).isNull(); // the parsed event itself is unchanged

        SecurityEvent undated = SecurityEvent.builder("test").received(1_000).build(); // no timestamp of its own
        assertThat(undated.withOwner(TENANT, DEVICE, 3_000).timestampMillis()).isEqualTo(3_000);
    }

    @Test
    void aListedNameIsWrittenAsItsNumberAndAnUnlistedOneInFull() {
        SecurityEvent e = SecurityEvent.builder("zeek").timestamp(1L).received(2L).set(Ecs.SOURCE_IP, "192.0.2.1")
                .original("id.orig_h", "192.0.2.1").original("a.name.no.parser.gives", "x").build();
        byte[] bytes = EventCodec.encode(e);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(Ecs.SOURCE_IP).doesNotContain("id.orig_h").contains("a.name.no.parser.gives");
        SecurityEvent back = EventCodec.decode(bytes);
        assertThat(back).isEqualTo(e);
        assertThat(back.originalFields().keySet()).contains("a.name.no.parser.gives");
        // version 1 wrote this event in 92 bytes, the two listed names as 10 bytes each; now 1-2 bytes each
        assertThat(bytes.length).isBetween(92 - 2 * 9, 92 - 2 * 8);
    }

    @Test
    void recordsWrittenBeforeNamesWereNumberedAreStillRead() {
        java.io.ByteArrayOutputStream v1 = new java.io.ByteArrayOutputStream();
        v1.write(1); // version 1
        v1.write(1); // tenant present
        v1.writeBytes(java.nio.ByteBuffer.allocate(16).putLong(TENANT.value().getMostSignificantBits())
                .putLong(TENANT.value().getLeastSignificantBits()).array());
        v1.write(0); // no device
        v1.writeBytes(java.nio.ByteBuffer.allocate(16).putLong(500L).putLong(2_000L).array());
        writeV1String(v1, "windows");
        writeV1String(v1, "raw line");
        v1.write(1);
        writeV1String(v1, Ecs.SOURCE_IP);
        writeV1String(v1, "192.0.2.1");
        v1.write(1);
        writeV1String(v1, "Image");
        writeV1String(v1, "a.exe");
        byte[] bytes = v1.toByteArray();

        SecurityEvent expected = SecurityEvent.builder("windows").timestamp(500L).raw("raw line")
                .set(Ecs.SOURCE_IP, "192.0.2.1").original("Image", "a.exe").build().withOwner(TENANT, null, 2_000L);
        SecurityEvent read = EventCodec.decode(bytes);
        assertThat(read).isEqualTo(expected);
        assertThat(read.ecsFields().keySet().iterator().next()).isSameAs(Ecs.SOURCE_IP);
        assertThat(EventCodec.belongsTo(java.nio.ByteBuffer.wrap(bytes), TENANT.value())).isTrue();
        assertThat(EventCodec.belongsTo(java.nio.ByteBuffer.wrap(EventCodec.encode(
                expected.withOwner(TENANT, DEVICE, 3L))), TENANT.value())).isTrue();
    }

    private static void writeV1String(java.io.ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(b.length + 1); // the strings here are short: a one-byte varint
        out.writeBytes(b);
    }

    @Test
    void aNameNumberThisVersionDoesNotKnowIsRefusedNotMisread() {
        byte[] bytes = EventCodec.encode(SecurityEvent.builder("zeek").timestamp(1L).received(2L)
                .set(Ecs.SOURCE_IP, "192.0.2.1").build());
        // the ECS pair's name is the byte after the pair count: make it a two-byte number past the list's end
        int at = indexOfPairCount(bytes);
        byte[] damaged = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, damaged, 0, at + 1);
        int unknown = FieldNames.count() + 5;
        int v = unknown << 1 | 1;
        damaged[at + 1] = (byte) ((v & 0x7F) | 0x80);
        damaged[at + 2] = (byte) (v >>> 7);
        System.arraycopy(bytes, at + 2, damaged, at + 3, bytes.length - at - 2);
        assertThatThrownBy(() -> EventCodec.decode(damaged)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field name number " + unknown);
    }

    /** Version, two absent owners, two longs, the format "zeek" and a null raw: then the ECS pair count. */
    private static int indexOfPairCount(byte[] bytes) {
        return 1 + 1 + 1 + 16 + 1 + 4 + 1;
    }

    @Test
    void theNumberedNamesOnlyEverGrowAtTheEnd() throws Exception {
        // The first 909 numbers are in journals and Kafka topics already: this digest changes if one is edited,
        // removed or moved. Adding names at the end keeps it.
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < 909; i++) {
            first.append(i == 0 ? "" : "\n").append(FieldNames.name(i));
        }
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(first.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(java.util.HexFormat.of().formatHex(digest))
                .isEqualTo("77f63f2854b6368fa5165872a214e45faf6838c4fc1cc0d8c4fdd055549a38b4");
        for (java.lang.reflect.Field f : Ecs.class.getFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String name = (String) f.get(null);
                assertThat(FieldNames.id(name)).as("Ecs constant %s is numbered", name).isNotNegative();
                assertThat(FieldNames.name(FieldNames.id(name))).isSameAs(name);
            }
        }
    }
}
