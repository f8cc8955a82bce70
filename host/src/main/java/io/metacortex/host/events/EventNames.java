package io.metacortex.host.events;

import java.util.regex.Pattern;

/** What an event type (and a publisher's id, as subscriptions name it) may look like. */
final class EventNames {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private EventNames() {}

    /** @throws IllegalArgumentException naming what a type must be */
    static String requireType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException(
                    "Event type '" + type + "' is not valid: use 1 to 64 characters, lower-case"
                            + " letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. task.completed.");
        }
        return type;
    }

    /** @throws IllegalArgumentException naming what a publisher id must be */
    static String requirePublisher(String publisher) {
        if (publisher == null || !TYPE.matcher(publisher).matches()) {
            throw new IllegalArgumentException("Publisher '" + publisher + "' is not a plugin id, e.g. tasks.");
        }
        return publisher;
    }
}
