package io.metacortex.calendar.internal.remote;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * The hosts an account's URL may name: those the plugin declares with {@code http:outbound;hosts="..."} (the pom's
 * {@code metacortex.plugin.permissions}; the host refuses any other), checked before anything is sent so that the
 * answer can list them.
 *
 * @param patterns host names, or {@code *.domain} for any subdomain of the domain
 */
public record CalDavHosts(List<String> patterns) {

    /** The common providers the plugin declares: keep in step with {@code metacortex.plugin.permissions}. */
    public static final CalDavHosts DECLARED = new CalDavHosts(List.of(
            "caldav.icloud.com",
            "*.icloud.com",
            "apidata.googleusercontent.com",
            "caldav.fastmail.com",
            "caldav.yandex.ru",
            "caldav.gmx.net",
            "caldav.web.de",
            "caldav.mailbox.org",
            "dav.mailbox.org",
            "caldav.posteo.de",
            "*.nextcloud.com",
            "caldav.zoho.com"));

    public CalDavHosts {
        patterns = List.copyOf(patterns);
    }

    /** @return whether {@code uri} names a host of the list */
    public boolean allows(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.startsWith("*.") ? name.endsWith(pattern.substring(1)) : name.equals(pattern)) {
                return true;
            }
        }
        return false;
    }
}
