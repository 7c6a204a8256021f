/**
 * Self-help for the company: the 25-item self-check, SECURITY ACTION ★/★★ tracker, the basic-policy
 * generator, the asset and risk ledger, the cloud-service checklist and the lessons with quizzes.
 */
package jp.sukedachi.app.selfcheck;
