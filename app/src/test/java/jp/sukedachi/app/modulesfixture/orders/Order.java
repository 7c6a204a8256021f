package jp.sukedachi.app.modulesfixture.orders;

import jp.sukedachi.app.modulesfixture.billing.Invoice;
import jp.sukedachi.app.modulesfixture.billing.internal.Ledger;

/** Uses billing's API (allowed) and billing's internal ledger (not allowed). */
public record Order(Invoice invoice, Ledger ledger) {
}
