package jp.sukedachi.app.demo;

import java.util.List;

/**
 * What the demo is doing and whether each attack case was caught: for every case and company, the detector
 * that should alert, whether that detector exists in this build yet, and the alerts it produced.
 */
record DemoStatus(String phase, int progressPercent, long eventsSent, List<CaseStatus> cases) {

    public record CaseStatus(int number, String titleJa, String titleEn, List<Check> checks) {
    }

    /**
     * @param available false: the detector is not built yet ("waiting for detector X")
     * @param alerts    alerts at the company that detector contributed to (one of their detectors)
     * @param highestSeverity the highest severity among them, null if none
     */
    public record Check(String company, String detector, boolean available, int alerts, String highestSeverity) {
    }
}
