/**
 * The telemetry simulator: a world of fictional small companies (their office network, PCs and the devices
 * that watch them), the office's everyday traffic and the attack cases of the お助け隊 reports, written in the
 * real wire formats (FortiGate syslog, Suricata EVE, Zeek JSON, Winlogbeat/Sysmon JSON) and sent through the
 * product's real receivers. Everything is reproducible from a seed. Plain Java: the demo, the benchmarks and
 * {@code ./sukedachi simulate} share it.
 */
package jp.sukedachi.simulate;
