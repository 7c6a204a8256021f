package jp.sukedachi.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Syslog addresses name devices, so no two simulated devices may share one (issue 12: the demo once did). */
class SimWorldAddressTest {
    @Test
    void eachSimulatedDeviceSendsSyslogFromItsOwnAddressOrNone() {
        // 1,117 companies: the FY2020 program's size.
        List<String> addresses = SimWorld.of(1117, 7).companies().stream().flatMap(c -> c.devices().stream())
                .map(SimWorld.Device::sourceIp).filter(Objects::nonNull).toList();
        assertThat(addresses).hasSizeGreaterThanOrEqualTo(1117).doesNotHaveDuplicates()
                .allSatisfy(a -> assertThat(a).startsWith("127.").isNotEqualTo("127.0.0.1"));
    }
}
