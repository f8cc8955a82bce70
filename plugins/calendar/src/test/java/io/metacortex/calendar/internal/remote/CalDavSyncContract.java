package io.metacortex.calendar.internal.remote;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.internal.EventView;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-way sync with radicale, the same in both modes (RFC 6578 sync-collection, or ctag and etags): pull of remote
 * creations, edits and deletions; push of local ones; a UID changed on both sides is a conflict the remote wins, on
 * both sides, recorded with the local version; a sync with nothing changed does nothing.
 */
abstract class CalDavSyncContract {

    private static final AtomicInteger CALENDARS = new AtomicInteger();

    private final PluginDatabaseExtension db;
    private final Radicale radicale;
    private final RemoteHarness app;
    private String path;
    private long accountId;
    private long calendarId;

    CalDavSyncContract(PluginDatabaseExtension db, Radicale radicale, boolean syncCollection) {
        this.db = db;
        this.radicale = radicale;
        this.app = new RemoteHarness(db, syncCollection);
    }

    @BeforeEach
    void linkedCalendar() throws Exception {
        String name = "cal" + CALENDARS.incrementAndGet();
        path = "/alice/" + name + "/";
        radicale.makeCalendar("alice", name);
        accountId = app.connect(ALICE, radicale.uri("/").toString(), "alice", "alice-secret")
                .id();
        calendarId =
                app.link(ALICE, accountId, radicale.uri(path).toString(), null).calendarId();
    }

    private void putRemote(String uid, String summary) throws Exception {
        HttpResponse<String> put =
                radicale.send("alice", "PUT", path + uid + ".ics", "text/calendar", RemoteHarness.ics(uid, summary));
        assertThat(put.statusCode()).as(put.body()).isIn(201, 204);
    }

    private HttpResponse<String> getRemote(String uid) throws Exception {
        return radicale.send("alice", "GET", path + uid + ".ics", null, null);
    }

    private SyncResult sync() {
        return app.sync(ALICE, accountId);
    }

    @Test
    void remoteCreationsEditsAndDeletionsArePulled() throws Exception {
        putRemote("pulled-1", "Remote one");

        SyncResult first = sync();

        assertThat(first.pulled()).isEqualTo(1);
        assertThat(app.get(ALICE, calendarId, "pulled-1").title()).isEqualTo("Remote one");

        putRemote("pulled-1", "Remote one moved");
        assertThat(sync()).isEqualTo(new SyncResult(1, 0, 0, 0, 0, List.of()));
        assertThat(app.get(ALICE, calendarId, "pulled-1").title()).isEqualTo("Remote one moved");

        assertThat(radicale.send("alice", "DELETE", path + "pulled-1.ics", null, null)
                        .statusCode())
                .isIn(200, 204);
        assertThat(sync().removedLocally()).isEqualTo(1);
        failsWith(404, () -> app.get(ALICE, calendarId, "pulled-1"));

        assertThat(sync()).isEqualTo(new SyncResult(0, 0, 0, 0, 0, List.of()));
    }

    @Test
    void localCreationsEditsAndDeletionsArePushed() throws Exception {
        EventView created = app.create(ALICE, calendarId, "pushed-1", "Local one");

        assertThat(sync().pushed()).isEqualTo(1);
        assertThat(getRemote("pushed-1").body()).contains("SUMMARY:Local one");

        app.events.replace(
                ALICE, Long.toString(calendarId), created.uid(), RemoteHarness.event(null, "Local one, moved"));
        assertThat(sync().pushed()).isEqualTo(1);
        assertThat(getRemote("pushed-1").body()).contains("SUMMARY:Local one\\, moved");

        app.events.delete(ALICE, Long.toString(calendarId), created.uid());
        assertThat(sync().removedRemotely()).isEqualTo(1);
        assertThat(getRemote("pushed-1").statusCode()).isEqualTo(404);

        assertThat(sync()).isEqualTo(new SyncResult(0, 0, 0, 0, 0, List.of()));
        assertThat(db.count("caldav_objects")).isZero();
    }

    @Test
    void aUidChangedOnBothSidesIsAConflictTheRemoteWins() throws Exception {
        putRemote("both-1", "Before");
        sync();

        putRemote("both-1", "Remote edit");
        app.events.replace(ALICE, Long.toString(calendarId), "both-1", RemoteHarness.event(null, "Local edit"));
        SyncResult result = sync();

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(app.get(ALICE, calendarId, "both-1").title()).isEqualTo("Remote edit");
        assertThat(getRemote("both-1").body()).contains("SUMMARY:Remote edit").doesNotContain("Local edit");
        List<ConflictView> conflicts =
                app.accounts.conflicts(ALICE, Long.toString(accountId)).items();
        assertThat(conflicts).singleElement().satisfies(c -> {
            assertThat(c.uid()).isEqualTo("both-1");
            assertThat(c.calendarId()).isEqualTo(calendarId);
            assertThat(c.winner()).isEqualTo("remote");
            assertThat(c.losingVersion()).contains("SUMMARY:Local edit");
            assertThat(c.occurredAt()).isNotNull();
        });
        assertThat(sync()).isEqualTo(new SyncResult(0, 0, 0, 0, 0, List.of()));
    }

