package jp.sukedachi.detect.sigma;

import java.nio.file.*;
import java.util.*;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.Test;

class SigmaTuneProbe {
    @Test
    void probe() throws Exception {
        SigmaRuleSet set = SigmaDatasetTest.allRules();
        SigmaEngine e = SigmaEngine.compile(set.rules(), LogsourceMappings.standard());
        e.describe().stream().filter(l -> l.startsWith("windows")).forEach(l -> System.out.println(l.length() > 600 ? l.substring(0, 600) : l));
        SigmaEngine.Matcher m = e.newMatcher();
        LogFormats formats = LogFormats.standard();
        Map<String, long[]> byKey = new TreeMap<>();
        for (Path z : SigmaDatasetTest.otrfZips()) {
            for (SecurityEvent ev : EventFiles.parse(EventFiles.records(z), formats, 0).events()) {
                long before = m.evaluated;
                m.match(ev);
                long[] c = byKey.computeIfAbsent(ev.original("Channel") + "/" + ev.original("EventID"), k -> new long[2]);
                c[0]++; c[1] += m.evaluated - before;
            }
        }
        byKey.forEach((k, c) -> System.out.printf("%s events=%d evals/event=%.1f%n", k, c[0], c[1] / (double) c[0]));
    }
}
