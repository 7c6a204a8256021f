package jp.sukedachi.detect.asset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What each kind of log tells about the LAN's devices, read from real log lines through the real parsers. */
class HostObservationsTest {

    private static List<HostObservation> of(String format, String... lines) {
        return HostObservations.from(Lines.one(format, lines));
    }

    @Test
    void aZeekDhcpLeaseInTsvNamesTheMacTheAddressAndTheHostName() {
        List<HostObservation> o = of("zeek",
                "#separator \\x09",
                "#set_separator\t,",
                "#empty_field\t(empty)",
                "#unset_field\t-",
                "#path\tdhcp",
                "#fields\tts\tuids\tclient_addr\tserver_addr\tmac\thost_name\tclient_fqdn\tdomain\trequested_addr\tassigned_addr\tlease_time\tmsg_types",
                "1763600000.123456\tCmA1b2\t-\t192.168.5.1\t00:0C:29:4A:58:50\tKOJO-XP01\tKOJO-XP01\t-\t-\t192.168.5.99\t86400.000000\tDISCOVER,OFFER,REQUEST,ACK");
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.mac()).isEqualTo("00:0c:29:4a:58:50");
            assertThat(h.ip()).isEqualTo("192.168.5.99");
            assertThat(h.hostname()).isEqualTo("KOJO-XP01");
            assertThat(h.source()).isEqualTo("zeek dhcp");
            assertThat(h.timeMillis()).isEqualTo(1_763_600_000_123L);
            assertThat(h.tenant()).isEqualTo(Lines.COMPANY);
        });
    }

    @Test
    void aZeekSoftwareBrowserWithAnIe6UserAgentIsWindowsXpWithTheAgentAsEvidence() {
        List<HostObservation> o = of("zeek", "{\"_path\":\"software\",\"ts\":1763600030.0,\"host\":\"192.168.5.99\","
                + "\"software_type\":\"HTTP::BROWSER\",\"name\":\"MSIE\",\"version.major\":6,"
                + "\"unparsed_version\":\"Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)\"}");
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.ip()).isEqualTo("192.168.5.99");
            assertThat(h.osGuess()).isEqualTo("Windows XP");
            assertThat(h.osEvidence()).contains("MSIE 6.0; Windows NT 5.1");
            assertThat(h.endOfLife()).isTrue();
        });
    }

    @Test
    void zeekKnownHostsNamesALanAddressButNeverAPublicOne() {
        assertThat(of("zeek", "{\"_path\":\"known_hosts\",\"ts\":1763600000.0,\"host\":\"10.1.2.3\"}"))
                .singleElement().extracting(HostObservation::ip).isEqualTo("10.1.2.3");
        assertThat(of("zeek", "{\"_path\":\"known_hosts\",\"ts\":1763600000.0,\"host\":\"203.0.113.7\"}")).isEmpty();
    }

    @Test
    void zeekNtlmNamesTheClientsWorkstation() {
        List<HostObservation> o = of("zeek", "{\"_path\":\"ntlm\",\"ts\":1763600000.0,\"uid\":\"CxT1\","
                + "\"id.orig_h\":\"192.168.1.21\",\"id.orig_p\":50123,\"id.resp_h\":\"192.168.1.10\",\"id.resp_p\":445,"
                + "\"username\":\"takahashi\",\"hostname\":\"TAKAHASHI-PC07\",\"domainname\":\"SEISAKU\","
                + "\"server_nb_computer_name\":\"NAS01\",\"success\":true}");
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.ip()).isEqualTo("192.168.1.21");
            assertThat(h.hostname()).isEqualTo("TAKAHASHI-PC07");
            assertThat(h.osGuess()).isNull();
        });
    }

    @Test
    void anSmbv1DialectMarksBothEndsAsSmbv1AndANewerDialectSaysNothing() {
        List<HostObservation> v1 = of("zeek", "{\"_path\":\"smb_mapping\",\"ts\":1763600000.0,"
                + "\"id.orig_h\":\"192.168.1.21\",\"id.orig_p\":50123,\"id.resp_h\":\"192.168.1.10\",\"id.resp_p\":445,"
                + "\"path\":\"\\\\\\\\NAS01\\\\share\",\"share_type\":\"DISK\",\"dialect\":\"NT LM 0.12\"}");
        assertThat(v1).extracting(HostObservation::ip).containsExactly("192.168.1.21", "192.168.1.10");
        assertThat(v1).allSatisfy(h -> {
            assertThat(h.osGuess()).isEqualTo("SMBv1");
            assertThat(h.endOfLife()).isTrue();
        });
        assertThat(of("zeek", "{\"_path\":\"smb_mapping\",\"ts\":1763600000.0,\"id.orig_h\":\"192.168.1.21\","
                + "\"id.resp_h\":\"192.168.1.10\",\"dialect\":\"3.1.1\"}")).isEmpty();
    }

    @Test
    void anHttpUserAgentFromTheLanGivesTheOsAndOneFromTheInternetGivesNothing() {
        String header = "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tmethod\thost\turi\tuser_agent\tstatus_code";
        List<HostObservation> o = HostObservations.from(Lines.parse("zeek", Lines.COMPANY, "#separator \\x09",
                "#path\thttp", header,
                "1763600000.0\tCh1\t192.168.3.40\t51000\t192.0.2.19\t80\tGET\tnews.example.jp\t/\t"
                        + "Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 Chrome/109.0 Safari/537.36\t200")
                .getFirst());
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.ip()).isEqualTo("192.168.3.40");
            assertThat(h.osGuess()).isEqualTo("Windows 7");
            assertThat(h.source()).isEqualTo("http user agent");
        });
        assertThat(HostObservations.from(Lines.parse("zeek", Lines.COMPANY, "#separator \\x09", "#path\thttp", header,
                "1763600000.0\tCh2\t198.51.100.200\t51000\t192.168.3.5\t80\tGET\toffice\t/\tcurl/8.0\t404").getFirst()))
                .isEmpty();
    }

    @Test
    void aTlsClientFingerprintIsKeptAsEvidenceOnlyNotAsAnOs() {
        List<HostObservation> o = of("zeek", "{\"_path\":\"ssl\",\"ts\":1763600000.0,\"id.orig_h\":\"192.168.3.41\","
                + "\"id.orig_p\":51000,\"id.resp_h\":\"192.0.2.10\",\"id.resp_p\":443,\"version\":\"TLSv13\","
                + "\"server_name\":\"www.yahoo.co.jp\",\"ja3\":\"771,4865-4866-4867,0-23-65281,29-23-24,0\"}");
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.ip()).isEqualTo("192.168.3.41");
            assertThat(h.osGuess()).isNull();
            assertThat(h.osEvidence()).startsWith("TLS client JA3 ");
        });
    }

    @Test
    void fortiGateDeviceIdentificationGivesMacTypeAndOsAndALogWithoutItGivesNothing() {
        List<HostObservation> o = of("fortigate", "<189>date=2026-11-08 time=21:30:05 devname=\"TSUBAME-FGT\" "
                + "devid=\"FGT60FTK2209A1B2\" logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" level=\"notice\" "
                + "vd=\"root\" eventtime=1762605005 srcip=192.168.20.150 srcport=51514 srcintf=\"internal\" "
                + "srcmac=\"f2:3c:91:aa:10:07\" srcname=\"Saki-no-iPhone\" devtype=\"iPhone\" osname=\"iOS\" "
                + "srcswversion=\"17.1\" dstip=203.0.113.66 dstport=443 dstintf=\"wan1\" proto=6 action=\"accept\" "
                + "policyid=1 service=\"HTTPS\" sentbyte=1200 rcvdbyte=5400");
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.mac()).isEqualTo("f2:3c:91:aa:10:07");
            assertThat(h.ip()).isEqualTo("192.168.20.150");
            assertThat(h.hostname()).isEqualTo("Saki-no-iPhone");
            assertThat(h.kind()).isEqualTo("iPhone");
            assertThat(h.osGuess()).isEqualTo("iOS 17.1");
            assertThat(h.endOfLife()).isFalse();
        });
        assertThat(of("fortigate", "<189>date=2026-11-08 time=21:30:05 devname=\"TSUBAME-FGT\" logid=\"1501054802\" "
                + "type=\"utm\" subtype=\"dns\" srcip=192.168.20.23 dstip=192.0.2.53 qname=\"www.google.com\"")).isEmpty();
    }

    @Test
    void fortiGateSeesAWindows7PcAsEndOfLife() {
        List<HostObservation> o = of("fortigate", "<189>date=2026-11-08 time=09:00:00 devname=\"FGT\" "
                + "logid=\"0000000013\" type=\"traffic\" subtype=\"forward\" srcip=10.0.0.31 srcmac=\"00-1A-2B-00-00-1F\" "
                + "devtype=\"Windows PC\" osname=\"Windows\" srcswversion=\"7\" dstip=192.0.2.10 dstport=443 action=\"accept\"");
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.mac()).isEqualTo("00:1a:2b:00:00:1f");
            assertThat(h.osGuess()).isEqualTo("Windows 7");
            assertThat(h.endOfLife()).isTrue();
        });
    }

    @Test
    void aWindowsNetworkLogonNamesTheRemoteWorkstationAndALocalLogonNamesNone() {
        List<HostObservation> o = of("windows", "{\"@timestamp\":\"2026-11-10T00:15:00Z\",\"host\":{\"name\":\"SV01\"},"
                + "\"winlog\":{\"channel\":\"Security\",\"event_id\":4624,\"computer_name\":\"SV01\","
                + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"event_data\":{\"TargetUserName\":\"sato\","
                + "\"LogonType\":\"3\",\"WorkstationName\":\"SATO-PC03\",\"IpAddress\":\"192.168.1.23\",\"IpPort\":\"50333\"}}}");
        assertThat(o).singleElement().satisfies(h -> {
            assertThat(h.ip()).isEqualTo("192.168.1.23");
            assertThat(h.hostname()).isEqualTo("SATO-PC03");
            assertThat(h.source()).isEqualTo("windows 4624");
        });
        assertThat(of("windows", "{\"@timestamp\":\"2026-11-10T00:15:00Z\",\"host\":{\"name\":\"PC01\"},"
                + "\"winlog\":{\"channel\":\"Security\",\"event_id\":4624,\"computer_name\":\"PC01\","
                + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"event_data\":{\"TargetUserName\":\"sato\","
                + "\"LogonType\":\"2\",\"IpAddress\":\"127.0.0.1\",\"IpPort\":\"0\"}}}")).isEmpty();
    }

    @Test
    void aWindows4776NamesTheWorkstationThatAskedAndSysmon3NamesTheComputerItself() {
        List<HostObservation> ntlm = of("windows", "{\"@timestamp\":\"2026-11-10T00:15:00Z\",\"host\":{\"name\":\"DC01\"},"
                + "\"winlog\":{\"channel\":\"Security\",\"event_id\":4776,\"computer_name\":\"DC01\","
                + "\"provider_name\":\"Microsoft-Windows-Security-Auditing\",\"event_data\":{\"PackageName\":"
                + "\"MICROSOFT_AUTHENTICATION_PACKAGE_V1_0\",\"TargetUserName\":\"sato\",\"Workstation\":\"SATO-PC03\","
                + "\"Status\":\"0x0\"}}}");
        // 4776 carries no address: a name alone is no device key.
        assertThat(ntlm).isEmpty();
        List<HostObservation> net = of("windows", "{\"@timestamp\":\"2026-11-10T00:15:00Z\",\"host\":{\"name\":\"TAKAHASHI-PC07\"},"
                + "\"winlog\":{\"channel\":\"Microsoft-Windows-Sysmon/Operational\",\"event_id\":3,"
                + "\"computer_name\":\"TAKAHASHI-PC07\",\"provider_name\":\"Microsoft-Windows-Sysmon\",\"event_data\":{"
                + "\"Image\":\"C:\\\\Program Files\\\\Google\\\\Chrome\\\\Application\\\\chrome.exe\",\"Protocol\":\"tcp\","
                + "\"SourceIp\":\"192.168.1.27\",\"SourcePort\":\"50999\",\"DestinationIp\":\"192.0.2.10\","
                + "\"DestinationPort\":\"443\"}}}");
        assertThat(net).singleElement().satisfies(h -> {
            assertThat(h.ip()).isEqualTo("192.168.1.27");
            assertThat(h.hostname()).isEqualTo("TAKAHASHI-PC07");
        });
    }

    @Test
    void onlyLanAddressesAreHosts() {
        assertThat(LanAddress.isPrivate("192.168.0.1")).isTrue();
        assertThat(LanAddress.isPrivate("172.16.4.4")).isTrue();
        assertThat(LanAddress.isPrivate("172.31.255.1")).isTrue();
        assertThat(LanAddress.isPrivate("10.255.0.1")).isTrue();
        assertThat(LanAddress.isPrivate("fd12::1")).isTrue();
        assertThat(LanAddress.isPrivate("172.32.0.1")).isFalse();
        assertThat(LanAddress.isPrivate("198.51.100.7")).isFalse();
        assertThat(LanAddress.isPrivate("127.0.0.1")).isFalse();
        assertThat(LanAddress.isPrivate("192.168.1")).isFalse();
        assertThat(LanAddress.isPrivate("192.168.1.256")).isFalse();
        assertThat(LanAddress.isPrivate("2001:db8::1")).isFalse();
    }

    @Test
    void addressesAreParsedAsLiteralsAndJunkZoneIdsAndOverlongTextsAreNoHosts() {
        assertThat(LanAddress.isPrivate("fd12:3456:789a:1::1")).isTrue();
        assertThat(LanAddress.isPrivate("FD00::")).isTrue();
        assertThat(LanAddress.isPrivate("fe80::1")).isTrue();
        assertThat(LanAddress.isLinkLocal("fe80::1")).isTrue();
        assertThat(LanAddress.isLinkLocal("169.254.3.4")).isTrue();
        assertThat(LanAddress.isLinkLocal("fd00::1")).isFalse();
        assertThat(LanAddress.isPrivate("fd00:1:2:3:4:5:192.168.1.1")).isTrue();
        assertThat(LanAddress.isPrivate("fd" + "0".repeat(298))).isFalse();
        assertThat(LanAddress.isPrivate("fd12::1%eth0")).isFalse();
        assertThat(LanAddress.isPrivate("fd12::1::2")).isFalse();
        assertThat(LanAddress.isPrivate("fd12:1:2:3:4:5:6:7:8")).isFalse();
        assertThat(LanAddress.isPrivate("fd12:1:2:3:4:5:6")).isFalse();
        assertThat(LanAddress.isPrivate("fdxx::1")).isFalse();
        assertThat(LanAddress.isPrivate("fd123::1")).isFalse();
        assertThat(LanAddress.isPrivate("fc.example.com")).isFalse();
        assertThat(LanAddress.isPrivate("010.0.0.1")).isTrue();
        assertThat(LanAddress.isPrivate("10.0.0.0001")).isFalse();
        assertThat(new HostObservation(Lines.COMPANY, 0, null, "fe80::1", null, null, null, null, "x").ip())
                .as("link-local names no device").isNull();
        assertThat(new HostObservation(Lines.COMPANY, 0, null, "FD12::A", null, null, null, null, "y".repeat(90))
                .source()).hasSize(40);
    }

    @Test
    void theEndOfLifeListCoversTheOldWindowsAndSmbv1ButNotTheSupportedOnes() {
        for (String os : List.of("Windows XP", "Windows Vista", "Windows 7", "Windows Server 2003", "Windows Server 2008",
                "Windows Server 2008 R2", "SMBv1", "Windows XP x64 / Server 2003", "Windows 2000")) {
            assertThat(EndOfLife.isEndOfLife(os)).as(os).isTrue();
        }
        for (String os : List.of("Windows 10/11", "Windows 11", "Windows Server 2019", "iOS 17.1", "Android", "Windows",
                "Windows 70")) {
            assertThat(EndOfLife.isEndOfLife(os)).as(os).isFalse();
        }
        assertThat(OsGuess.fromUserAgent("Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)")).isEqualTo("Windows Vista");
        assertThat(OsGuess.fromUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X)")).isEqualTo("iOS");
        assertThat(OsGuess.fromFortiGate("Windows", "Server 2008")).isEqualTo("Windows Server 2008");
    }
}
