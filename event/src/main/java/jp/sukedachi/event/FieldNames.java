package jp.sukedachi.event;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbered field names of {@code field-names.txt}: {@link EventCodec} writes a listed name as its number (one or
 * two bytes) instead of the name. Names ("id.orig_h", "destination.port", …) were a third of the journal's bytes for
 * a Zeek TSV event ({@code ./sukedachi bench ingest}, journal B/ev: 947 with names written out, 649 numbered), and
 * the journal writes every byte to disk before a batch is acknowledged. The numbers are part of the stored format,
 * so the list only ever grows at its end.
 */
final class FieldNames {
    private static final String RESOURCE = "field-names.txt";
    /** Canonical names by number: the {@link Ecs} constants' own objects, else interned. */
    private static final String[] BY_ID;
    private static final Map<String, Integer> IDS;

    static {
        List<String> names = load();
        BY_ID = new String[names.size()];
        IDS = new HashMap<>(names.size() * 2);
        for (int i = 0; i < BY_ID.length; i++) {
            String name = names.get(i);
            String canonical = Ecs.intern(name);
            BY_ID[i] = canonical == name ? name.intern() : canonical;
            if (IDS.putIfAbsent(name, i) != null) {
                throw new IllegalStateException(RESOURCE + " lists " + name + " twice");
            }
        }
    }

    private FieldNames() {
    }

    /** The name's number, or -1 when it is not listed. */
    static int id(String name) {
        Integer id = IDS.get(name);
        return id == null ? -1 : id;
    }

    /** The canonical name of a number; an unknown number is a damaged or newer record. */
    static String name(int id) {
        if (id < 0 || id >= BY_ID.length) {
            throw new IllegalArgumentException("unknown field name number " + id + " (this version knows "
                    + BY_ID.length + ")");
        }
        return BY_ID[id];
    }

    static int count() {
        return BY_ID.length;
    }

    private static List<String> load() {
        try (InputStream in = FieldNames.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the event module");
            }
            List<String> names = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    names.add(line);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
