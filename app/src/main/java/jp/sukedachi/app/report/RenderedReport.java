package jp.sukedachi.app.report;

/**
 * A rendered monthly report: the PDF, its page count, the plain-words first sentence(s) the report opens with (also
 * the mail's first paragraph and the archive list's summary) and the key figures the archive keeps as metadata.
 */
public record RenderedReport(byte[] pdf, int pages, String headline, ReportFigures figures) {
}
