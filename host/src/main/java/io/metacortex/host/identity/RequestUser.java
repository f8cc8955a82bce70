package io.metacortex.host.identity;

import java.util.UUID;

/**
 * The user a plugin's request runs for, on the request's thread. A plugin's database connections carry it as
 * {@code app.user_id}, so row-level security policies can use {@code current_setting('app.user_id', true)}.
 */
public final class RequestUser {

    private static final ThreadLocal<UUID> CURRENT = new ThreadLocal<>();

    private RequestUser() {
    }

    /** Runs {@code work} on behalf of {@code user} (null: nobody). */
    public static <E extends Exception> void runAs(UUID user, Work<E> work) throws E {
        UUID previous = CURRENT.get();
        CURRENT.set(user);
        try {
            work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** @return the user id as text, or the empty string outside a user's request */
    public static String currentId() {
        UUID user = CURRENT.get();
        return user == null ? "" : user.toString();
    }

    /** A piece of work that may throw. */
    @FunctionalInterface
    public interface Work<E extends Exception> {
        void run() throws E;
    }
}
