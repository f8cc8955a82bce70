package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.internal.LocalCalendars;
import io.metacortex.calendar.internal.LocalCalendars.LocalObject;
import io.metacortex.calendar.internal.LocalCalendars.Written;
import io.metacortex.calendar.internal.ics.IcsException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * One sync of one linked calendar, both ways:
 *
 * <ol>
 *   <li>remote changes since the last sync: an RFC 6578 sync-collection from the stored token when the collection
 *       has one, else (and when the ctag moved) the href and etag of every VEVENT object compared with those stored;
 *       the changed objects are fetched with calendar-multiget;
 *   <li>local changes: the UIDs with a change number after the one noted when the last sync started whose etag
 *       differs from the one stored at the last sync (or that were deleted);
 *   <li>a UID changed on one side only is copied to the other (PUT with {@code If-Match}, or {@code If-None-Match: *}
 *       for a new one; DELETE with {@code If-Match}); changed on both sides (or a push refused with 412) is a
 *       conflict: <b>the remote version wins</b>, is stored locally, and the local version is kept in the conflict.
 * </ol>
 */
final class LinkSync {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final int MULTIGET_BATCH = 50;

    /** A remote object as fetched: its UID and text as this plugin stores it. */
    private record RemoteObject(String uid, URI href, String etag, String ics) {}

    private final Jdbi jdbi;
    private final LocalCalendars local;
    private final DavClient dav;
    private final UUID owner;
    private final AccountDao.Link link;
    private final boolean useSyncCollection;
    private final URI collection;

    private final Map<String, AccountDao.Mapping> byUid = new HashMap<>();
    private final Map<URI, AccountDao.Mapping> byHref = new HashMap<>();
    private final Map<String, RemoteObject> remoteChanged = new HashMap<>();
    private final Set<String> remoteRemoved = new HashSet<>();

    int pulled;
    int removedLocally;
    int pushed;
    int removedRemotely;
    int conflicts;
    final List<String> skipped = new ArrayList<>();

    LinkSync(Jdbi jdbi, LocalCalendars local, DavClient dav, UUID owner, AccountDao.Link link, boolean syncCollection) {
        this.jdbi = jdbi;
        this.local = local;
        this.dav = dav;
        this.owner = owner;
        this.link = link;
        this.useSyncCollection = syncCollection;
        this.collection = URI.create(link.remoteUrl());
    }

    void run() {
        long startChange = tx(h -> local.changeNumber(h, owner, link.calendarId()));
        for (AccountDao.Mapping m : tx(h -> AccountDao.mappings(h, owner, link.id()))) {
            byUid.put(m.uid(), m);
            byHref.put(URI.create(m.href()), m);
        }
        Multistatus.Member state = dav.propfind(collection, 0, DavXml.COLLECTION_STATE).members().stream()
                .findFirst()
                .orElseThrow(() -> new DavException(
                        "the CalDAV server at " + collection.getHost() + " did not describe the linked calendar"));
        String ctag = state.text(DavXml.CALSERVER, "getctag").orElse(null);
        Optional<String> serverToken = useSyncCollection ? state.text(DavXml.DAV, "sync-token") : Optional.empty();
        String token = null;
        if (serverToken.isPresent()) {
            token = serverToken.get().equals(link.syncToken()) ? link.syncToken() : pullBySyncCollection();
        } else if (ctag == null || !ctag.equals(link.ctag())) {
            pullByEtags();
        }
        Set<String> localChanged = localChanges();
        Set<String> uids = new LinkedHashSet<>(remoteChanged.keySet());
        uids.addAll(remoteRemoved);
        uids.addAll(localChanged);
        for (String uid : uids) {
            reconcile(uid, localChanged.contains(uid));
        }
        String newToken = token;
        tx(h -> {
            AccountDao.linkSynced(h, owner, link.id(), newToken, ctag, startChange);
            return null;
        });
    }

