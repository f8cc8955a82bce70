package io.metacortex.calendar.internal.feeds;

import java.util.List;
import java.util.Locale;

/**
 * The hosts a feed URL may name: those the plugin declares with {@code http:outbound} (pom.xml,
 * {@code metacortex.plugin.permissions}), written as the host matches them: {@code calendar.google.com} exactly,
 * {@code *.icloud.com} any subdomain.
 */
public record FeedHosts(List<String> patterns) {

    /** The common calendar feed hosts, as declared in the bundle's {@code MetaCortex-Plugin-Permissions}. */
    public static final FeedHosts DECLARED = new FeedHosts(List.of(
            "calendar.google.com",
            "*.icloud.com",
            "outlook.office365.com",
            "outlook.live.com",
            "*.fastmail.com",
            "*.calendar.yahoo.com",
            "calendar.proton.me",
            "ics.teamup.com"));

    public FeedHosts {
        patterns = patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    }

    public static FeedHosts of(String... patterns) {
        return new FeedHosts(List.of(patterns));
    }

    boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
