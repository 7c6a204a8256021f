/**
 * Behaviour detectors: what no signature or indicator names, seen in the shape of a host's own traffic over time
 * (a machine calling out at a regular rhythm, a PC suddenly mailing many servers). Each judges in the events' own
 * time, keeps bounded state per company and stores it through {@link jp.sukedachi.detect.DetectorState}.
 */
package jp.sukedachi.detect.behaviour;
