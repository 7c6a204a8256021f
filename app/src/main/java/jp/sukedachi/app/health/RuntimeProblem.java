package jp.sukedachi.app.health;

import java.util.List;

/**
 * One reason the watch is not healthy: a stable code, the message key people read (ja/en, with {@link #args}) and
 * the operator's detail for the health endpoint and the log.
 */
public record RuntimeProblem(String code, List<Object> args, String detail) {
    public RuntimeProblem {
        args = List.copyOf(args);
    }

    /** Message key in messages*.properties: runtime.problem.&lt;code&gt;. */
    public String messageKey() {
        return "runtime.problem." + code;
    }

    public Object[] argArray() {
        return args.toArray();
    }
}
