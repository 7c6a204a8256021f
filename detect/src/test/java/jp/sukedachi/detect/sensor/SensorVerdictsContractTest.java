package jp.sukedachi.detect.sensor;

import java.util.List;
import jp.sukedachi.detect.Detector;
import jp.sukedachi.detect.DetectorContract;
import jp.sukedachi.event.DeviceId;
import jp.sukedachi.event.Ecs;
import jp.sukedachi.event.SecurityEvent;
import jp.sukedachi.event.TenantId;

/** The sensors' verdicts under the shared contract: a blocked virus, ordinary traffic, an intrusion let through. */
class SensorVerdictsContractTest extends DetectorContract {
    @Override
    protected Detector newDetector() {
        return new SensorVerdicts();
    }

    private static SecurityEvent.Builder fortigate(TenantId company, DeviceId device, long at) {
        return SecurityEvent.builder("fortigate").tenant(company).device(device).timestamp(at).received(at).raw("x");
    }

    @Override
    protected List<Step> scenario(TenantId company, DeviceId device) {
        return List.of(
                feed(fortigate(company, device, T0).set(Ecs.EVENT_DATASET, "fortigate.utm.virus")
                        .set(Ecs.RULE_NAME, "W32/Filecoder.DEMO!tr.ransom").set(Ecs.RULE_ID, "8150001")
                        .set(Ecs.EVENT_ACTION, "blocked").set(Ecs.SOURCE_IP, "192.168.3.21").build()),
                feed(fortigate(company, device, T0 + 1_000).set(Ecs.EVENT_DATASET, "fortigate.traffic.forward")
                        .set(Ecs.EVENT_ACTION, "accept").build()),
                advance(T0 + 1_000),
                feed(fortigate(company, device, T0 + 2_000).set(Ecs.EVENT_DATASET, "fortigate.utm.ips")
                        .set(Ecs.RULE_NAME, "Emotet.Botnet").set(Ecs.RULE_ID, "47541").set(Ecs.EVENT_ACTION, "detected")
                        .set(Ecs.EVENT_SEVERITY, "critical").set(Ecs.SOURCE_IP, "192.168.9.26")
                        .set(Ecs.DESTINATION_IP, "203.0.113.121").build()),
                advance(T0 + 2_000));
    }
}
