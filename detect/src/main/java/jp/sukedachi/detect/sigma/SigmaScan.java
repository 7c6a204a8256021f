package jp.sukedachi.detect.sigma;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jp.sukedachi.ingest.parse.LogFormats;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * {@code ./sukedachi sigma scan --rules DIR EVENTFILE...}: one JSON line per (rule, event) match, then a
 * summary line with the rule and event counts. Exit code 0, or 2 for bad arguments.
 */
public final class SigmaScan {
    private SigmaScan() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        List<Path> ruleDirs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--rules") && i + 1 < args.length) {
                ruleDirs.add(Path.of(args[++i]));
            } else if (a.startsWith("--rules=")) {
                ruleDirs.add(Path.of(a.substring("--rules=".length())));
            } else if (a.startsWith("-")) {
                err.println("sigma scan: unknown option " + a);
                return 2;
            } else {
                files.add(Path.of(a));
            }
        }
        if (ruleDirs.isEmpty() || files.isEmpty()) {
            err.println("usage: sigma scan --rules DIR [--rules DIR…] EVENTFILE...");
            return 2;
        }
        SigmaRuleSet.Builder b = new SigmaRuleSet.Builder();
        int rejected = 0;
        for (Path d : ruleDirs) {
            if (!Files.isDirectory(d)) {
                err.println("sigma scan: not a directory: " + d);
                return 2;
            }
            SigmaRuleSet s = SigmaRuleSet.load(d);
            rejected += s.rejected().size();
            for (SigmaRuleSet.Rejected r : s.rejected()) {
                err.println("rejected " + d.resolve(r.file()) + ": " + r.category() + ": " + r.reason());
            }
            s.rules().forEach(r -> b.addRule(r));
        }
        SigmaRuleSet set = b.build();
        rejected += set.rejected().size();
        SigmaEngine engine = SigmaEngine.compile(set.rules(), LogsourceMappings.standard());
        SigmaEngine.Matcher m = engine.newMatcher();
        LogFormats formats = LogFormats.standard();
        long events = 0;
        long unparsed = 0;
        long matches = 0;
        for (Path f : files) {
            EventFiles.Parsed p = EventFiles.parse(EventFiles.records(f), formats, System.currentTimeMillis());
            unparsed += p.unparsed();
            for (int i = 0; i < p.events().size(); i++) {
                for (SigmaRule r : m.match(p.events().get(i))) {
                    out.println("{\"rule\":" + q(r.id()) + ",\"title\":" + q(r.title()) + ",\"file\":" + q(f.toString())
                            + ",\"event\":" + i + "}");
                    matches++;
                }
            }
            events += p.events().size();
        }
        out.println("{\"summary\":true,\"rules_loaded\":" + set.rules().size() + ",\"rules_rejected\":" + rejected
                + ",\"rules_active\":" + engine.activeRules().size() + ",\"files\":" + files.size() + ",\"events\":" + events
                + ",\"unparsed\":" + unparsed + ",\"matches\":" + matches + "}");
        return 0;
    }

    private static String q(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        return sb.append('"').toString();
    }
}
