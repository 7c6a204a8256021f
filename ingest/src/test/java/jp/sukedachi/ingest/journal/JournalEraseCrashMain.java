package jp.sukedachi.ingest.journal;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Child process of {@link JournalEraseCrashTest}: opens the journal and erases a company's records; when the
 * {@code stopAt}-th frame is half-erased (new CRC written, old payload still there) it prints {@code HALF} and waits
 * to be killed. Prints {@code DONE <count>} if it gets through.
 *
 * <p>Arguments: journal directory, company id, stopAt, segment bytes.
 */
public final class JournalEraseCrashMain {
    private JournalEraseCrashMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        UUID tenant = UUID.fromString(args[1]);
        int stopAt = Integer.parseInt(args[2]);
        Journal journal = Journal.open(dir, JournalConfig.defaults().withSegmentBytes(Long.parseLong(args[3])));
        AtomicInteger frames = new AtomicInteger();
        journal.eraser.halfWayHook = () -> {
            if (frames.incrementAndGet() == stopAt) {
                System.out.println("HALF");
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000); // until SIGKILL
                    } catch (InterruptedException e) {
                        // keep waiting
                    }
                }
            }
        };
        long erased = journal.erase(p -> TenantEvents.belongsTo(p, tenant));
        System.out.println("DONE " + erased);
        System.out.flush();
        // Never closed, like a crash.
        Runtime.getRuntime().halt(0);
    }
}
