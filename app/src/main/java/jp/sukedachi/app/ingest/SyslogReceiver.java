package jp.sukedachi.app.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceRepository;
import jp.sukedachi.pipeline.PipelineFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Syslog over UDP and TCP (RFC 6587: octet-counting and newline framing), default port 5514. The
 * sender's address names the device. UDP cannot push back: what the queue cannot hold, and what
 * arrives from unknown addresses, is counted in metrics (never dropped silently).
 */
@Component
public class SyslogReceiver implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SyslogReceiver.class);
    private static final int MAX_FRAME = 64 * 1024;
    private static final int BATCH = 500;
    private final IngestService ingest;
    private final DeviceRepository devices;
    private final int port;
    private final String bind;
    private final boolean enabled;
    private final Counter udpDropped;
    private final Counter unknownSource;
    private final Counter received;
    private final BlockingQueue<Datagram> udpQueue = new ArrayBlockingQueue<>(100_000);
    private volatile Map<String, Device> bySource = Map.of();
    private volatile long bySourceLoaded;
    private volatile boolean running;
    private DatagramSocket udp;
    private ServerSocket tcp;

    private record Datagram(String address, String text) {
    }

    public SyslogReceiver(IngestService ingest, DeviceRepository devices, MeterRegistry metrics,
            @Value("${sukedachi.syslog.port:5514}") int port, @Value("${sukedachi.syslog.bind:0.0.0.0}") String bind,
            @Value("${sukedachi.syslog.enabled:true}") boolean enabled) {
        this.ingest = ingest;
        this.devices = devices;
        this.port = port;
        this.bind = bind;
        this.enabled = enabled;
        this.udpDropped = metrics.counter("sukedachi.syslog.udp.dropped");
        this.unknownSource = metrics.counter("sukedachi.syslog.unknown_source");
        this.received = metrics.counter("sukedachi.syslog.received");
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        try {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bind), port));
            udp.setReceiveBufferSize(4 * 1024 * 1024);
            tcp = new ServerSocket();
            tcp.bind(new InetSocketAddress(InetAddress.getByName(bind), udp.getLocalPort()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot open syslog port " + port + " on " + bind
                    + " (set sukedachi.syslog.port, or sukedachi.syslog.enabled=false)", e);
        }
        running = true;
        Thread.ofPlatform().name("syslog-udp").daemon().start(this::readUdp);
        Thread.ofPlatform().name("syslog-udp-flush").daemon().start(this::flushUdp);
        Thread.ofPlatform().name("syslog-tcp").daemon().start(this::acceptTcp);
        log.info("syslog receiver on {} UDP and TCP port {}", bind, udp.getLocalPort());
    }

    /** The bound port (useful when configured as 0 in tests). */
    public int port() {
        return udp == null ? -1 : udp.getLocalPort();
    }

    @Override
    public void stop() {
        running = false;
        if (udp != null) {
            udp.close();
        }
        try {
            if (tcp != null) {
                tcp.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void readUdp() {
        byte[] buffer = new byte[MAX_FRAME];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
                if (!udpQueue.offer(new Datagram(packet.getAddress().getHostAddress(), stripNewline(text)))) {
                    udpDropped.increment();
                }
            } catch (SocketException e) {
                return; // closed by stop()
            } catch (IOException e) {
                log.warn("syslog UDP receive failed", e);
            }
        }
    }

    private void flushUdp() {
        List<Datagram> drained = new ArrayList<>();
        while (running) {
            try {
                Datagram first = udpQueue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                drained.add(first);
                udpQueue.drainTo(drained, 10_000);
                Map<String, List<String>> byAddress = new HashMap<>();
                for (Datagram d : drained) {
                    byAddress.computeIfAbsent(d.address(), a -> new ArrayList<>()).add(d.text());
                }
                drained.clear();
                byAddress.forEach((address, lines) -> {
                    if (!deliver(address, lines)) {
                        udpDropped.increment(lines.size());
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void acceptTcp() {
        while (running) {
            try {
                Socket socket = tcp.accept();
                Thread.ofVirtual().name("syslog-tcp-" + socket.getRemoteSocketAddress()).start(() -> readTcp(socket));
            } catch (IOException e) {
                if (running) {
                    log.warn("syslog TCP accept failed", e);
                }
            }
        }
    }

    /** TCP applies back-pressure: when the pipeline is full the batch is retried, so the sender slows down. */
    private void readTcp(Socket socket) {
        String address = socket.getInetAddress().getHostAddress();
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
            socket.setSoTimeout(0);
            List<String> batch = new ArrayList<>();
            String frame;
            while ((frame = readFrame(in)) != null) {
                if (!frame.isEmpty()) {
                    batch.add(frame);
                }
                if (batch.size() >= BATCH || (in.available() == 0 && !batch.isEmpty())) {
                    while (!deliverTcp(address, batch)) {
                        Thread.sleep(1000);
                    }
                    batch = new ArrayList<>();
                }
            }
            if (!batch.isEmpty()) {
                deliverTcp(address, batch);
            }
        } catch (IOException e) {
            log.debug("syslog TCP connection from {} ended: {}", address, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean deliverTcp(String address, List<String> lines) {
        Device device = device(address);
        if (device == null) {
            unknownSource.increment(lines.size());
            return true;
        }
        try {
            ingest.ingest(device, lines.iterator(), null);
            received.increment(lines.size());
            return true;
        } catch (PipelineFullException e) {
            return false;
        } catch (jp.sukedachi.pipeline.PipelineStorageException e) {
            // Disk full: stop reading this connection (the sender buffers) and retry, never drop the batch.
            log.warn("syslog TCP from {} paused, {} lines held: {}", address, lines.size(), e.getMessage());
            return false;
        }
    }

    /** For UDP: false when the lines could not be taken (counted as dropped by the caller). */
    private boolean deliver(String address, List<String> lines) {
        Device device = device(address);
        if (device == null) {
            unknownSource.increment(lines.size());
            return true;
        }
        try {
            ingest.ingest(device, lines.iterator(), null);
            received.increment(lines.size());
            return true;
        } catch (PipelineFullException | RuntimeException e) {
            log.warn("syslog from {} not ingested: {}", address, e.toString());
            return false;
        }
    }

    /**
     * One syslog frame: octet-counting ("LEN SP MSG") when the frame starts with a digit, else up to
     * the newline. Returns null at end of stream.
     */
    static String readFrame(InputStream in) throws IOException {
        int c = in.read();
        while (c == '\n' || c == '\r') {
            c = in.read();
        }
        if (c < 0) {
            return null;
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
        if (c >= '1' && c <= '9') {
            int length = c - '0';
            int d;
            int digits = 1;
            while ((d = in.read()) >= '0' && d <= '9' && digits < 6) {
                length = length * 10 + (d - '0');
                digits++;
            }
            if (d == ' ' && length <= MAX_FRAME) {
                byte[] frame = in.readNBytes(length);
                return stripNewline(new String(frame, StandardCharsets.UTF_8));
            }
            // Not octet-counting after all: the digits belong to a newline-framed message.
            buf.write(String.valueOf(length).getBytes(StandardCharsets.US_ASCII));
            c = d;
        }
        while (c >= 0 && c != '\n') {
            if (buf.size() < MAX_FRAME) {
                buf.write(c);
            }
            c = in.read();
        }
        return stripNewline(buf.toString(StandardCharsets.UTF_8));
    }

    private static String stripNewline(String text) {
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r' || text.charAt(end - 1) == 0)) {
            end--;
        }
        return text.substring(0, end);
    }

    private Device device(String address) {
        Device d = bySource.get(address);
        if (d == null && System.currentTimeMillis() - bySourceLoaded > 5_000) {
            reloadSources();
            d = bySource.get(address);
        }
        return d;
    }

    /** Rebuilds the address table; called on a miss (at most every 5 s) and when devices change. */
    public void reloadSources() {
        Map<String, Device> map = new HashMap<>();
        for (Device device : devices.findAllEnabled()) {
            for (String ip : device.sourceIps()) {
                map.put(ip, device);
            }
        }
        bySource = Map.copyOf(map);
        bySourceLoaded = System.currentTimeMillis();
    }
}
