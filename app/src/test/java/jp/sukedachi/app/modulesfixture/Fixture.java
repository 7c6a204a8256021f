package jp.sukedachi.app.modulesfixture;

/** A tiny application whose two capabilities break both rules, so ModulesTest can show that verify() fails. */
public final class Fixture {
    private Fixture() {
    }
}
