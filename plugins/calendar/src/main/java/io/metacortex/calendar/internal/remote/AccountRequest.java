package io.metacortex.calendar.internal.remote;

/** The body of {@code POST /api/calendar/accounts}: {@code name} is optional (the URL's host by default). */
public record AccountRequest(String url, String username, String password, String name) {

    /** Keeps the password out of logs and error pages that print the request. */
    @Override
    public String toString() {
        return "AccountRequest[url=" + url + ", username=" + username + ", name=" + name + "]";
    }
}
