package io.metacortex.host.jobs;

import java.util.regex.Pattern;

/**
 * Names a plugin's job: its db-scheduler task instance is {@code <plugin>/<type>/<key>} (plugin ids and types hold
 * no {@code /}; a key may), so that the table's generated columns {@code plugin_id} and {@code job_type} can read
 * them back.
 */
public record JobId(String pluginId, String type, String key) {

    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final int MAX_KEY_LENGTH = 200;

    /** @return the db-scheduler task instance id */
    public String instance() {
        return pluginId + "/" + type + "/" + key;
    }

    /** @throws IllegalArgumentException when {@code instance} is not {@code <plugin>/<type>/<key>} */
    public static JobId parse(String instance) {
        int first = instance.indexOf('/');
        int second = first < 0 ? -1 : instance.indexOf('/', first + 1);
        if (second < 0) {
            throw new IllegalArgumentException("Not a plugin job: " + instance);
        }
        return new JobId(
                instance.substring(0, first), instance.substring(first + 1, second), instance.substring(second + 1));
    }

    /** @throws IllegalArgumentException naming what is wrong with the job type, for the plugin's author */
    static String requireType(String type) {
        if (type == null || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("Job type " + quote(type) + " is not valid: use 1 to 64 lower-case"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. send-digest.");
        }
        return type;
    }

    /** @throws IllegalArgumentException naming what is wrong with the key, for the plugin's author */
    static String requireKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "Job key " + quote(key) + " is not valid: it needs 1 to " + MAX_KEY_LENGTH + " characters.");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "Job key " + quote(key) + " is not valid: it holds a control character.");
        }
        return key;
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
