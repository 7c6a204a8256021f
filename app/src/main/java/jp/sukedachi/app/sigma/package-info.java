/**
 * Sigma rules: the rule folders a provider loads, which rules are switched on, and the compiled rule set the
 * pipeline's Sigma detector runs. Its API: {@link jp.sukedachi.app.sigma.SigmaRules} (the active rule set, for
 * the pipeline and the alert console) and {@link jp.sukedachi.app.sigma.SigmaRuleService} (the demo switches its
 * rules on); the rule pages are internal.
 */
@ApplicationModule(displayName = "Sigma rules", allowedDependencies = {"shared", "audit", "config"})
package jp.sukedachi.app.sigma;

import org.springframework.modulith.ApplicationModule;
