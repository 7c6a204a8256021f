package jp.sukedachi.ingest.parse.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.ingest.parse.LogFormat;
import jp.sukedachi.ingest.parse.MalformedRecordException;
import jp.sukedachi.ingest.parse.RecordParser;

/**
 * {@code RecordParser.parse} on arbitrary text may only return (an event or null) or throw
 * {@link MalformedRecordException}. The input is split into lines fed to one parser, so header state
 * (Zeek's {@code #fields}) is exercised too. Without {@code JAZZER_FUZZ=1} these run once per seed in
 * {@code src/test/resources/jp/sukedachi/ingest/parse/net/NetParsersFuzzTestInputs/<method>/}.
 *
 * <p>Seed sources (kept out of the inputs folder, where Jazzer would read a note as one more input):
 * {@code suricataEve/*} except {@code *-synthetic*} are single lines of OISF/suricata-verify expected
 * {@code eve.json} (MIT, Copyright (C) 2017-2021 Open Information Security Foundation);
 * {@code zeek/apt29-*} are single lines of the OTRF Security-Datasets APT29 day 1 Zeek logs (MIT, Open
 * Threat Research Forge); {@code *-synthetic*} were written for this project. No GPL-2.0 (Stratosphere)
 * or CC BY-SA (WRCCDC) lines are copied.
 */
class NetParsersFuzzTest {
    private static final LogFormat EVE = new SuricataEveFormat();
    private static final LogFormat ZEEK = new ZeekFormat();

    @FuzzTest(maxDuration = "60s")
    void suricataEve(byte[] data) {
        feed(EVE, data);
    }

    @FuzzTest(maxDuration = "60s")
    void zeek(byte[] data) {
        feed(ZEEK, data);
    }

    private static void feed(LogFormat format, byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        RecordParser parser = format.newParser();
        for (String line : text.split("\n", -1)) {
            int score = format.sniff(line);
            assertThat(score).isBetween(0, 100);
            try {
                SecurityEvent e = parser.parse(line, 0L);
                if (e != null) {
                    assertThat(e.format()).isEqualTo(format.id());
                    assertThat(e.raw()).isEqualTo(line);
                }
            } catch (MalformedRecordException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
