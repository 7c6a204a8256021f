package jp.sukedachi.app.plan;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;

/**
 * The price caps of the service criteria, as a pure check (no database, no Spring). All amounts are whole yen,
 * tax excluded, integer arithmetic only.
 *
 * <p>1類: a network plan costs at most {@value #TIER1_NETWORK_MONTHLY_YEN} yen a month; an endpoint plan at most
 * {@value #TIER1_PER_DEVICE_YEN} yen per endpoint a month; a hybrid plan both: its monthly price (the network part) at
 * most 10,000 yen and its price per endpoint at most 2,000 yen.
 *
 * <p>A base fee of an endpoint plan: the criteria cap the price per endpoint, so a monthly base fee on top of the
 * per-endpoint price is spread over the contract's endpoints. The rule, exact and without rounding: the whole
 * monthly fee must not exceed the cap times the endpoints, {@code monthly + perDevice × n ≤ 2,000 × n}. The effective
 * price per endpoint shown is that fee divided by n, rounded up. When a plan is defined the count is not known yet,
 * so only a plan whose per-endpoint price leaves no room for its base fee at any count is refused then; the count
 * is checked when a contract is set. (The base of a hybrid plan is its network part and is capped on its own.)
 *
 * <p>2類: network or hybrid plans only, for contracts with at least {@value #TIER2_MIN_ENDPOINTS} endpoints; its caps
 * are settings ({@link PlanSettings}) because the criteria leave them to the current rules.
 */
final class CapCheck {
    static final long TIER1_NETWORK_MONTHLY_YEN = 10_000;
    static final long TIER1_PER_DEVICE_YEN = 2_000;
    static final int TIER2_MIN_ENDPOINTS = 50;

    /** The 2類 caps (settings). */
    record Tier2(long networkMonthlyYen, long perDeviceYen) {
    }

    /**
     * One broken cap: its name for scripts ({@code cap}), the limit and the amount that broke it (yen, or endpoints
     * for the 2類 minimum), and the reason in plain words (a bundle key with its arguments).
     */
    record Breach(String cap, long limit, long actual, String key, Object[] args) implements MessageSourceResolvable {
        @Override
        public String[] getCodes() {
            return new String[] {key};
        }

        @Override
        public Object[] getArguments() {
            return args;
        }

        @Override
        public String getDefaultMessage() {
            return english();
        }

        /** The reason for scripts and logs. */
        String english() {
            return switch (cap) {
                case "tier1-network-monthly" -> "a 1類 network plan may cost at most " + Yen.format(limit)
                        + " yen a month; this one costs " + Yen.format(actual);
                case "tier1-endpoint-per-device" -> "a 1類 endpoint plan may cost at most " + Yen.format(limit)
                        + " yen per device a month; this one costs " + Yen.format(actual);
                case "tier1-hybrid-network-monthly" -> "the network part of a 1類 hybrid plan may cost at most "
                        + Yen.format(limit) + " yen a month; this one costs " + Yen.format(actual);
                case "tier1-hybrid-per-device" -> "a 1類 hybrid plan may cost at most " + Yen.format(limit)
                        + " yen per device a month; this one costs " + Yen.format(actual);
                case "tier1-endpoint-base-fee" -> "with its base fee this endpoint plan costs more than "
                        + Yen.format(limit) + " yen per device at any count (1類)";
                case "tier1-endpoint-per-device-at-count" -> "with the base fee spread over the contract's devices "
                        + "this 1類 endpoint plan costs " + Yen.format(actual) + " yen per device, above "
                        + Yen.format(limit);
                case "tier2-type" -> "2類 is for network and hybrid plans only";
                case "tier2-min-endpoints" -> "2類 is for contracts of at least " + limit + " endpoints; this one has "
                        + actual;
                case "tier2-network-monthly" -> "the network part of a 2類 plan may cost at most " + Yen.format(limit)
                        + " yen a month (setting); this one costs " + Yen.format(actual);
                case "tier2-per-device" -> "a 2類 plan may cost at most " + Yen.format(limit)
                        + " yen per device a month (setting); this one costs " + Yen.format(actual);
                default -> cap;
            };
        }
    }

