package io.metacortex.calendar.internal.feeds;

import io.metacortex.calendar.internal.DeclaredHosts;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.util.Locale;
import java.util.Optional;

/**
 * A subscription's fields, checked: all of them (422 naming each field at fault), over the current ones for a PATCH.
 * The calendar's name and colour follow the calendars' own rules.
 */
record SubscriptionFields(FeedUrl url, String name, String colour, int refreshMinutes) {

    static final int DEFAULT_REFRESH_MINUTES = 60;
    static final int MIN_REFRESH_MINUTES = 5;
    static final int MAX_REFRESH_MINUTES = 10080;
    static final String DEFAULT_COLOUR = "#3a87ad";

    /**
     * @param current the fields a PATCH starts from; null for a new subscription, which needs url and name
     */
    static SubscriptionFields check(SubscriptionRequest request, SubscriptionFields current, DeclaredHosts hosts) {
        if (request == null) {
            throw ApiException.missingBody("the subscription's fields (url, name)");
        }
        FieldErrors errors = new FieldErrors();
        FeedUrl url = current == null ? null : current.url();
        if (request.url() != null || current == null) {
            url = url(request.url(), hosts, errors);
        }
        String name = current == null ? null : current.name();
        if (request.name() != null || current == null) {
            name = request.name() == null ? "" : request.name().strip();
            if (name.isEmpty()) {
                errors.add("name", "must not be blank");
            } else if (name.length() > 200) {
                errors.add("name", "must be at most 200 characters");
            }
        }
        String colour = current == null ? DEFAULT_COLOUR : current.colour();
        if (request.colour() != null) {
            colour = request.colour().strip().toLowerCase(Locale.ROOT);
            if (!colour.matches("#[0-9a-f]{6}")) {
                errors.add("colour", "must be a colour such as #3a87ad");
            }
        }
        int refresh = current == null ? DEFAULT_REFRESH_MINUTES : current.refreshMinutes();
        if (request.refreshMinutes() != null) {
            refresh = request.refreshMinutes();
            if (refresh < MIN_REFRESH_MINUTES || refresh > MAX_REFRESH_MINUTES) {
                errors.add(
                        "refreshMinutes",
                        "must be from " + MIN_REFRESH_MINUTES + " to " + MAX_REFRESH_MINUTES + " (a week)");
            }
        }
        errors.throwIfAny(ApiException::invalidBody);
        return new SubscriptionFields(url, name, colour, refresh);
    }

    private static FeedUrl url(String text, DeclaredHosts hosts, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            errors.add("url", "is required: the http(s) URL of an iCalendar feed");
            return null;
        }
        if (text.length() > 2000) {
            errors.add("url", "must be at most 2000 characters");
            return null;
        }
        Optional<FeedUrl> url = FeedUrl.parse(text);
        if (url.isEmpty()) {
            errors.add(
                    "url",
                    "must be an http or https URL such as https://calendar.google.com/calendar/ical/.../basic.ics");
            return null;
        }
        if (!hosts.allows(url.get().host())) {
            errors.add(
                    "url",
                    "the calendar may not reach " + url.get().host() + "; feeds may be on these hosts: "
                            + hosts.listed());
            return null;
        }
        return url.get();
    }
}
