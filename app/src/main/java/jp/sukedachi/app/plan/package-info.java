/**
 * Plans and contracts: what the provider sells (network, endpoint or hybrid watch, 1類 or 2類, monthly price,
 * price per device, what is included) and which plan each company has. A 1類 plan must stay within the price
 * caps of the service criteria; the check runs when a plan is defined and when a contract's device count
 * changes. Other capabilities read a company's terms through {@link jp.sukedachi.app.plan.Plans}.
 */
@ApplicationModule(displayName = "Plans and contracts",
        allowedDependencies = {"shared", "audit", "config", "tenant", "device"})
package jp.sukedachi.app.plan;

import org.springframework.modulith.ApplicationModule;
