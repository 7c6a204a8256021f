/**
 * The proof-of-check letter (issue 18): a company's owner makes a PDF letter for a business partner saying which
 * period was watched, which devices and for what share of it, the incidents and whether each was closed, the
 * self-check and SECURITY ACTION; the partner checks it on the public page {@code /v/{token}} until the owner
 * revokes it. Part of the {@code report} module (its internals).
 */
package jp.sukedachi.app.report.letter;
