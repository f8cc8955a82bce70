package io.metacortex.host.identity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Map;

/** The checks of a user's profile fields, shared by user creation and the user's own profile update. */
public final class ProfileFields {

    private ProfileFields() {}

    /** @return the trimmed display name, or null after recording under {@code displayName} why it is refused */
    public static String displayName(String raw, Map<String, String> errors) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty() || name.length() > 200) {
            errors.put("displayName", "must be 1 to 200 characters");
            return null;
        }
        return name;
    }

    /** @return the time zone, or null after recording under {@code timeZone} why it is refused */
    public static ZoneId timeZone(String raw, Map<String, String> errors) {
        try {
            return ZoneId.of(raw == null ? "" : raw.trim());
        } catch (DateTimeException e) {
            errors.put("timeZone", "must be an IANA time zone such as Europe/Berlin");
            return null;
        }
    }
}
