package jp.sukedachi.detect.sigma;

import java.util.List;

/** A rule's detection logic after parsing: search identifiers resolved, values compiled. Field names are Sigma's. */
sealed interface Expr {
    record And(List<Expr> items) implements Expr {
    }

    record Or(List<Expr> items) implements Expr {
    }

    record Not(Expr item) implements Expr {
    }

    /** Constant, e.g. {@code 1 of} an empty set. */
    record Const(boolean value) implements Expr {
    }

    /** The field's value passes one of the tests (all of them with {@code all}); an absent field fails. */
    record Field(String field, List<ValueTest> tests, boolean all) implements Expr {
    }

    /** {@code field: null}: the field is absent or empty. */
    record Null(String field) implements Expr {
    }

    /** {@code field|exists: true/false}. */
    record Exists(String field, boolean present) implements Expr {
    }

    /** {@code field|fieldref: other} (with contains/startswith/endswith/cased): compares two fields of one event. */
    record FieldRef(String field, String other, String how, boolean cased) implements Expr {
    }

    /** Keywords: any field value of the event passes one (all with {@code |all}) of the tests. */
    record Keywords(List<ValueTest> tests, boolean all) implements Expr {
    }
}
