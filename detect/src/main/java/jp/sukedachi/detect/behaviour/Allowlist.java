package jp.sukedachi.detect.behaviour;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Destinations that call home on a schedule for a good reason (operating-system and browser updates, time
 * servers, the office suite), which the beaconing detector ignores. The entries live in a maintained text file
 * ({@value #RESOURCE}), never in code: one entry a line, a domain suffix ({@code windowsupdate.com} covers
 * {@code download.windowsupdate.com}) or a network in CIDR form, each followed by a {@code #} comment saying
 * what it is; blank lines and whole-line comments are skipped.
 */
public final class Allowlist {
    /** The list shipped with the detector, beside this class. */
    public static final String RESOURCE = "beaconing-allowlist.txt";

    private record Network(byte[] address, int bits) {
    }

    private final Set<String> suffixes;
    private final List<Network> networks;

    private Allowlist(Set<String> suffixes, List<Network> networks) {
        this.suffixes = Set.copyOf(suffixes);
        this.networks = List.copyOf(networks);
    }

    /** The maintained list shipped with the detector. */
    public static Allowlist standard() {
        try (InputStream in = Allowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            }
            return parse(lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An empty list: nothing is ignored. */
    public static Allowlist none() {
        return new Allowlist(Set.of(), List.of());
    }

    /**
     * Reads entries in the file's format.
     *
     * @throws IllegalArgumentException naming the line of an entry that is neither a domain nor a network
     */
    public static Allowlist parse(List<String> lines) {
        Set<String> suffixes = new HashSet<>();
        List<Network> networks = new ArrayList<>();
        int no = 0;
        for (String line : lines) {
            no++;
            int hash = line.indexOf('#');
            String entry = (hash >= 0 ? line.substring(0, hash) : line).trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            if (slash >= 0) {
                byte[] a = Addresses.parse(entry.substring(0, slash));
                int bits = parseBits(entry.substring(slash + 1));
                if (a == null || bits < 0 || bits > a.length * 8) {
                    throw new IllegalArgumentException("allowlist line " + no + ": not a network: " + entry);
                }
                networks.add(new Network(a, bits));
            } else if (entry.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
                suffixes.add(entry);
            } else {
                throw new IllegalArgumentException("allowlist line " + no + ": not a domain or network: " + entry);
            }
        }
        return new Allowlist(suffixes, networks);
    }

    private static int parseBits(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** How many entries the list has. */
    public int size() {
        return suffixes.size() + networks.size();
    }

    /** Whether the destination is listed, by its address or its name (either may be null). */
    public boolean allows(String ip, String domain) {
        return allowsAddress(Addresses.parse(ip)) || allowsDomain(domain);
    }

    boolean allowsAddress(byte[] a) {
        if (a == null) {
            return false;
        }
        for (Network n : networks) {
            if (Addresses.inNetwork(a, n.address(), n.bits())) {
                return true;
            }
        }
        return false;
    }

    /** The name or any of its parent domains is listed ({@code a.b.example.com}: tries the name, then each parent). */
    boolean allowsDomain(String domain) {
        if (domain == null || domain.isEmpty()) {
            return false;
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        for (int at = 0; at >= 0; ) {
            if (suffixes.contains(at == 0 ? d : d.substring(at))) {
                return true;
            }
            int dot = d.indexOf('.', at);
            at = dot < 0 ? -1 : dot + 1;
        }
        return false;
    }
}
