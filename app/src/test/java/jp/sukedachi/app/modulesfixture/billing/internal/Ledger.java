package jp.sukedachi.app.modulesfixture.billing.internal;

/** Internal to billing: a sub-package without a named interface. */
public record Ledger(long total) {
}
