package jp.sukedachi.testkit.cluster;

import java.time.Duration;

/** Waiting for a condition of a cluster (a node, the database, the topic) to become true. */
public final class Await {
    private Await() {
    }

    /** A check that may fail with any exception (a database or the broker still starting). */
    public interface Check {
        boolean done() throws Exception;
    }

    /** Until {@code check} is true; fails naming {@code what} after {@code limit}. */
    public static void until(String what, Duration limit, Check check) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!check.done()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
