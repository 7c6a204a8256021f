package jp.sukedachi.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFramesTest {
    private static List<String> frames(String stream) throws IOException {
        var in = new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8));
        List<String> out = new ArrayList<>();
        SyslogFrames.Frame f;
        while ((f = SyslogFrames.read(in)) != null) {
            out.add(new String(f.bytes(), StandardCharsets.UTF_8) + (f.cut() ? "[cut]" : ""));
        }
        return out;
    }

    private static String datagram(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new String(SyslogFrames.datagram(b, b.length), StandardCharsets.UTF_8);
    }

    @Test
    void anOctetCountedFrameWithALineBreakInsideIsOneRecord() throws IOException {
        String msg = "<13>1 - host app - - - line one\nline two";
        int len = msg.getBytes(StandardCharsets.UTF_8).length;
        assertThat(frames(len + " " + msg + len + " " + msg)).containsExactly(msg, msg);
    }

    @Test
    void newlineAndNulTerminatedFramesAreSplitAndTrailersDropped() throws IOException {
        assertThat(frames("{\"a\":1}\0{\"b\":2}\0\r\n<13>plain\r\n\n")).containsExactly("{\"a\":1}", "{\"b\":2}", "<13>plain");
    }

    @Test
    void aDatagramStartingWithANumberIsNotMistakenForAnOctetCount() {
        // Over UDP the count must match the rest of the datagram (over TCP "digits SP" is octet-counting, RFC 6587).
        assertThat(datagram("42 is the answer")).isEqualTo("42 is the answer");
    }

    @Test
    void anOctetCountPrefixOnAUdpDatagramIsRemoved() {
        String msg = "<13>1 2026-12-06T05:09:23Z vm app - - - {\"a\":1}";
        assertThat(datagram(msg.length() + " " + msg)).isEqualTo(msg);
        assertThat(datagram(msg.length() + " " + msg + "\n")).isEqualTo(msg);
        assertThat(datagram("{\"a\":1}\0")).isEqualTo("{\"a\":1}");
    }

    @Test
    void anOverlongFrameIsMarkedCutNotSilentlyShortened() throws IOException {
        String big = "x".repeat(SyslogFrames.MAX_FRAME + 10);
        List<String> got = frames(big.length() + " " + big + "5 after");
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).endsWith("[cut]").hasSize(SyslogFrames.MAX_FRAME + 5);
        assertThat(got.get(1)).isEqualTo("after");
        assertThat(frames(big + "\nnext\n").get(0)).endsWith("[cut]");
    }
}
