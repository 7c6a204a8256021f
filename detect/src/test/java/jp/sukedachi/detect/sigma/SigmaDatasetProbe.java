package jp.sukedachi.detect.sigma;

import java.nio.file.*;
import java.util.*;
import java.util.stream.*;
import jp.sukedachi.ingest.parse.LogFormats;
import jp.sukedachi.event.SecurityEvent;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class SigmaDatasetProbe {
    @Test
    void probe() throws Exception {
        SigmaRuleSet.Builder b = new SigmaRuleSet.Builder();
        for (String d : List.of("rules", "rules-emerging-threats", "rules-threat-hunting")) {
            SigmaRuleSet s = SigmaRuleSet.load(Datasets.sigma().resolve(d));
            s.rules().forEach(b::addRule);
            s.rejected().forEach(r -> System.out.println("REJ " + r));
        }
        SigmaRuleSet set = b.build();
        SigmaEngine e = SigmaEngine.compile(set.rules(), LogsourceMappings.standard());
        SigmaEngine.Matcher m = e.newMatcher();
        LogFormats formats = LogFormats.standard();
        List<Path> infos;
        try (Stream<Path> s = Files.walk(Datasets.sigma().resolve("regression_data"))) {
            infos = s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
        int ok = 0, fail = 0, noevents = 0;
        for (Path info : infos) {
            Map<String, Object> doc = new Yaml().load(Files.readString(info));
            String id = (String) ((Map<?, ?>) ((List<?>) doc.get("rule_metadata")).get(0)).get("id");
            List<Path> files;
            try (Stream<Path> s = Files.list(info.getParent())) {
                files = s.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".jsoncls")).sorted().toList();
            }
            List<SecurityEvent> evs = new ArrayList<>();
            for (Path f : files) evs.addAll(EventFiles.parse(EventFiles.records(f), formats, 0).events());
            if (evs.isEmpty()) { noevents++; System.out.println("NOEVENTS " + info); continue; }
            boolean fired = false;
            Set<String> others = new TreeSet<>();
            for (SecurityEvent ev : evs) for (SigmaRule r : m.match(ev)) { if (r.id().equals(id)) fired = true; else others.add(r.id()); }
            if (fired) ok++; else { fail++; System.out.println("FAIL " + id + " " + info.getParent().getFileName() + " " + evs.get(0).originalFields()); }
        }
        System.out.println("ok " + ok + " fail " + fail + " noevents " + noevents);
    }
}
