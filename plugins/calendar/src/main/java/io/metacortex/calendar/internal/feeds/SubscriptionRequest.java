package io.metacortex.calendar.internal.feeds;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * The body that creates a subscription (all but {@code colour} and {@code refreshMinutes} required) or patches one
 * (only the fields given change).
 *
 * @param url an http(s) URL of an iCalendar feed, on a host the plugin may reach ({@code webcal://} means https)
 * @param colour {@code #rrggbb} ({@code color} is accepted too)
 * @param refreshMinutes how often the feed is fetched, 5 to 10080 (a week); 60 when absent
 */
public record SubscriptionRequest(
        String url, String name, @JsonAlias("color") String colour, Integer refreshMinutes) {}
