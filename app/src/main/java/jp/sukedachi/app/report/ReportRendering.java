package jp.sukedachi.app.report;

import java.time.YearMonth;
import java.util.Locale;
import java.util.UUID;
import jp.sukedachi.app.shared.Actor;

/**
 * Renders one company's monthly report: the month's facts read with {@code actor} (so a company that is not the
 * actor's to see is not found), laid out as an A4 PDF in the locale's language. The archive calls it when it
 * generates a report and again when an analyst's comment is added (the comment is printed in the report).
 */
public interface ReportRendering {
    /**
     * @param analystComment printed under "from your Sukedachi analyst" when not blank; null for none
     * @throws jp.sukedachi.app.shared.NotFoundException when the company is not the actor's to see
     */
    RenderedReport render(Actor actor, UUID tenantId, YearMonth month, Locale locale, String analystComment);
}
