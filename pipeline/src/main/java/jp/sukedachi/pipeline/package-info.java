/**
 * Runs ingest, detect and triage in the embedded runtime (in-process, on-disk journal) or the cluster runtime (Kafka). Filled by the ingest and pipeline issues.
 */
package jp.sukedachi.pipeline;
