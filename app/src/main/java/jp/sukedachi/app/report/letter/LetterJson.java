package jp.sukedachi.app.report.letter;

import tools.jackson.databind.json.JsonMapper;

/**
 * The facts snapshot as JSON. A mapper of its own, not the application's, so that a change of the web's JSON
 * settings never changes how a stored letter is read back.
 */
final class LetterJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private LetterJson() {
    }

    static String write(LetterFacts facts) {
        return JSON.writeValueAsString(facts);
    }

    static LetterFacts read(String json) {
        return JSON.readValue(json, LetterFacts.class);
    }
}