    /** @return the new sync token, after noting what changed since the stored one */
    private String pullBySyncCollection() {
        Optional<Multistatus> changes = dav.syncCollection(collection, link.syncToken());
        if (changes.isEmpty()) {
            // The server forgot our token: start again from nothing; unchanged objects compare equal by etag.
            changes = dav.syncCollection(collection, null);
        }
        Multistatus found = changes.orElseThrow();
        List<URI> changed = new ArrayList<>();
        for (Multistatus.Member m : found.members()) {
            if (m.href().equals(collection)) {
                continue;
            }
            if (m.status() == 404) {
                removedAt(m.href());
            } else if (isChanged(m)) {
                changed.add(m.href());
            }
        }
        fetch(changed);
        return found.syncToken().orElse(null);
    }

    private void pullByEtags() {
        Multistatus listing = dav.report(collection, 1, DavXml.EVENT_ETAGS);
        Set<URI> present = new HashSet<>();
        List<URI> changed = new ArrayList<>();
        for (Multistatus.Member m : listing.members()) {
            if (m.href().equals(collection) || m.status() == 404) {
                continue;
            }
            present.add(m.href());
            if (isChanged(m)) {
                changed.add(m.href());
            }
        }
        new ArrayList<>(byHref.keySet())
                .stream().filter(h -> !present.contains(h)).forEach(this::removedAt);
        fetch(changed);
    }

    private boolean isChanged(Multistatus.Member m) {
        AccountDao.Mapping known = byHref.get(m.href());
        Optional<String> etag = m.text(DavXml.DAV, "getetag");
        return known == null
                || known.remoteEtag() == null
                || etag.isEmpty()
                || !etag.get().equals(known.remoteEtag());
    }

    private void removedAt(URI href) {
        AccountDao.Mapping known = byHref.get(href);
        if (known != null) {
            remoteRemoved.add(known.uid());
        }
    }

    private void fetch(List<URI> hrefs) {
        for (int i = 0; i < hrefs.size(); i += MULTIGET_BATCH) {
            List<String> batch = hrefs.subList(i, Math.min(hrefs.size(), i + MULTIGET_BATCH)).stream()
                    .map(URI::getRawPath)
                    .toList();
            for (Multistatus.Member m : dav.multiget(collection, batch).members()) {
                if (m.status() == 404) {
                    removedAt(m.href());
                    continue;
                }
                remote(m).ifPresent(r -> {
                    remoteChanged.put(r.uid(), r);
                    remoteRemoved.remove(r.uid());
                });
            }
        }
    }

