package jp.sukedachi.simulate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import jp.sukedachi.simulate.SimWorld.Company;
import jp.sukedachi.simulate.SimWorld.Device;

/**
 * Generates the telemetry of a world: everyday traffic at a chosen rate plus the attack cases of a story.
 * Generation works in whole minutes with a random stream per (seed, company, minute), so any window gives the
 * same records as the same span cut out of a longer one: the output depends only on the seed.
 */
public final class Simulator {
    private static final long HOUR = 3_600_000L;
    private static final long MINUTE = 60_000L;

    /** How everyday traffic varies over the week. */
    public enum Shape {
        /** The same rate at every hour (load tests: the rate asked for is the rate sent). */
        FLAT,
        /** An office in Japan: busy 8–19 on weekdays, quiet at night and at weekends; the weekly mean is the rate. */
        OFFICE
    }

    private final SimWorld world;
    private final long seed;
    private final double perCompanyPerHour;
    private final Shape shape;
    private final Story story;
    private final LinkedHashMap<Long, List<SimRecord>> recent = new LinkedHashMap<>(8, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<SimRecord>> eldest) {
            return size() > 3;
        }
    };

    /**
     * @param perCompanyPerHour mean everyday records per company and hour
     * @param story the attack cases, or null for everyday traffic only
     */
    public Simulator(SimWorld world, long seed, double perCompanyPerHour, Shape shape, Story story) {
        if (perCompanyPerHour < 0) {
            throw new IllegalArgumentException("rate must not be negative");
        }
        this.world = world;
        this.seed = seed;
        this.perCompanyPerHour = perCompanyPerHour;
        this.shape = shape;
        this.story = story;
    }

    public SimWorld world() {
        return world;
    }

    /** All records with a time in [from, to), ordered by time. */
    public synchronized List<SimRecord> between(Instant from, Instant to) {
        long f = from.toEpochMilli();
        long t = to.toEpochMilli();
        List<SimRecord> out = new ArrayList<>();
        if (t <= f) {
            return out;
        }
        for (long minute = Math.floorDiv(f, MINUTE) * MINUTE; minute < t; minute += MINUTE) {
            List<SimRecord> slice = recent.get(minute);
            if (slice == null) {
                slice = new ArrayList<>();
                for (Company c : world.companies()) {
                    everyday(c, minute, slice);
                }
                // Live senders ask for the same minute every few seconds: keep the last few.
                recent.put(minute, slice);
            }
            for (SimRecord r : slice) {
                if (r.epochMillis() >= f && r.epochMillis() < t) {
                    out.add(r);
                }
            }
        }
        if (story != null) {
            story.emit(world, f, t, out);
        }
        out.sort(Comparator.comparingLong(SimRecord::epochMillis));
        return out;
    }

    /** One company's everyday records of one minute, from a random stream of its own (seed, company, minute). */
    private void everyday(Company c, long minute, List<SimRecord> out) {
        SplittableRandom r = new SplittableRandom(seed ^ (c.index() * 0x9E3779B97F4A7C15L) ^ (minute / MINUTE) * 0xC2B2AE3D27D4EB4FL);
        long hour = Math.floorDiv(minute, HOUR) * HOUR;
        List<Device> devices = c.devices();
        int minuteOfHour = (int) ((minute - hour) / MINUTE);
        for (int k = 0; k < devices.size(); k++) {
            // Every device reports its own status every two hours (UTM performance stats, sensor stats …).
            if ((hour / HOUR + k) % 2 == 0 && minuteOfHour == (c.index() * 7 + k * 13) % 60) {
                out.add(Office.status(c, devices.get(k), minute, r));
            }
        }
        int n = poisson(perCompanyPerHour * weight(hour) / 60.0, r);
        for (int i = 0; i < n; i++) {
            long t = minute + r.nextLong(MINUTE);
            out.add(Office.record(c, pick(devices, r), t, r));
        }
    }

    /** The UTM sees most traffic; sensors and endpoints share the rest. */
    private static Device pick(List<Device> devices, SplittableRandom r) {
        if (devices.size() == 1 || r.nextInt(2) == 0) {
            return devices.getFirst();
        }
        return devices.get(1 + r.nextInt(devices.size() - 1));
    }

    /** Relative traffic of an hour; the mean over a week is 1. */
    double weight(long hourStart) {
        if (shape == Shape.FLAT) {
            return 1.0;
        }
        var t = Instant.ofEpochMilli(hourStart).atOffset(Records.JST);
        boolean weekend = t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
        int h = t.getHour();
        double w = weekend ? 0.15 : h >= 8 && h < 19 ? 1.0 : h >= 19 && h < 22 ? 0.35 : 0.1;
        // Weekly sum: 5 × (11 × 1.0 + 3 × 0.35 + 10 × 0.1) + 2 × 24 × 0.15 = 5 × 13.05 + 7.2 = 72.45 over 168 hours.
        return w * 168 / 72.45;
    }

    /** Knuth's method for small means, a rounded normal approximation for large ones. */
    static int poisson(double mean, SplittableRandom r) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            double n = mean + Math.sqrt(mean) * gaussian(r);
            return (int) Math.max(0, Math.round(n));
        }
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1.0;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
