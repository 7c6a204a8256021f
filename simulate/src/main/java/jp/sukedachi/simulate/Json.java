package jp.sukedachi.simulate;

import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/** One JSON line written with Jackson's generator (escaping done right); fluent, for the record writers. */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final StringWriter out = new StringWriter(512);
    private final JsonGenerator g;

    Json() {
        g = FACTORY.createGenerator(out);
        g.writeStartObject();
    }

    Json str(String name, String value) {
        if (value != null) {
            g.writeStringProperty(name, value);
        }
        return this;
    }

    Json num(String name, long value) {
        g.writeNumberProperty(name, value);
        return this;
    }

    Json dbl(String name, double value) {
        g.writeNumberProperty(name, value);
        return this;
    }

    Json bool(String name, boolean value) {
        g.writeBooleanProperty(name, value);
        return this;
    }

    Json strings(String name, String... values) {
        g.writeArrayPropertyStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
        return this;
    }

    Json open(String name) {
        g.writeObjectPropertyStart(name);
        return this;
    }

    Json close() {
        g.writeEndObject();
        return this;
    }

    /** Ends the top-level object and returns the line. */
    String line() {
        g.writeEndObject();
        g.close();
        return out.toString();
    }
}
