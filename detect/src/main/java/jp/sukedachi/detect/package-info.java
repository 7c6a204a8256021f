/**
 * Detectors: the {@link jp.sukedachi.detect.Detector} contract and its implementations (Sigma rules and
 * correlations, the customers' sensors' verdicts, threat intelligence, the watch, behaviour). Plain Java, no
 * framework: both runtimes run the same detectors.
 */
package jp.sukedachi.detect;
