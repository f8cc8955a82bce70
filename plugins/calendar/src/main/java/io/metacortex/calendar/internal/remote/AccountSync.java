package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.internal.LocalCalendars;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.api.jobs.Job;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs an account's linked calendars ({@link LinkSync} each), from {@code POST .../accounts/{id}/sync} and from the
 * account's recurring job ({@value #JOB}, key {@code account-<id>}, every {@link #INTERVAL}). One sync of an account
 * runs at a time (a PostgreSQL advisory lock); the outcome is noted on the account ({@code lastSyncAt},
 * {@code lastError}).
 */
public final class AccountSync {

    static final String JOB = "caldav-sync";
    static final Duration INTERVAL = Duration.ofMinutes(15);
    /** The first key of the advisory lock taken for an account's sync (the second is the account's id). */
    private static final int LOCK_SPACE = 0x43616c44;

    private static final Logger LOG = LoggerFactory.getLogger(AccountSync.class);

    /** The job's payload: which account, whose. */
    record Payload(long accountId, UUID ownerId) {}

    private final Jdbi jdbi;
    private final PluginContext context;
    private final LocalCalendars local;
    private final boolean useSyncCollection;

    AccountSync(Jdbi jdbi, PluginContext context, LocalCalendars local, boolean useSyncCollection) {
        this.jdbi = jdbi;
        this.context = context;
        this.local = local;
        this.useSyncCollection = useSyncCollection;
    }

    static String key(long accountId) {
        return "account-" + accountId;
    }

    void schedule(UUID owner, long accountId) {
        context.jobs()
                .schedule(JOB, new Payload(accountId, owner))
                .key(key(accountId))
                .every(INTERVAL);
    }

    void cancel(long accountId) {
        context.jobs().cancel(JOB, key(accountId));
    }

    DavClient client(AccountView account) {
        String password = context.secrets()
                .get(AccountService.secretName(account.id()))
                .orElseThrow(() -> new DavException("the account's password is missing from the secret store:"
                        + " delete the account and connect it again"));
        return new DavClient(context.http(), account.username(), password);
    }

    /**
     * Syncs every link of the account.
     *
     * @throws io.metacortex.plugin.support.ApiException 409 while another sync of the account runs, 422 when the
     *     server refuses the credentials, 502 when it fails otherwise (the account's {@code lastError} says so too)
     */
    SyncResult sync(UUID owner, long accountId) {
        try (Handle lock = jdbi.open()) {
            boolean mine = lock.createQuery("SELECT pg_try_advisory_lock(:space, :id)")
                    .bind("space", LOCK_SPACE)
                    .bind("id", (int) accountId)
                    .mapTo(Boolean.class)
                    .one();
            if (!mine) {
                throw RemoteErrors.syncRunning();
            }
            try {
                return syncLocked(owner, accountId);
            } finally {
                lock.createQuery("SELECT pg_advisory_unlock(:space, :id)")
                        .bind("space", LOCK_SPACE)
                        .bind("id", (int) accountId)
                        .mapTo(Boolean.class)
                        .one();
            }
        }
    }

    private SyncResult syncLocked(UUID owner, long accountId) {
        Optional<AccountView> found = jdbi.inTransaction(h -> {
            AccountDao.actAs(h, owner);
            return AccountDao.findAccount(h, owner, accountId);
        });
        AccountView account = found.orElseThrow(() -> RemoteErrors.accountNotFound(Long.toString(accountId)));
        List<AccountDao.Link> links = jdbi.inTransaction(h -> {
            AccountDao.actAs(h, owner);
            return AccountDao.links(h, owner, accountId);
        });
        int pulled = 0;
        int removedLocally = 0;
        int pushed = 0;
        int removedRemotely = 0;
        int conflicts = 0;
        List<String> skipped = new ArrayList<>();
        String error = null;
        try {
            DavClient dav = client(account);
            for (AccountDao.Link link : links) {
                LinkSync one = new LinkSync(jdbi, local, dav, owner, link, useSyncCollection);
                try {
                    one.run();
                } finally {
                    SyncResult r = one.result();
                    pulled += r.pulled();
                    removedLocally += r.removedLocally();
                    pushed += r.pushed();
                    removedRemotely += r.removedRemotely();
                    conflicts += r.conflicts();
                    skipped.addAll(r.skipped());
                }
            }
        } catch (DavException e) {
            error = e.getMessage();
            throw e instanceof DavException.Unauthorized
                    ? RemoteErrors.credentialsRefused(e.getMessage())
                    : RemoteErrors.remoteFailed(e.getMessage());
        } finally {
            String noted = error;
            jdbi.useTransaction(h -> {
                AccountDao.actAs(h, owner);
                AccountDao.synced(h, owner, accountId, noted);
            });
        }
        return new SyncResult(pulled, removedLocally, pushed, removedRemotely, conflicts, List.copyOf(skipped));
    }

    /** Runs the account's recurring job: a sync; an account deleted meanwhile ends the job. */
    void run(Job<Payload> job) {
        Payload payload = job.payload();
        boolean exists = jdbi.inTransaction(h -> {
            AccountDao.actAs(h, payload.ownerId());
            return AccountDao.findAccount(h, payload.ownerId(), payload.accountId())
                    .isPresent();
        });
        if (!exists) {
            cancel(payload.accountId());
            return;
        }
        try {
            SyncResult result = sync(payload.ownerId(), payload.accountId());
            LOG.debug("CalDAV account {} synced: {}", payload.accountId(), result);
        } catch (io.metacortex.plugin.support.ApiException e) {
            // Noted on the account (lastError) or another sync is running: the next run tries again.
            LOG.info(
                    "CalDAV account {} not synced: {}",
                    payload.accountId(),
                    e.error().detail());
        }
    }
}
