package jp.sukedachi.detect.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The maintained list of update and time services: readable, every entry explained, matching as documented. */
class AllowlistTest {
    @Test
    void everyEntryOfTheShippedListSaysWhatItIs() throws IOException {
        List<String> lines;
        try (InputStream in = Allowlist.class.getResourceAsStream(Allowlist.RESOURCE)) {
            assertThat(in).isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> entries = lines.stream().filter(l -> !l.isBlank() && !l.stripLeading().startsWith("#")).toList();
        assertThat(entries).hasSizeGreaterThan(20).allSatisfy(l -> {
            int hash = l.indexOf('#');
            assertThat(hash).as("a comment on: %s", l).isPositive();
            assertThat(l.substring(hash + 1).strip()).as("what %s is", l).hasSizeGreaterThan(5);
        });
        assertThat(Allowlist.standard().size()).isEqualTo(entries.size());
    }

    @Test
    void aSuffixCoversTheNameAndItsSubdomainsButNotLookAlikes() {
        Allowlist list = Allowlist.parse(List.of("windowsupdate.com   # Windows Update", "17.0.0.0/8 # Apple",
                "2001:db8:1::/48 # an IPv6 network"));
        assertThat(list.allows(null, "windowsupdate.com")).isTrue();
        assertThat(list.allows(null, "Download.WindowsUpdate.com.")).isTrue();
        assertThat(list.allows(null, "windowsupdate.com.evil.example")).isFalse();
        assertThat(list.allows(null, "notwindowsupdate.com")).isFalse();
        assertThat(list.allows("17.253.144.10", null)).isTrue();
        assertThat(list.allows("18.0.0.1", null)).isFalse();
        assertThat(list.allows("2001:db8:1:2::5", null)).isTrue();
        assertThat(list.allows("2001:db8:2::5", null)).isFalse();
    }

    @Test
    void anEntryThatIsNeitherADomainNorANetworkIsRefusedWithItsLine() {
        assertThatThrownBy(() -> Allowlist.parse(List.of("# header", "ok.example # fine", "not a domain # oops")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> Allowlist.parse(List.of("10.0.0.0/33 # too long a prefix")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
    }
}
