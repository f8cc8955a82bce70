package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.internal.DeclaredHosts;
import io.metacortex.calendar.internal.LocalCalendars;
import io.metacortex.plugin.api.OutboundHttp;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.api.PluginPermissionException;
import io.metacortex.plugin.api.SecretStore;
import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.FieldErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * External CalDAV accounts: connect (discovery with the given credentials, then the password into the host's
 * {@link SecretStore} as {@code caldav/<account id>}, never into a table), list, link remote calendars to local ones,
 * delete (with its secret and sync job). Syncing is {@link AccountSync}.
 */
public final class AccountService {

    private final Jdbi jdbi;
    private final PluginContext context;
    private final DeclaredHosts hosts;
    private final LocalCalendars local;
    private final AccountSync sync;

    AccountService(Jdbi jdbi, PluginContext context, DeclaredHosts hosts, LocalCalendars local, AccountSync sync) {
        this.jdbi = jdbi;
        this.context = context;
        this.hosts = hosts;
        this.local = local;
        this.sync = sync;
    }

    static String secretName(long accountId) {
        return "caldav/" + accountId;
    }

    AccountView connect(UUID owner, AccountRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the account's url, username and password");
        }
        FieldErrors errors = new FieldErrors();
        URI url = url(request.url(), errors);
        String username = required("username", request.username(), errors);
        if (request.password() == null || request.password().isEmpty()) {
            errors.add("password", "is required");
        } else if (request.password().length() > 1000) {
            errors.add("password", "must be at most 1000 characters");
        }
        String name = request.name() == null ? null : request.name().strip();
        if (name != null && (name.isEmpty() || name.length() > 200)) {
            errors.add("name", "must be 1 to 200 characters");
        }
        errors.throwIfAny(ApiException::invalidBody);
        DavClient dav = new DavClient(http(), username, request.password());
        Discovery.Found found = discover(dav, url);
        String accountName = name == null ? url.getHost() : name;
        AccountView account = jdbi.inTransaction(h -> {
            AccountView created = AccountDao.insertAccount(
                    h,
                    owner,
                    accountName,
                    url.toString(),
                    username,
                    found.principal().toString(),
                    found.home().toString());
            secrets().put(secretName(created.id()), request.password());
            return created;
        });
        sync.schedule(owner, account.id());
        return account;
    }

    private Discovery.Found discover(DavClient dav, URI url) {
        try {
            Discovery.Found found = Discovery.discover(dav, url);
            if (!hosts.allows(found.home())) {
                throw RemoteErrors.unusableUrl(
                        "the calendars are on " + found.home().getHost() + ", which is not one of " + allowed());
            }
            return found;
        } catch (DavException.Unauthorized e) {
            throw RemoteErrors.credentialsRefused(e.getMessage());
        } catch (DavException e) {
            throw RemoteErrors.unusableUrl(e.getMessage());
        } catch (PluginPermissionException e) {
            throw RemoteErrors.unusableUrl("the server sent us to a host that is not one of " + allowed());
        }
    }

    private URI url(String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add("url", "is required: the CalDAV server's URL, e.g. https://caldav.fastmail.com/");
            return null;
        }
        try {
            URI url = new URI(value.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
                errors.add("url", "must be an http or https URL");
            } else if (url.getUserInfo() != null) {
                errors.add("url", "must not hold credentials: give them as username and password");
            } else if (!hosts.allows(url)) {
                errors.add("url", "must name one of the hosts this plugin may call: " + allowed());
            } else {
                return url.getPath() == null || url.getPath().isEmpty() ? url.resolve("/") : url;
            }
        } catch (URISyntaxException e) {
            errors.add("url", "must be an http or https URL");
        }
        return null;
    }

    private String allowed() {
        return hosts.listed();
    }

    private static String required(String field, String value, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required");
            return null;
        }
        if (value.length() > 200) {
            errors.add(field, "must be at most 200 characters");
        }
        return value.strip();
    }

    List<AccountView> list(UUID owner) {
        return tx(
                owner,
                h -> AccountDao.listAccounts(h, owner).stream()
                        .map(a -> a.withLinks(AccountDao.links(h, owner, a.id()).stream()
                                .map(AccountDao.Link::view)
                                .toList()))
                        .toList());
    }

    AccountView get(UUID owner, long id) {
        return tx(
                owner,
                h -> AccountDao.findAccount(h, owner, id)
                        .map(a -> a.withLinks(AccountDao.links(h, owner, id).stream()
                                .map(AccountDao.Link::view)
                                .toList()))
                        .orElseThrow(() -> RemoteErrors.accountNotFound(Long.toString(id))));
    }

    /** Deletes the account, its links (local calendars and their events stay), its secret and its sync job. */
    void delete(UUID owner, long id) {
        boolean deleted = tx(owner, h -> AccountDao.deleteAccount(h, owner, id));
        if (!deleted) {
            throw RemoteErrors.accountNotFound(Long.toString(id));
        }
        secrets().delete(secretName(id));
        sync.cancel(id);
    }

    /** @return the account's calendar collections, as the server lists them now, with the local calendar of each */
    List<RemoteCalendar> remoteCalendars(UUID owner, long id) {
        AccountView account = get(owner, id);
        Map<String, Long> linked = new HashMap<>();
        account.links().forEach(l -> linked.put(l.remoteUrl(), l.calendarId()));
        try {
            return Discovery.calendars(sync.client(account), URI.create(account.homeUrl())).stream()
                    .map(c -> c.linkedTo(linked.get(c.url())))
                    .toList();
        } catch (DavException.Unauthorized e) {
            throw RemoteErrors.credentialsRefused(e.getMessage());
        } catch (DavException e) {
            throw RemoteErrors.remoteFailed(e.getMessage());
        }
    }

    LinkView link(UUID owner, ZoneId userZone, long id, LinkRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the remote calendar's remoteUrl");
        }
        FieldErrors errors = new FieldErrors();
        if (request.remoteUrl() == null || request.remoteUrl().isBlank()) {
            errors.add("remoteUrl", "is required: the url of one of GET .../calendars");
        }
        if (request.name() != null
                && (request.name().isBlank() || request.name().length() > 200)) {
            errors.add("name", "must be 1 to 200 characters");
        }
        errors.throwIfAny(ApiException::invalidBody);
        RemoteCalendar remote = remoteCalendars(owner, id).stream()
                .filter(c -> c.url().equals(request.remoteUrl().strip()))
                .findFirst()
                .orElseThrow(() -> ApiException.invalidBody(
                        Map.of("remoteUrl", "is not one of this account's calendars (GET .../calendars)")));
        if (remote.linkedCalendarId() != null) {
            throw RemoteErrors.alreadyLinked("this remote calendar is linked to calendar " + remote.linkedCalendarId());
        }
        return tx(owner, h -> {
            long calendarId;
            if (request.calendarId() != null) {
                calendarId = request.calendarId();
                if (!local.exists(h, owner, calendarId)) {
                    throw ApiException.invalidBody(Map.of("calendarId", "is not one of your calendars"));
                }
                if (AccountDao.linkOfCalendar(h, owner, calendarId).isPresent()) {
                    throw RemoteErrors.alreadyLinked("calendar " + calendarId + " is linked to a remote calendar");
                }
            } else {
                String name = request.name() != null
                        ? request.name().strip()
                        : remote.displayName() != null ? remote.displayName() : "CalDAV calendar";
                calendarId = local.createCalendar(h, owner, name, userZone);
            }
            return AccountDao.insertLink(h, owner, id, calendarId, remote.url(), remote.displayName())
                    .view();
        });
    }

    void unlink(UUID owner, long id, long linkId) {
        get(owner, id);
        if (!tx(owner, h -> AccountDao.deleteLink(h, owner, id, linkId))) {
            throw RemoteErrors.linkNotFound(Long.toString(linkId));
        }
    }

    List<ConflictView> conflicts(UUID owner, long id) {
        get(owner, id);
        return tx(owner, h -> AccountDao.conflicts(h, owner, id));
    }

    SyncResult sync(UUID owner, long id) {
        get(owner, id);
        return sync.sync(owner, id);
    }

    private <T> T tx(UUID owner, HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(h -> {
            AccountDao.actAs(h, owner);
            return work.withHandle(h);
        });
    }

    private SecretStore secrets() {
        return context.secrets();
    }

    private OutboundHttp http() {
        return context.http();
    }
}
