/**
 * Japanese A4 PDFs for every capability that hands a person a document: the self-help policy and
 * certificates, the insurer's claim pack, the usage statement and the monthly report. {@link
 * jp.sukedachi.app.pdf.JapanesePdf} lays out flowing text and tables with the embedded font; {@link
 * jp.sukedachi.app.pdf.PdfResponses} serves one as a download.
 */
@ApplicationModule(displayName = "PDF documents", allowedDependencies = "shared")
package jp.sukedachi.app.pdf;

import org.springframework.modulith.ApplicationModule;
