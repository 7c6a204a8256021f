/**
 * Log format parsers, network receivers and the durable journal. Plain Java, no framework: it is the hot path and both runtimes reuse it. Filled by the ingest issue.
 */
package jp.sukedachi.ingest;
