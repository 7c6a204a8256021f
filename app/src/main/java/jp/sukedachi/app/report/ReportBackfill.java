package jp.sukedachi.app.report;

import java.time.YearMonth;
import org.springframework.stereotype.Component;

/** The report module's API for the demo world: archive reports at once, without mailing them. */
@Component
public class ReportBackfill {
    private final ReportJob job;

    ReportBackfill(ReportJob job) {
        this.job = job;
    }

    /**
     * Generates and archives every company's Japanese report of each month from {@code from} to {@code to}
     * (companies created later included: the demo writes its history back in time). Nothing is mailed. Returns how
     * many reports were written.
     */
    public int archiveWithoutMail(YearMonth from, YearMonth to) {
        int written = 0;
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            ReportJob.Run run = job.generate(m, false, true);
            written += run == null ? 0 : run.generated();
        }
        return written;
    }
}
