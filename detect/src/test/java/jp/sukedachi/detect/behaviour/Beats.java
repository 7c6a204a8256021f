package jp.sukedachi.detect.behaviour;

import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.event.Detection;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/** Connection events as the parsers give them, for the behaviour detectors' tests. */
final class Beats {
    private Beats() {
    }

    /** Feeds the events in time order, advancing the detector once an hour of event time as the pipeline does. */
    static List<Detection> feed(Detector d, List<SecurityEvent> events) {
        List<Detection> out = new ArrayList<>();
        events.sort((a, b) -> Long.compare(a.timestampMillis(), b.timestampMillis()));
        long hour = Long.MIN_VALUE;
        for (SecurityEvent e : events) {
            d.detect(e, out::add);
            if (e.timestampMillis() - hour >= 3_600_000L) {
                hour = e.timestampMillis();
                d.advance(hour, out::add);
            }
        }
        return out;
    }

    /** A connection the UTM let through (FortiGate traffic log, action accept). */
    static SecurityEvent utm(TenantId company, DeviceId device, long at, String src, String dst, int port, long bytes) {
        return SecurityEvent.builder("fortigate").tenant(company).device(device).timestamp(at).received(at).raw("x")
                .set(Ecs.EVENT_DATASET, "fortigate.traffic.forward").set(Ecs.EVENT_ACTION, "accept")
                .set(Ecs.SOURCE_IP, src).set(Ecs.DESTINATION_IP, dst).set(Ecs.DESTINATION_PORT, Integer.toString(port))
                .set(Ecs.SOURCE_BYTES, Long.toString(bytes)).set(Ecs.DESTINATION_BYTES, Long.toString(bytes * 3))
                .build();
    }

    /** The same with the UTM's host name of the destination. */
    static SecurityEvent utmNamed(TenantId company, DeviceId device, long at, String src, String dst, int port,
            String name) {
        return utm(company, device, at, src, dst, port, 500).toBuilder().set(Ecs.URL_DOMAIN, name).build();
    }

    /** Suricata's view of a TLS connection. */
    static SecurityEvent tls(TenantId company, DeviceId device, long at, String src, String dst, int port) {
        return SecurityEvent.builder("suricata-eve").tenant(company).device(device).timestamp(at).received(at).raw("x")
                .set(Ecs.EVENT_DATASET, "suricata.tls").set(Ecs.SOURCE_IP, src).set(Ecs.DESTINATION_IP, dst)
                .set(Ecs.DESTINATION_PORT, Integer.toString(port)).build();
    }

    /** A DNS answer (Zeek dns). */
    static SecurityEvent dns(TenantId company, DeviceId device, long at, String src, String name, String answer) {
        return SecurityEvent.builder("zeek").tenant(company).device(device).timestamp(at).received(at).raw("x")
                .set(Ecs.EVENT_DATASET, "zeek.dns").set(Ecs.SOURCE_IP, src).set(Ecs.DESTINATION_IP, "192.168.1.1")
                .set(Ecs.DESTINATION_PORT, "53").set(Ecs.DNS_QUESTION_NAME, name).set(Ecs.DNS_ANSWERS_DATA, answer)
                .build();
    }

    /** Suricata's smtp event with its recipients. */
    static SecurityEvent smtp(TenantId company, DeviceId device, long at, String src, String dst, int port,
            String recipients) {
        return SecurityEvent.builder("suricata-eve").tenant(company).device(device).timestamp(at).received(at).raw("x")
                .set(Ecs.EVENT_DATASET, "suricata.smtp").set(Ecs.SOURCE_IP, src).set(Ecs.DESTINATION_IP, dst)
                .set(Ecs.DESTINATION_PORT, Integer.toString(port)).set(Ecs.NETWORK_PROTOCOL, "smtp")
                .set(Ecs.EMAIL_TO_ADDRESS, recipients).build();
    }
}
