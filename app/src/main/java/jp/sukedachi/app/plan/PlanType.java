package jp.sukedachi.app.plan;

/** What a plan watches: the network edge (UTM/sensor), the PCs and servers (EDR), or both. */
public enum PlanType {
    NETWORK, ENDPOINT, HYBRID;

    /** The message-bundle key of the type's human name. */
    public String labelKey() {
        return "plan.type." + name();
    }
}
