package jp.sukedachi.app.modulesfixture.billing;

import jp.sukedachi.app.modulesfixture.orders.Order;

/** Points back at orders: the two capabilities form a cycle. */
public record Invoice(Order order) {
}
