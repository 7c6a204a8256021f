package jp.sukedachi.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDraft;
import jp.sukedachi.app.device.DeviceService;
import jp.sukedachi.app.device.QuarantineEntry;
import jp.sukedachi.app.shared.Actor;
import jp.sukedachi.app.shared.Role;
import jp.sukedachi.app.support.TestDatabases;
import jp.sukedachi.app.support.TestWorld;
import jp.sukedachi.app.tenant.Tenant;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The syslog receiver with real senders (Java sockets bound to their own loopback addresses, and
 * util-linux {@code logger}): new devices are heard at once, unknown TCP senders are told, RFC 6587
 * framing as logger sends it, per-device charsets, and a UDP flood counted by the kernel's own drop counter.
 */
@SpringBootTest(properties = {"sukedachi.syslog.port=0", "sukedachi.syslog.udp-receive-buffer=32768",
        "sukedachi.intel.refresh-initial-ms=3600000"})
class SyslogReceiverTest {
    private static final AtomicInteger NEXT = new AtomicInteger();
    static final String SSHD = "<134>Nov 22 10:00:00 fw1 sshd[123]: Failed password for invalid user admin from 203.0.113.9 port 4444 ssh2";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @Autowired
    SyslogReceiver syslog;
    @Autowired
    DeviceService devices;
    @Autowired
    TestWorld world;
    @Autowired
    RecentEvents recent;
    @Autowired
    QuarantineRepository quarantine;
    @Autowired
    MeterRegistry metrics;

    Actor admin;
    Tenant tenant;

    @BeforeEach
    void company() {
        admin = world.admin().actor();
        tenant = world.tenant(admin, TestWorld.unique("Syslog"));
    }

    /** A loopback address of its own for each sender (Linux routes all of 127/8 to lo). */
    static String nextAddress() {
        int n = NEXT.incrementAndGet();
        return "127.0." + (200 + n / 250) + "." + (1 + n % 250);
    }

    Device device(String address) {
        return devices.register(admin, tenant.id(), new DeviceDraft(TestWorld.unique("utm"), "utm", "auto",
                address == null ? List.of() : List.of(address))).device();
    }

