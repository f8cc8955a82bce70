package io.metacortex.calendar.internal.remote;

import java.time.Instant;
import java.util.List;

/** An external CalDAV account as the API shows it: never its password. */
public record AccountView(
        long id,
        String name,
        String url,
        String username,
        String principalUrl,
        String homeUrl,
        Instant lastSyncAt,
        String lastError,
        Instant createdAt,
        List<LinkView> links) {

    AccountView withLinks(List<LinkView> newLinks) {
        return new AccountView(
                id,
                name,
                url,
                username,
                principalUrl,
                homeUrl,
                lastSyncAt,
                lastError,
                createdAt,
                List.copyOf(newLinks));
    }
}
