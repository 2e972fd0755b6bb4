package org.switchboard.flow.internal.model;

/**
 * A setting a node type accepts: its name, its JSON kind, and whether it is required.
 *
 * @param name the key under the node's {@code settings}
 * @param kind the JSON kind the value must have
 * @param required whether the node is invalid without it
 */
record Setting(String name, Kind kind, boolean required) {

    /** JSON kinds of setting values. */
    enum Kind {
        STRING,
        BOOLEAN,
        INTEGER,
        STRING_LIST,
        STRING_MAP;

        String describe() {
            return switch (this) {
                case STRING -> "a string";
                case BOOLEAN -> "true or false";
                case INTEGER -> "a whole number";
                case STRING_LIST -> "a list of strings";
                case STRING_MAP -> "an object of string values";
            };
        }
    }

    static Setting required(String name, Kind kind) {
        return new Setting(name, kind, true);
    }

    static Setting optional(String name, Kind kind) {
        return new Setting(name, kind, false);
    }
}
