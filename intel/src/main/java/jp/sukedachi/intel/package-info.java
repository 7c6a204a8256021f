/**
 * Indicator store, feed importers (abuse.ch, MISP, STIX 2.1, lists) and matchers. Plain Java. Filled by the threat-intelligence issue.
 */
package jp.sukedachi.intel;
