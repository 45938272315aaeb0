package dev.emrsessionstarter.core.reading;

/** Builds the field paths that violations name, safe to print whatever the keys contain. */
final class FieldPath {

    /** Long or hostile keys are shortened so one violation cannot flood a log line or an event. */
    private static final int MAX_KEY_CHARS = 64;

    private FieldPath() {
    }

    static String member(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** A map key in brackets and quotes: keys like {@code spark.executor.memory} contain dots. */
    static String key(String parent, String key) {
        return parent + "[\"" + printable(key) + "\"]";
    }

    /** Quotes a field name the producer sent (unknown fields), escaped and shortened. */
    static String quoted(String name) {
        return "\"" + printable(name) + "\"";
    }

    static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < raw.length() && shown < MAX_KEY_CHARS; i++, shown++) {
            char c = raw.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (raw.length() > MAX_KEY_CHARS) {
            out.append("...(").append(raw.length()).append(" chars)");
        }
        return out.toString();
    }
}
