package io.metacortex.calendar.internal;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts a subscribed feed's or an external CalDAV account's URL may name: those the plugin declares with
 * {@code http:outbound;hosts="..."} (the pom's {@code metacortex.plugin.permissions}; the host refuses any other),
 * checked before anything is sent so that the answer can list them. {@code calendar.google.com} matches exactly,
 * {@code *.icloud.com} any subdomain.
 *
 * @param patterns host names, or {@code *.domain} for any subdomain of the domain
 */
public record DeclaredHosts(List<String> patterns) {

    /**
     * The common calendar feed hosts and CalDAV providers the bundle declares (CalendarPluginTest compares them with
     * its {@code MetaCortex-Plugin-Permissions}).
     */
    public static final DeclaredHosts DECLARED = of(
            // ICS feeds
            "calendar.google.com",
            "*.icloud.com",
            "outlook.office365.com",
            "outlook.live.com",
            "*.fastmail.com",
            "*.calendar.yahoo.com",
            "calendar.proton.me",
            "ics.teamup.com",
            // CalDAV providers
            "caldav.icloud.com",
            "apidata.googleusercontent.com",
            "caldav.fastmail.com",
            "caldav.yandex.ru",
            "caldav.gmx.net",
            "caldav.web.de",
            "caldav.mailbox.org",
            "dav.mailbox.org",
            "caldav.posteo.de",
            "*.nextcloud.com",
            "caldav.zoho.com");

    public DeclaredHosts {
        patterns = patterns.stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    }

    public static DeclaredHosts of(String... patterns) {
        return new DeclaredHosts(List.of(patterns));
    }

    /** @return whether {@code uri} names a host of the list */
    public boolean allows(URI uri) {
        return uri.getHost() != null && allows(uri.getHost());
    }

    /** @return whether {@code host} is one of the list */
    public boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }

    /** @return the patterns, comma-separated, as an error message lists them */
    public String listed() {
        return String.join(", ", patterns);
    }
}
