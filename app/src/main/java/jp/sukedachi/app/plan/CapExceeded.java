package jp.sukedachi.app.plan;

import java.util.List;

/**
 * A plan or a contract refused because it breaks a price cap (422 on the API, the reason on the form). Not an
 * IllegalArgumentException: the input is well formed, a rule of the criteria is broken.
 */
public class CapExceeded extends RuntimeException {
    private final transient List<CapCheck.Breach> breaches;

    CapExceeded(List<CapCheck.Breach> breaches) {
        super(breaches.getFirst().english());
        this.breaches = List.copyOf(breaches);
    }

    List<CapCheck.Breach> breaches() {
        return breaches;
    }
}
