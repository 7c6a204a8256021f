package jp.sukedachi.app.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import jp.sukedachi.app.device.Device;
import jp.sukedachi.app.device.DeviceDirectory;
import jp.sukedachi.app.device.DeviceRoute;
import jp.sukedachi.app.device.DeviceAddressesChanged;
import jp.sukedachi.ingest.syslog.SyslogFrames;
import jp.sukedachi.ingest.text.TextDecoder;
import jp.sukedachi.pipeline.PipelineFullException;
import jp.sukedachi.pipeline.PipelineStorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Syslog over UDP and TCP (RFC 6587: octet-counting and newline framing), default port 5514. The
 * sender's address names the device: only addresses provider staff confirmed route, and each belongs to one
 * device (see DeviceService). Bytes become text per device charset (TextDecoder); bytes that are not valid
 * text are quarantined in base64, never replaced. UDP cannot push back: what the kernel drops (its socket
 * counter), what the queue cannot hold and what arrives from unknown addresses is counted in metrics and
 * health, never dropped silently. TCP from an unknown address is closed, so the sender sees an error.
 */
@Component
public class SyslogReceiver implements SmartLifecycle, HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(SyslogReceiver.class);
    private static final int BATCH = 500;
    /** A miss reloads the address table at most this often (changes on this instance apply at once anyway). */
    private static final long MISS_RELOAD_MS = 1_000;
    private final IngestService ingest;
    private final DeviceDirectory addresses;
    private final int port;
    private final String bind;
    private final boolean enabled;
    private final int receiveBuffer;
    private final Counter udpDropped;
    private final Counter unknownSource;
    private final Counter received;
    private final Counter datagrams;
    private final Counter undecodable;
    private final BlockingQueue<Datagram> udpQueue = new ArrayBlockingQueue<>(100_000);
    private volatile Map<String, Route> bySource = Map.of();
    private volatile long bySourceLoaded;
    private volatile boolean running;
    private volatile boolean held;
    private DatagramSocket udp;
    private ServerSocket tcp;
    private UdpSocketStats kernel;

    private record Datagram(String address, byte[] bytes) {
    }

    /** Where an address's syslog goes and how its bytes are read. */
    private record Route(Device device, TextDecoder decoder) {
    }

    /** The receiver's figures, provider-wide (a datagram the kernel drops names no device). */
    public record Stats(int port, long datagrams, long kernelDropped, long queueDropped, long unknownSource,
            long undecodable, int receiveBufferBytes) {
    }

    SyslogReceiver(IngestService ingest, DeviceDirectory addresses, MeterRegistry metrics,
            IngestSettings settings, jp.sukedachi.app.config.NodeSettings node) {
        this.ingest = ingest;
        this.addresses = addresses;
        this.port = settings.syslog().port();
        this.bind = settings.syslog().bind();
        // Only the roles that receive listen (a worker or a web process on the same host must not take the port).
        this.enabled = settings.syslog().enabled()
                && node.role().serves(jp.sukedachi.app.config.NodeRole.Part.RECEIVERS);
        this.receiveBuffer = settings.syslog().udpReceiveBuffer();
        this.udpDropped = metrics.counter("sukedachi.syslog.udp.dropped");
        this.unknownSource = metrics.counter("sukedachi.syslog.unknown_source");
        this.received = metrics.counter("sukedachi.syslog.received");
        this.datagrams = metrics.counter("sukedachi.syslog.udp.datagrams");
        this.undecodable = metrics.counter("sukedachi.syslog.undecodable");
        FunctionCounter.builder("sukedachi.syslog.udp.kernel_dropped", this, r -> r.kernelDropped())
                .description("UDP datagrams the kernel dropped because the socket's receive buffer was full")
                .register(metrics);
        Gauge.builder("sukedachi.syslog.udp.receive_buffer_bytes", this, r -> r.udp == null ? 0 : r.actualReceiveBuffer())
                .register(metrics);
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        // Port 0 (tests, side-by-side instances): UDP picks a free port and TCP takes the same number, which
        // another program may hold already; then both are tried again on another port.
        for (int attempt = 1; ; attempt++) {
            try {
                udp = new DatagramSocket(null);
                // Set before binding so the buffer applies from the first datagram; the kernel caps it at rmem_max.
                udp.setReceiveBufferSize(receiveBuffer);
                udp.bind(new InetSocketAddress(InetAddress.getByName(bind), port));
                tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(InetAddress.getByName(bind), udp.getLocalPort()));
                break;
            } catch (IOException e) {
                if (udp != null) {
                    udp.close();
                }
                if (tcp != null) {
                    try {
                        tcp.close();
                    } catch (IOException ignored) {
                        // it was never bound
                    }
                    tcp = null;
                }
                if (port != 0 || attempt >= 20) {
                    throw new IllegalStateException("cannot open syslog port " + port + " on " + bind
                            + " (set sukedachi.syslog.port, or sukedachi.syslog.enabled=false)", e);
                }
            }
        }
        kernel = UdpSocketStats.forPort(udp.getLocalPort());
        int actual = actualReceiveBuffer();
        if (actual < receiveBuffer) {
            log.warn("syslog UDP receive buffer is {} bytes, not the {} asked for: raise net.core.rmem_max", actual,
                    receiveBuffer);
        }
        running = true;
        reloadSources();
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

    /**
     * Stops (true) or resumes (false) reading UDP datagrams; held datagrams wait in the kernel's buffer and
     * what does not fit is dropped there and counted. For maintenance and for the flood test.
     */
    public void holdUdp(boolean hold) {
        held = hold;
    }

    public Stats stats() {
        return new Stats(port(), (long) datagrams.count(), kernelDropped(), (long) udpDropped.count(),
                (long) unknownSource.count(), (long) undecodable.count(), udp == null ? 0 : actualReceiveBuffer());
    }

    @Override
    public Health health() {
        Stats s = stats();
        Health.Builder health = enabled && !running ? Health.down() : Health.up();
        return health.withDetail("port", s.port()).withDetail("udpDatagrams", s.datagrams())
                .withDetail("udpKernelDropped", s.kernelDropped()).withDetail("udpQueueDropped", s.queueDropped())
                .withDetail("unknownSource", s.unknownSource()).withDetail("undecodable", s.undecodable())
                .withDetail("udpReceiveBufferBytes", s.receiveBufferBytes()).build();
    }

    private long kernelDropped() {
        return kernel == null ? 0 : kernel.drops();
    }

    private int actualReceiveBuffer() {
        try {
            return udp.getReceiveBufferSize();
        } catch (SocketException e) {
            return 0;
        }
    }

    private void readUdp() {
        byte[] buffer = new byte[SyslogFrames.MAX_FRAME];
        while (running) {
            try {
                if (held) {
                    Thread.sleep(20);
                    continue;
                }
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                datagrams.increment();
                byte[] record = SyslogFrames.datagram(packet.getData(), packet.getLength());
                if (!udpQueue.offer(new Datagram(packet.getAddress().getHostAddress(), record))) {
                    udpDropped.increment();
                }
            } catch (SocketException e) {
                return; // closed by stop()
            } catch (IOException e) {
                log.warn("syslog UDP receive failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
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
                Map<String, List<byte[]>> byAddress = new HashMap<>();
                for (Datagram d : drained) {
                    if (d.bytes().length > 0) {
                        byAddress.computeIfAbsent(d.address(), a -> new ArrayList<>()).add(d.bytes());
                    }
                }
                drained.clear();
                for (Map.Entry<String, List<byte[]>> e : byAddress.entrySet()) {
                    if (!deliver(e.getKey(), e.getValue(), false)) {
                        udpDropped.increment(e.getValue().size());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (PipelineFullException | RuntimeException e) {
                log.warn("syslog UDP batch not ingested: {}", e.toString());
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

    /**
     * TCP applies back-pressure: when the pipeline is full the batch is retried, so the sender slows down. A
     * connection from an address no device holds (or no longer holds) is closed, so the sender notices.
     */
    private void readTcp(Socket socket) {
        String address = socket.getInetAddress().getHostAddress();
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024)) {
            if (route(address) == null) {
                unknownSource.increment();
                log.info("syslog TCP connection from {} closed: no device holds this address", address);
                return;
            }
            socket.setSoTimeout(0);
            List<byte[]> batch = new ArrayList<>();
            List<byte[]> cut = new ArrayList<>();
            SyslogFrames.Frame frame;
            while ((frame = SyslogFrames.read(in)) != null) {
                (frame.cut() ? cut : batch).add(frame.bytes());
                if (batch.size() + cut.size() >= BATCH || in.available() == 0) {
                    if (!deliverTcp(address, batch, cut)) {
                        return;
                    }
                    batch = new ArrayList<>();
                    cut = new ArrayList<>();
                }
            }
            deliverTcp(address, batch, cut);
        } catch (IOException e) {
            log.debug("syslog TCP connection from {} ended: {}", address, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** False when the address no longer routes (the connection is then closed). */
    private boolean deliverTcp(String address, List<byte[]> batch, List<byte[]> cut) throws InterruptedException {
        if (!cut.isEmpty()) {
            Route route = route(address);
            if (route == null) {
                unknownSource.increment(batch.size() + cut.size());
                return false;
            }
            ingest.quarantine(route.device(), cut.stream().map(b -> route.decoder().decode(b).text()).toList(),
                    "syslog frame longer than " + SyslogFrames.MAX_FRAME + " bytes; the first "
                            + SyslogFrames.MAX_FRAME + " are kept");
        }
        while (true) {
            Boolean delivered = deliverOrFull(address, batch);
            if (delivered == null) {
                return false;
            }
            if (delivered) {
                return true;
            }
            Thread.sleep(1000);
        }
    }

    private Boolean deliverOrFull(String address, List<byte[]> records) {
        try {
            return deliver(address, records, true) ? Boolean.TRUE : null;
        } catch (PipelineFullException e) {
            return Boolean.FALSE;
        } catch (PipelineStorageException e) {
            // Disk full: stop reading this connection (the sender buffers) and retry, never drop the batch.
            log.warn("syslog TCP from {} paused, {} records held: {}", address, records.size(), e.getMessage());
            return Boolean.FALSE;
        }
    }

    /**
     * Decodes and ingests one address's records. False when no device holds the address (counted as unknown)
     * or, for UDP, when they could not be taken (counted as dropped by the caller).
     */
    private boolean deliver(String address, List<byte[]> records, boolean tcp) throws PipelineFullException {
        if (records.isEmpty()) {
            return true;
        }
        Route route = route(address);
        if (route == null) {
            unknownSource.increment(records.size());
            return !tcp;
        }
        List<String> lines = new ArrayList<>(records.size());
        List<String> kept = new ArrayList<>();
        for (byte[] bytes : records) {
            TextDecoder.Decoded text = route.decoder().decode(bytes);
            if (text.lossless()) {
                lines.add(text.text());
            } else {
                kept.add("base64:" + text.base64());
            }
        }
        try {
            ingest.ingest(route.device(), lines.iterator(), null);
            received.increment(lines.size());
            if (!kept.isEmpty()) {
                undecodable.increment(kept.size());
                ingest.quarantine(route.device(), kept, "bytes are not valid text in the device's character set ("
                        + route.decoder().setting() + "); the original bytes are kept in base64");
            }
            return true;
        } catch (PipelineFullException e) {
            if (tcp) {
                throw e;
            }
            log.warn("syslog from {} not ingested: pipeline full", address);
            return false;
        } catch (RuntimeException e) {
            if (tcp) {
                throw e;
            }
            log.warn("syslog from {} not ingested: {}", address, e.toString());
            return false;
        }
    }

    private Route route(String address) {
        Route r = bySource.get(address);
        if (r == null && System.currentTimeMillis() - bySourceLoaded > MISS_RELOAD_MS) {
            reloadSources();
            r = bySource.get(address);
        }
        return r;
    }

    /** A device or address change committed: route by the new table from the next record on. */
    @TransactionalEventListener(fallbackExecution = true)
    public void onAddressesChanged(DeviceAddressesChanged change) {
        reloadSources();
    }

    /** Rebuilds the address table from the confirmed addresses of enabled devices. */
    public synchronized void reloadSources() {
        Map<String, Route> map = new HashMap<>();
        for (DeviceRoute r : addresses.routes()) {
            map.put(r.address(), new Route(r.device(), TextDecoder.of(r.charset())));
        }
        bySource = Map.copyOf(map);
        bySourceLoaded = System.currentTimeMillis();
    }
}
