package jp.sukedachi.app.asset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import jp.sukedachi.detect.asset.HostObservation;
import jp.sukedachi.detect.asset.HostObservations;
import jp.sukedachi.event.SecurityEvent;
import org.springframework.stereotype.Component;

/**
 * Learns the devices of each company's LAN from a batch of events ({@link HostObservations}), inside the pipeline's
 * transaction: the batch's observations are merged per device first, so a device is read and written once per batch
 * however many of its events the batch has. A device is its MAC; an address seen without a MAC belongs to the
 * device last seen with it, and an address first seen alone then with a MAC becomes that MAC's device (when that
 * MAC already has a row, the address's row is folded into it, keeping what the company decided). A row is
 * written only when something changed or its last-seen moved by more than a minute. At most
 * {@value HostRepository#MAX_HOSTS} devices per company.
 */
@Component
public class HostInventory {
    private static final long WRITE_AFTER_MILLIS = 60_000;
    /** Devices remembered as last committed, so a device seen again within the minute costs no query. */
    private static final int CACHE_MAX = 50_000;
    private final HostRepository hosts;
    private final Map<String, Host> committed = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Host> eldest) {
                    return size() > CACHE_MAX;
                }
            });

    HostInventory(HostRepository hosts) {
        this.hosts = hosts;
    }

    /** What one batch says about one device. */
    private static final class Seen {
        final UUID tenant;
        String mac;
        String ip;
        final List<String> names = new ArrayList<>();
        String kind;
        String os;
        String evidence;
        String source;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;

        Seen(UUID tenant) {
            this.tenant = tenant;
        }

        void add(HostObservation o) {
            mac = o.mac() != null ? o.mac() : mac;
            if (o.ip() != null && o.timeMillis() >= last) {
                ip = o.ip();
            }
            if (o.hostname() != null && !names.contains(o.hostname())) {
                names.addFirst(o.hostname());
            }
            kind = o.kind() != null ? o.kind() : kind;
            if (o.osGuess() != null) {
                os = o.osGuess();
                evidence = o.osEvidence();
            }
            source = o.source();
            first = Math.min(first, o.timeMillis());
            last = Math.max(last, o.timeMillis());
        }
    }

    /** Whether the company marked the device with this MAC (or, without one, this LAN address) as its own. */
    public boolean ours(UUID tenant, String mac, String ip) {
        return hosts.ours(tenant, mac, ip);
    }

    /** Learns what the events show; call inside the transaction that stores the batch. */
    public void observe(List<SecurityEvent> events) {
        Map<String, Seen> batch = new LinkedHashMap<>();
        for (SecurityEvent e : events) {
            for (HostObservation o : HostObservations.from(e)) {
                UUID tenant = o.tenant().value();
                // A MAC is the device; an address alone is merged with the batch's MAC seen at it, if any.
                String key = tenant + "|" + o.key();
                Seen s = batch.get(key);
                if (s == null && o.mac() == null) {
                    s = batch.values().stream().filter(x -> x.tenant.equals(tenant) && o.ip().equals(x.ip)).findFirst()
                            .orElse(null);
                }
                if (s == null) {
                    s = new Seen(tenant);
                    batch.put(key, s);
                }
                s.add(o);
            }
        }
        Map<String, Host> written = new LinkedHashMap<>();
        for (Seen s : batch.values()) {
            if (!known(s)) {
                store(s, written);
            }
        }
        if (!written.isEmpty()) {
            if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
                org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                        new org.springframework.transaction.support.TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                committed.putAll(written);
                            }
                        });
            } else {
                committed.putAll(written);
            }
        }
    }

    /** Whether the batch tells nothing new about a device committed within the minute (by MAC, else address). */
    private boolean known(Seen s) {
        Host h = committed.get(s.tenant + "|" + (s.mac != null ? s.mac : s.ip));
        return h != null && (s.ip == null || s.ip.equals(h.ip())) && h.names().containsAll(s.names)
                && (s.kind == null || s.kind.equals(h.kind())) && (s.os == null || s.os.equals(h.osGuess()))
                && s.last - h.lastSeen().toEpochMilli() <= WRITE_AFTER_MILLIS
                && s.first >= h.firstSeen().toEpochMilli();
    }

    private void store(Seen s, Map<String, Host> written) {
        Optional<Host> found;
        Host absorbed = null;
        if (s.mac == null) {
            // Without a MAC: the device last seen at the address.
            found = s.ip != null ? hosts.byIp(s.tenant, s.ip) : Optional.empty();
        } else {
            // With one: its row; a row of the address alone becomes it, or is folded into it when it has one.
            Optional<Host> alone = s.ip != null ? hosts.byKey(s.tenant, s.ip).filter(h -> h.mac() == null)
                    : Optional.empty();
            found = hosts.byKey(s.tenant, s.mac);
            if (found.isEmpty()) {
                found = alone;
            } else {
                absorbed = alone.orElse(null);
            }
        }
        Instant first = Instant.ofEpochMilli(s.first);
        Instant last = Instant.ofEpochMilli(s.last);
        if (found.isEmpty()) {
            Host added = new Host(s.tenant, s.mac != null ? s.mac : s.ip, s.mac, s.ip, s.names, s.kind, s.os,
                    s.evidence, s.source, first, last, Marking.UNDECIDED, null, null, null, null);
            if (hosts.insert(added)) {
                remember(added, written);
            }
            return;
        }
        Host h = absorbed == null ? found.get() : fold(found.get(), absorbed);
        List<String> names = new ArrayList<>(h.names());
        for (String n : s.names.reversed()) {
            names.remove(n);
            names.addFirst(n);
        }
        String mac = h.mac() != null ? h.mac() : s.mac;
        String ip = s.ip != null && !last.isBefore(h.lastSeen()) ? s.ip : h.ip();
        Host learnt = new Host(h.tenantId(), mac != null ? mac : h.key(), mac, ip, names,
                s.kind != null ? s.kind : h.kind(), s.os != null ? s.os : h.osGuess(),
                s.os != null ? s.evidence : h.osEvidence(), s.source, first.isBefore(h.firstSeen()) ? first : h.firstSeen(),
                last.isAfter(h.lastSeen()) ? last : h.lastSeen(), h.marking(), h.markedBy(), h.markedAt(),
                h.ledgerAssetId(), h.label());
        if (absorbed != null) {
            hosts.delete(absorbed.tenantId(), absorbed.key());
            hosts.merge(learnt);
            remember(learnt, written);
            return;
        }
        boolean changed = !Objects.equals(learnt.key(), h.key()) || !Objects.equals(learnt.ip(), h.ip())
                || !learnt.names().equals(h.names()) || !Objects.equals(learnt.kind(), h.kind())
                || !Objects.equals(learnt.osGuess(), h.osGuess()) || learnt.firstSeen().isBefore(h.firstSeen())
                || learnt.lastSeen().toEpochMilli() - h.lastSeen().toEpochMilli() > WRITE_AFTER_MILLIS;
        if (changed) {
            hosts.learn(h.key(), learnt);
            remember(learnt, written);
        } else {
            remember(h, written);
        }
    }

    /**
     * One device of a MAC's row and the row its address had alone: names, times, kind and OS of both (the MAC's
     * first); the marking, label and ledger link the company decided, the MAC row's when both were decided.
     */
    static Host fold(Host mac, Host alone) {
        List<String> names = new ArrayList<>(mac.names());
        alone.names().stream().filter(n -> !names.contains(n)).forEach(names::add);
        Host marked = mac.marking() != Marking.UNDECIDED || alone.marking() == Marking.UNDECIDED ? mac : alone;
        boolean aloneNewer = alone.lastSeen().isAfter(mac.lastSeen());
        return new Host(mac.tenantId(), mac.key(), mac.mac(), mac.ip(), names,
                mac.kind() != null ? mac.kind() : alone.kind(),
                mac.osGuess() != null ? mac.osGuess() : alone.osGuess(),
                mac.osGuess() != null ? mac.osEvidence() : alone.osEvidence(),
                aloneNewer ? alone.seenBy() : mac.seenBy(),
                alone.firstSeen().isBefore(mac.firstSeen()) ? alone.firstSeen() : mac.firstSeen(),
                aloneNewer ? alone.lastSeen() : mac.lastSeen(), marked.marking(), marked.markedBy(), marked.markedAt(),
                mac.ledgerAssetId() != null ? mac.ledgerAssetId() : alone.ledgerAssetId(),
                mac.label() != null && !mac.label().isBlank() ? mac.label() : alone.label());
    }

    /** Remembered by its key, and by its address too when the key is a MAC (an address-only sighting finds it). */
    private static void remember(Host h, Map<String, Host> written) {
        written.put(h.tenantId() + "|" + h.key(), h);
        if (h.mac() != null && h.ip() != null) {
            written.put(h.tenantId() + "|" + h.ip(), h);
        }
    }
}