    @Test
    void anEventDeletedLocallyButChangedRemotelyComesBack() throws Exception {
        putRemote("both-2", "Before");
        sync();

        putRemote("both-2", "Remote edit");
        app.events.delete(ALICE, Long.toString(calendarId), "both-2");
        SyncResult result = sync();

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(app.get(ALICE, calendarId, "both-2").title()).isEqualTo("Remote edit");
        assertThat(app.accounts.conflicts(ALICE, Long.toString(accountId)).items())
                .singleElement()
                .satisfies(c -> assertThat(c.losingVersion()).isNull());
    }

    @Test
    void aPushTheServerRefusesWith412IsAConflictTheRemoteWins() throws Exception {
        putRemote("race-1", "Before");
        sync();
        putRemote("race-1", "Remote edit");
        // The remote edit lands after the sync's listing and before its PUT: the stored token and ctag are already
        // the server's current ones, so only the PUT's If-Match can notice.
        List<String> state = radicale.collectionState("alice", path);
        db.jdbi()
                .useHandle(h -> h.createUpdate("UPDATE caldav_links SET sync_token = :token, ctag = :ctag")
                        .bind("token", state.get(0))
                        .bind("ctag", state.get(1))
                        .execute());
        app.events.replace(ALICE, Long.toString(calendarId), "race-1", RemoteHarness.event(null, "Local edit"));

        SyncResult result = sync();

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(result.pushed()).isZero();
        assertThat(app.get(ALICE, calendarId, "race-1").title()).isEqualTo("Remote edit");
        assertThat(getRemote("race-1").body()).contains("SUMMARY:Remote edit");
        assertThat(app.accounts.conflicts(ALICE, Long.toString(accountId)).items())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.reason()).contains("412");
                    assertThat(c.losingVersion()).contains("SUMMARY:Local edit");
                });
    }

    @Test
    void aDeleteTheServerRefusesWith412BringsTheRemoteVersionBack() throws Exception {
        putRemote("race-2", "Before");
        sync();
        putRemote("race-2", "Remote edit");
        List<String> state = radicale.collectionState("alice", path);
        db.jdbi()
                .useHandle(h -> h.createUpdate("UPDATE caldav_links SET sync_token = :token, ctag = :ctag")
                        .bind("token", state.get(0))
                        .bind("ctag", state.get(1))
                        .execute());
        app.events.delete(ALICE, Long.toString(calendarId), "race-2");

        SyncResult result = sync();

        assertThat(result.conflicts()).isEqualTo(1);
        assertThat(result.removedRemotely()).isZero();
        assertThat(app.get(ALICE, calendarId, "race-2").title()).isEqualTo("Remote edit");
        assertThat(getRemote("race-2").statusCode()).isEqualTo(200);
    }

    @Test
    void theRecurringJobSyncsAndAnEventOnBothSidesAtTheFirstSyncIsMatched() throws Exception {
        putRemote("job-1", "From the server");
        app.create(ALICE, calendarId, "job-2", "From here");

        app.context.actAs(null);
        app.context.jobs().run(AccountSync.JOB, AccountSync.key(accountId));

        app.as(ALICE);
        assertThat(app.get(ALICE, calendarId, "job-1").title()).isEqualTo("From the server");
        assertThat(getRemote("job-2").body()).contains("SUMMARY:From here");
        assertThat(app.accounts.get(ALICE, Long.toString(accountId)).lastSyncAt())
                .isNotNull();
        assertThat(app.accounts.get(ALICE, Long.toString(accountId)).lastError())
                .isNull();
        assertThat(app.context.jobs().find(AccountSync.JOB, AccountSync.key(accountId)))
                .isPresent();
        assertThat(sync()).isEqualTo(new SyncResult(0, 0, 0, 0, 0, List.of()));
    }

    @Test
    void aRemoteObjectThatCannotBeStoredIsSkippedNamingIt() throws Exception {
        // radicale takes a zone defined by its VTIMEZONE only; this plugin stores IANA zones only.
        String bad = RemoteHarness.ics("bad-1", "Bad")
                .replace("DTSTART:20260316T090000Z", "DTSTART;TZID=Custom Zone:20260316T090000")
                .replace("DTEND:20260316T100000Z", "DTEND;TZID=Custom Zone:20260316T100000")
                .replace(
                        "BEGIN:VEVENT",
                        String.join(
                                "\r\n",
                                "BEGIN:VTIMEZONE",
                                "TZID:Custom Zone",
                                "BEGIN:STANDARD",
                                "DTSTART:19700101T000000",
                                "TZOFFSETFROM:+0100",
                                "TZOFFSETTO:+0100",
                                "TZNAME:CZ",
                                "END:STANDARD",
                                "END:VTIMEZONE",
                                "BEGIN:VEVENT"));
        HttpResponse<String> put = radicale.send("alice", "PUT", path + "bad-1.ics", "text/calendar", bad);
        assertThat(put.statusCode()).isIn(201, 204);
        putRemote("good-1", "Good");

        SyncResult result = sync();

        assertThat(result.pulled()).isEqualTo(1);
        assertThat(result.skipped()).singleElement().asString().startsWith(path + "bad-1.ics: ");
        failsWith(404, () -> app.get(ALICE, calendarId, "bad-1"));
    }
}