    private Optional<RemoteObject> remote(Multistatus.Member m) {
        Optional<String> data = m.text(DavXml.CALDAV, "calendar-data");
        if (data.isEmpty()) {
            return Optional.empty();
        }
        try {
            return LocalCalendars.parse(data.get())
                    .map(o -> new RemoteObject(
                            o.uid(), m.href(), m.text(DavXml.DAV, "getetag").orElse(null), o.ics()));
        } catch (IcsException e) {
            skipped.add(m.href().getRawPath() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** @return the UIDs changed locally since the last sync started */
    private Set<String> localChanges() {
        return tx(h -> {
            Set<String> changed = new LinkedHashSet<>();
            for (LocalCalendars.LocalChange c : local.changesSince(h, owner, link.calendarId(), link.localChange())) {
                AccountDao.Mapping known = byUid.get(c.uid());
                if (c.deleted()) {
                    if (known != null) {
                        changed.add(c.uid());
                    }
                } else {
                    Optional<LocalObject> now = local.find(h, owner, link.calendarId(), c.uid());
                    if (now.isPresent() && (known == null || !now.get().etag().equals(known.localEtag()))) {
                        changed.add(c.uid());
                    }
                }
            }
            return changed;
        });
    }

    private void reconcile(String uid, boolean localChanged) {
        AccountDao.Mapping known = byUid.get(uid);
        RemoteObject remote = remoteChanged.get(uid);
        boolean remoteChange = remote != null || remoteRemoved.contains(uid);
        Optional<LocalObject> mine = tx(h -> local.find(h, owner, link.calendarId(), uid));
        if (remoteChange && !localChanged) {
            applyRemote(uid, remote, mine.isPresent());
        } else if (!remoteChange) {
            push(uid, mine.orElse(null), known);
        } else if (remote != null
                && mine.isPresent()
                && remote.ics().equals(mine.get().ics())) {
            tx(h -> {
                AccountDao.putMapping(
                        h,
                        owner,
                        link.id(),
                        new AccountDao.Mapping(
                                uid,
                                remote.href().toString(),
                                remote.etag(),
                                mine.get().etag()));
                return null;
            });
        } else if (remote == null && mine.isEmpty()) {
            tx(h -> {
                AccountDao.deleteMapping(h, owner, link.id(), uid);
                return null;
            });
        } else {
            conflict(uid, remote, mine.map(LocalObject::ics).orElse(null), "changed on both sides since the last sync");
        }
    }

    /** Stores the remote version locally (or deletes the local one when {@code remote} is null). */
    private void applyRemote(String uid, RemoteObject remote, boolean existsLocally) {
        Optional<Written> written = tx(h -> {
            if (remote == null) {
                AccountDao.deleteMapping(h, owner, link.id(), uid);
                return local.delete(h, owner, link.calendarId(), uid);
            }
            Written w = local.put(h, owner, link.calendarId(), remote.ics());
            AccountDao.putMapping(
                    h,
                    owner,
                    link.id(),
                    new AccountDao.Mapping(uid, remote.href().toString(), remote.etag(), w.etag()));
            return Optional.of(w);
        });
        written.ifPresent(Written::reschedule);
        if (remote == null) {
            removedLocally += existsLocally ? 1 : 0;
        } else {
            pulled++;
        }
    }

    private void conflict(String uid, RemoteObject remote, String losingIcs, String reason) {
        applyRemote(uid, remote, losingIcs != null);
        tx(h -> {
            AccountDao.insertConflict(h, owner, link.accountId(), link.calendarId(), uid, "remote", reason, losingIcs);
            return null;
        });
        conflicts++;
    }

    private void push(String uid, LocalObject mine, AccountDao.Mapping known) {
        if (mine == null) {
            if (known == null) {
                return;
            }
            URI href = URI.create(known.href());
            DavClient.Answer answer = dav.delete(href, known.remoteEtag());
            if (answer.status() == 412) {
                conflict(uid, fetchOne(href).orElse(null), null, "the server refused the delete (412): changed there");
            } else if (answer.status() / 100 == 2 || answer.status() == 404) {
                tx(h -> {
                    AccountDao.deleteMapping(h, owner, link.id(), uid);
                    return null;
                });
                removedRemotely += answer.status() == 404 ? 0 : 1;
            } else {
                skipped.add(uid + ": the server answered " + answer.status() + " to its DELETE");
            }
            return;
        }
        URI href = known != null ? URI.create(known.href()) : collection.resolve(objectName(uid));
        DavClient.Answer answer = dav.put(href, mine.ics(), known == null, known == null ? null : known.remoteEtag());
        if (answer.status() == 412) {
            conflict(
                    uid, fetchOne(href).orElse(null), mine.ics(), "the server refused the change (412): changed there");
        } else if (answer.status() / 100 == 2) {
            String etag = answer.etag().orElseGet(() -> etagOf(href));
            tx(h -> {
                AccountDao.putMapping(
                        h, owner, link.id(), new AccountDao.Mapping(uid, href.toString(), etag, mine.etag()));
                return null;
            });
            pushed++;
        } else {
            skipped.add(uid + ": the server answered " + answer.status() + " to its PUT");
        }
    }

    private Optional<RemoteObject> fetchOne(URI href) {
        return dav.multiget(collection, List.of(href.getRawPath())).members().stream()
                .filter(m -> m.status() != 404)
                .findFirst()
                .flatMap(this::remote);
    }

    private String etagOf(URI href) {
        return dav.propfind(href, 0, DavXml.ETAG).members().stream()
                .findFirst()
                .flatMap(m -> m.text(DavXml.DAV, "getetag"))
                .orElse(null);
    }

    private static String objectName(String uid) {
        return (SAFE_NAME.matcher(uid).matches() ? uid : UUID.randomUUID().toString()) + ".ics";
    }

    private <T> T tx(HandleCallback<T, RuntimeException> work) {
        return jdbi.inTransaction(h -> {
            AccountDao.actAs(h, owner);
            return work.withHandle(h);
        });
    }

    SyncResult result() {
        return new SyncResult(pulled, removedLocally, pushed, removedRemotely, conflicts, List.copyOf(skipped));
    }
}
