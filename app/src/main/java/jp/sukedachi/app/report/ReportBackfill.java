package jp.sukedachi.app.report;

import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The report module's API for the demo world: archive reports at once, without mailing them. */
@Component
public class ReportBackfill {
    private static final Logger log = LoggerFactory.getLogger(ReportBackfill.class);
    private final ReportJob job;
    private final int attempts;
    private final Duration pause;

    @Autowired
    ReportBackfill(ReportJob job) {
        this(job, 6, Duration.ofSeconds(5));
    }

    ReportBackfill(ReportJob job, int attempts, Duration pause) {
        this.job = job;
        this.attempts = attempts;
        this.pause = pause;
    }

    /**
     * Generates and archives every company's Japanese report of each month from {@code from} to {@code to}
     * (companies created later included: the demo writes its history back in time). Nothing is mailed. A month whose
     * run finds the job lock held (the schedule's run, another instance) is tried again a few times; one still not
     * done is logged as an error and, after the other months, thrown. Returns how many reports were written.
     */
    public int archiveWithoutMail(YearMonth from, YearMonth to) {
        int written = 0;
        List<YearMonth> missed = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            ReportJob.Run run = generate(m);
            if (run == null) {
                log.error("monthly reports of {} were not archived: another run held the job lock {} times", m,
                        attempts);
                missed.add(m);
            } else {
                written += run.generated();
            }
        }
        if (!missed.isEmpty()) {
            throw new IllegalStateException("monthly reports of " + missed + " were not archived: the job was busy");
        }
        return written;
    }

    private ReportJob.Run generate(YearMonth month) {
        for (int i = 1; ; i++) {
            ReportJob.Run run = job.generate(month, false, true);
            if (run != null || i >= attempts) {
                return run;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
