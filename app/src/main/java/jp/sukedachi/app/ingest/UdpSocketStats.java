package jp.sukedachi.app.ingest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kernel's own count of datagrams it dropped for our UDP socket (receive buffer full): Linux's
 * {@code /proc/net/udp} and {@code /proc/net/udp6} 'drops' column, for the row whose local port is ours and
 * whose inode is a socket this process holds. Elsewhere (no /proc) it reports 0 and says it is unavailable.
 */
final class UdpSocketStats {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    private final String portHex;
    /** Our socket's inode once found (it never changes while the socket is open). */
    private volatile Set<String> inodes;

    private UdpSocketStats(int port) {
        this.portHex = String.format(Locale.ROOT, "%04X", port);
    }

    static UdpSocketStats forPort(int port) {
        return new UdpSocketStats(port);
    }

    static boolean available() {
        return Files.isReadable(TABLES.getFirst());
    }

    /** Datagrams dropped by the kernel for this process's socket(s) on the port, since they were opened. */
    long drops() {
        if (!available()) {
            return 0;
        }
        Set<String> ours = inodes != null ? inodes : socketInodes();
        long drops = 0;
        Set<String> matched = new HashSet<>();
        for (Path table : TABLES) {
            try {
                for (String line : Files.readAllLines(table)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr tm->when retrnsmt uid timeout inode ref pointer drops
                    if (f.length < 13 || !f[1].contains(":") || !f[1].endsWith(":" + portHex) || !ours.contains(f[9])) {
                        continue;
                    }
                    drops += Long.parseLong(f[f.length - 1]);
                    matched.add(f[9]);
                }
            } catch (IOException | NumberFormatException e) {
                // no such table (IPv6 off) or an unexpected layout: count what can be read
            }
        }
        if (inodes == null && !matched.isEmpty()) {
            inodes = Set.copyOf(matched);
        }
        return drops;
    }

    /** Inodes of the sockets this process has open ("socket:[12345]" links in /proc/self/fd). */
    private static Set<String> socketInodes() {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc/self/fd
        }
        return inodes;
    }
}