    private CapCheck() {
    }

    /** The caps a plan breaks as defined (before any device count is known); empty when it may be sold. */
    static List<Breach> ofPlan(PlanType type, int tier, long monthlyYen, long perDeviceYen, Tier2 tier2) {
        List<Breach> out = new ArrayList<>();
        if (tier == 1) {
            switch (type) {
                case NETWORK -> atMost(out, "tier1-network-monthly", "plan.cap.tier1NetworkMonthly",
                        TIER1_NETWORK_MONTHLY_YEN, monthlyYen);
                case ENDPOINT -> {
                    atMost(out, "tier1-endpoint-per-device", "plan.cap.tier1EndpointPerDevice", TIER1_PER_DEVICE_YEN,
                            perDeviceYen);
                    if (out.isEmpty() && monthlyYen > 0 && perDeviceYen >= TIER1_PER_DEVICE_YEN) {
                        out.add(new Breach("tier1-endpoint-base-fee", TIER1_PER_DEVICE_YEN, perDeviceYen,
                                "plan.cap.tier1EndpointBaseFee", new Object[] {Yen.format(TIER1_PER_DEVICE_YEN),
                                        Yen.format(perDeviceYen), Yen.format(monthlyYen)}));
                    }
                }
                case HYBRID -> {
                    atMost(out, "tier1-hybrid-network-monthly", "plan.cap.tier1HybridNetworkMonthly",
                            TIER1_NETWORK_MONTHLY_YEN, monthlyYen);
                    atMost(out, "tier1-hybrid-per-device", "plan.cap.tier1HybridPerDevice", TIER1_PER_DEVICE_YEN,
                            perDeviceYen);
                }
            }
            return out;
        }
        if (type == PlanType.ENDPOINT) {
            out.add(new Breach("tier2-type", 0, 0, "plan.cap.tier2Type", new Object[0]));
            return out;
        }
        atMost(out, "tier2-network-monthly", "plan.cap.tier2NetworkMonthly", tier2.networkMonthlyYen(), monthlyYen);
        if (type == PlanType.HYBRID) {
            atMost(out, "tier2-per-device", "plan.cap.tier2PerDevice", tier2.perDeviceYen(), perDeviceYen);
        }
        return out;
    }

    /** The caps a plan breaks at a contract's endpoint count: those of the plan, then those the count adds. */
    static List<Breach> ofContract(PlanType type, int tier, long monthlyYen, long perDeviceYen, int endpoints,
            Tier2 tier2) {
        List<Breach> out = new ArrayList<>(ofPlan(type, tier, monthlyYen, perDeviceYen, tier2));
        if (!out.isEmpty()) {
            return out;
        }
        if (tier == 1 && type == PlanType.ENDPOINT && monthlyYen > 0 && endpoints > 0) {
            long fee = Math.addExact(monthlyYen, Math.multiplyExact(perDeviceYen, endpoints));
            if (fee > Math.multiplyExact(TIER1_PER_DEVICE_YEN, endpoints)) {
                long perDevice = (fee + endpoints - 1) / endpoints;
                out.add(new Breach("tier1-endpoint-per-device-at-count", TIER1_PER_DEVICE_YEN, perDevice,
                        "plan.cap.tier1EndpointAtCount", new Object[] {Yen.format(TIER1_PER_DEVICE_YEN),
                                Yen.format(perDevice), endpoints, Yen.format(monthlyYen), Yen.format(fee)}));
            }
        }
        if (tier == 2 && endpoints < TIER2_MIN_ENDPOINTS) {
            out.add(new Breach("tier2-min-endpoints", TIER2_MIN_ENDPOINTS, endpoints, "plan.cap.tier2MinEndpoints",
                    new Object[] {TIER2_MIN_ENDPOINTS, endpoints}));
        }
        return out;
    }

    private static void atMost(List<Breach> out, String cap, String key, long limit, long actual) {
        if (actual > limit) {
            out.add(new Breach(cap, limit, actual, key, new Object[] {Yen.format(limit), Yen.format(actual)}));
        }
    }
}