    static void udp(String from, byte[] data, int port) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0))) {
            socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), port));
        }
    }

    static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    List<SecurityEvent> events(Device d, int atLeast) throws InterruptedException {
        await(() -> recent.latest(d.id(), 200).size() >= atLeast, Duration.ofSeconds(10));
        return recent.latest(d.id(), 200);
    }

    List<QuarantineEntry> quarantined(Device d, int atLeast) throws InterruptedException {
        await(() -> quarantine.findByTenant(admin, d.tenantId(), d.id(), 100).size() >= atLeast, Duration.ofSeconds(10));
        return quarantine.findByTenant(admin, d.tenantId(), d.id(), 100);
    }

    static void logger(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/logger"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    // --- item 10: new devices are heard at once ---

    @Test
    void aNewlyRegisteredDeviceIsHeardFromItsFirstDatagram() throws Exception {
        String address = nextAddress();
        // A datagram from the address before the device exists: unknown, and it makes the receiver look the address up.
        // Other tests of this class share the receiver and its counter: wait for this datagram's own count.
        long unknownBefore = syslog.stats().unknownSource();
        udp(address, "<134>before registration".getBytes(StandardCharsets.UTF_8), syslog.port());
        await(() -> syslog.stats().unknownSource() > unknownBefore, Duration.ofSeconds(5));
        Device device = device(address);
        udp(address, SSHD.getBytes(StandardCharsets.UTF_8), syslog.port());
        assertThat(events(device, 1)).extracting(SecurityEvent::raw).containsExactly(SSHD);
    }

    @Test
    void aTcpSenderFromAnAddressNoDeviceHoldsIsDisconnectedAndAConfirmedOneIsHeardAtOnce() throws Exception {
        String address = nextAddress();
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), syslog.port()));
            socket.setSoTimeout(5000);
            // The receiver closes the connection: the sender's read ends instead of its data vanishing.
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
        Device device = device(address);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), syslog.port()));
            socket.getOutputStream().write((SSHD + "\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            assertThat(events(device, 1)).extracting(SecurityEvent::raw).containsExactly(SSHD);
        }
    }

    // --- item 12: RFC 6587 framing as logger sends it; trailing NUL ---

    @Test
    void loggerOctetCountedOverTcpWithALineBreakIsOneRecordAndOverUdpIsRecognised() throws Exception {
        Device device = loopbackDevice();
        String port = Integer.toString(syslog.port());
        int before = recent.latest(device.id(), 200).size();
        logger("-n", "127.0.0.1", "-P", port, "-T", "--octet-count", "-t", "sshd",
                "Failed password for invalid user admin from 203.0.113.21 port 4444 ssh2\nsecond line");
        logger("-n", "127.0.0.1", "-P", port, "-d", "--octet-count", "-t", "sshd",
                "Failed password for invalid user root from 203.0.113.22 port 4445 ssh2");
        List<SecurityEvent> events = events(device, before + 2).subList(0, 2);
        assertThat(events).extracting(SecurityEvent::raw).anySatisfy(raw -> assertThat(raw).contains("203.0.113.21")
                .endsWith("ssh2\nsecond line")).anySatisfy(raw -> assertThat(raw).startsWith("<13>1 ").contains("203.0.113.22"));
        assertThat(quarantine.findByTenant(admin, device.tenantId(), device.id(), 10)).isEmpty();
    }

    @Test
    void jsonWithATrailingNulIsOneRecordOverUdpAndTcp() throws Exception {
        Device device = loopbackDevice();
        int before = recent.latest(device.id(), 200).size();
        String eve = Files.readAllLines(IngestReceiversTest.EVE).getFirst();
        udp("127.0.0.1", (eve + "\0").getBytes(StandardCharsets.UTF_8), syslog.port());
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), syslog.port())) {
            // NUL-terminated frames without a line feed, as some senders write them.
            socket.getOutputStream().write((eve + "\0" + eve + "\0").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(events(device, before + 3).subList(0, 3)).allSatisfy(e -> assertThat(e.format()).isEqualTo("suricata-eve"));
        assertThat(quarantine.findByTenant(admin, device.tenantId(), device.id(), 10)).isEmpty();
    }

    /** logger cannot choose its source address: one device holds 127.0.0.1 in this context's database. */
    private Device loopbackDevice() {
        if (loopback == null) {
            loopback = device("127.0.0.1");
        }
        return loopback;
    }

    private static Device loopback;

    // --- item 11: charsets ---

    @Test
    void shiftJisSyslogIsReadAsShiftJisAndBytesValidInNoCharsetAreKeptInBase64() throws Exception {
        String address = nextAddress();
        Device device = device(address);
        String japanese = "<134>Nov 22 10:00:00 fw1 sshd[123]: Failed password for invalid user 管理者 from 203.0.113.9 port 4444 ssh2";
        udp(address, japanese.getBytes(Charset.forName("windows-31j")), syslog.port());
        byte[] garbage = {'<', '1', '3', '4', '>', 'x', (byte) 0xFF, (byte) 0xFE, (byte) 0x80, (byte) 0xFF};
        udp(address, garbage, syslog.port());
        assertThat(events(device, 1)).extracting(SecurityEvent::raw).containsExactly(japanese);
        List<QuarantineEntry> kept = quarantined(device, 1);
        assertThat(kept).hasSize(1);
        assertThat(kept.getFirst().reason()).contains("base64");
        assertThat(Base64.getDecoder().decode(kept.getFirst().record().substring("base64:".length()))).isEqualTo(garbage);

        // A device set to EUC-JP is read as EUC-JP.
        devices.setCharset(admin, device.id(), "EUC-JP");
        String euc = "<134>Nov 22 10:00:01 fw1 sshd[124]: Failed password for invalid user 経理 from 203.0.113.10 port 4444 ssh2";
        udp(address, euc.getBytes(Charset.forName("EUC-JP")), syslog.port());
        assertThat(events(device, 2)).extracting(SecurityEvent::raw).contains(euc);
    }

    // --- item 6: UDP flood ---

    @Test
    void aUdpFloodIsCountedByTheKernelsDropCounterInMetricsAndHealth() throws Exception {
        long readBefore = syslog.stats().datagrams();
        long droppedBefore = syslog.stats().kernelDropped();
        int sent = 3000;
        byte[] data = (SSHD + " flood").getBytes(StandardCharsets.UTF_8);
        syslog.holdUdp(true);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(nextAddress()), 0))) {
            Thread.sleep(100); // the reader notices the hold after its current receive
            for (int i = 0; i < sent; i++) {
                socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), syslog.port()));
            }
        } finally {
            syslog.holdUdp(false);
        }
        // Everything sent was either read or dropped by the kernel (loopback loses nothing else).
        assertThat(await(() -> syslog.stats().datagrams() - readBefore + syslog.stats().kernelDropped() - droppedBefore
                >= sent, Duration.ofSeconds(10))).isTrue();
        long read = syslog.stats().datagrams() - readBefore;
        long dropped = syslog.stats().kernelDropped() - droppedBefore;
        assertThat(dropped).isPositive().isEqualTo(sent - read);
        assertThat(metrics.get("sukedachi.syslog.udp.kernel_dropped").functionCounter().count())
                .isEqualTo((double) syslog.stats().kernelDropped());
        assertThat(syslog.health().getDetails()).containsEntry("udpKernelDropped", syslog.stats().kernelDropped());
    }
}
