/**
 * Sigma compiler and engine, behavioural detectors, cross-tenant campaign correlation. Plain Java. Filled by the detection issues.
 */
package jp.sukedachi.detect;
