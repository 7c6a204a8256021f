package jp.sukedachi.ingest.parse.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jp.sukedachi.ingest.parse.MalformedRecordException;

/**
 * Any string given to any text format either parses or is a MalformedRecordException; anything else
 * (an index out of bounds, a number format error) fails. Regression mode replays the seed corpus in
 * src/test/resources/.../TextFormatsFuzzTestInputs/<method>/.
 */
class TextFormatsFuzzTest {
    private static void run(Vendor vendor, byte[] data) {
        String line = new String(data, java.nio.charset.StandardCharsets.UTF_8);
        try {
            vendor.newParser().parse(line, 1_716_000_000_000L);
        } catch (MalformedRecordException expected) {
            // fine: the reason goes to quarantine
        }
        vendor.sniff(line);
    }

    @FuzzTest
    void syslog(byte[] data) {
        run(Vendor.SYSLOG, data);
    }

    @FuzzTest
    void cef(byte[] data) {
        run(Vendor.CEF, data);
    }

    @FuzzTest
    void fortigate(byte[] data) {
        run(Vendor.FORTIGATE, data);
    }

    @FuzzTest
    void paloalto(byte[] data) {
        run(Vendor.PALOALTO, data);
    }

    @FuzzTest
    void sophos(byte[] data) {
        run(Vendor.SOPHOS, data);
    }

    @FuzzTest
    void sonicwall(byte[] data) {
        run(Vendor.SONICWALL, data);
    }

    @FuzzTest
    void pfsense(byte[] data) {
        run(Vendor.PFSENSE, data);
    }

    @FuzzTest
    void ciscoAsa(byte[] data) {
        run(Vendor.CISCO_ASA, data);
    }

    @FuzzTest
    void checkpoint(byte[] data) {
        run(Vendor.CHECKPOINT, data);
    }

    @FuzzTest
    void f5(byte[] data) {
        run(Vendor.F5, data);
    }

    @FuzzTest
    void iptables(byte[] data) {
        run(Vendor.IPTABLES, data);
    }

    @FuzzTest
    void sshd(byte[] data) {
        run(Vendor.SSHD, data);
    }
}
