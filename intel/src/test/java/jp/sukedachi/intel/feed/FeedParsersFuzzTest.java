package jp.sukedachi.intel.feed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import jp.sukedachi.intel.Normalize;

/**
 * The STIX pattern parser and the CSV splitter either succeed or throw IllegalArgumentException;
 * anything else (index out of bounds, stack overflow …) fails. Without JAZZER_FUZZ=1 this replays the
 * seed corpus in src/test/resources/.../FeedParsersFuzzTestInputs/&lt;method&gt;/ (regression mode).
 */
class FeedParsersFuzzTest {

    @FuzzTest
    void stixPattern(byte[] data) {
        String pattern = new String(data, StandardCharsets.UTF_8);
        try {
            List<StixPattern.Comparison> comparisons = StixPattern.parse(pattern);
            for (StixPattern.Comparison c : comparisons) {
                if (c.objectType().isEmpty() || c.path().isEmpty() || c.value() == null) {
                    throw new AssertionError("empty part in " + c);
                }
                StixFeed.typeOf(c);
            }
        } catch (IllegalArgumentException expected) {
            // rejected with a reason
        }
    }

    @FuzzTest
    void csvSplit(byte[] data) {
        String line = new String(data, StandardCharsets.UTF_8);
        try {
            List<String> fields = Csv.split(line);
            if (fields.isEmpty()) {
                throw new AssertionError("no field");
            }
        } catch (IllegalArgumentException expected) {
            // rejected with a reason
        }
        // Every value the CSV may hold goes through inference; that must not throw either.
        Normalize.infer(line);
    }
}
