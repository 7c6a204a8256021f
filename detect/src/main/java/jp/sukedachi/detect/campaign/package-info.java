/**
 * The keys by which the provider recognises one attack at several companies (issue 19, {@code campaign}): an
 * intel indicator, an attachment's hash, a mail's sender domain or subject, a Sigma rule with its parent/child
 * process pattern. Only what a detection is about yields keys, never every event, so the provider-wide
 * correlation (in the app, in the database, across the per-company streams) stays small.
 */
package jp.sukedachi.detect.campaign;
