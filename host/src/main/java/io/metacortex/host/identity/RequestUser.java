package io.metacortex.host.identity;

import java.util.UUID;

/**
 * The user a plugin's request runs for, on the request's thread. A plugin's database connections carry it as
 * {@code app.user_id}, so row-level security policies can use {@code current_setting('app.user_id', true)}.
 */
public final class RequestUser {

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private RequestUser() {}

    /**
     * Makes {@code user} (null: nobody) the current user of this thread.
     *
     * @return the previous one, to hand to {@link #restore} in a {@code finally}
     */
    public static UUID enter(UUID user) {
        UUID previous = CURRENT.get();
        CURRENT.set(user);
        return previous;
    }

    public static void restore(UUID previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** @return the user id as text, or the empty string outside a user's request */
    public static String currentId() {
        UUID user = CURRENT.get();
        return user == null ? "" : user.toString();
    }
}
