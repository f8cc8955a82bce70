package io.metacortex.calendar.internal.remote;

import static io.metacortex.plugin.testing.ApiExceptionAssert.failsWith;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.calendar.internal.CalendarView;
import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.PluginObjectMapper;
import io.metacortex.plugin.testing.TestUriInfo;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connecting an external CalDAV account (radicale): discovery of principal, calendar home and calendars; the password
 * only in the secret store; refused credentials, undeclared hosts and missing fields change nothing; another user's
 * account is 404 everywhere; deleting an account deletes its secret and cancels its sync job.
 */
class CalDavAccountTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    @RegisterExtension
    static final Radicale RADICALE = new Radicale();

    private final RemoteHarness app = new RemoteHarness(DB, true);

    @BeforeAll
    static void calendars() throws Exception {
        RADICALE.makeCalendar("alice", "work");
        RADICALE.makeCalendar("alice", "home");
    }

    private String url() {
        return RADICALE.uri("/").toString();
    }

    @Test
    void connectingDiscoversTheCalendarsAndKeepsThePasswordInTheSecretStoreOnly() throws Exception {
        AccountView account = app.connect(ALICE, url(), "alice", "alice-secret");

        assertThat(account.principalUrl()).isEqualTo(RADICALE.uri("/alice/").toString());
        assertThat(account.homeUrl()).isEqualTo(RADICALE.uri("/alice/").toString());
        assertThat(account.name()).isEqualTo("127.0.0.1");
        assertThat(app.accounts.calendars(ALICE, Long.toString(account.id())).items())
                .extracting(RemoteCalendar::url, RemoteCalendar::displayName, RemoteCalendar::syncCollection)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                RADICALE.uri("/alice/work/").toString(), "work", true),
                        org.assertj.core.groups.Tuple.tuple(
                                RADICALE.uri("/alice/home/").toString(), "home", true));

        assertThat(app.context.secrets().get("caldav/" + account.id())).contains("alice-secret");
        assertThat(PluginObjectMapper.create().writeValueAsString(account)).doesNotContain("alice-secret");
        assertThat(PluginObjectMapper.create().writeValueAsString(app.accounts.list(ALICE)))
                .doesNotContain("alice-secret");
        for (String table : List.of("caldav_accounts", "caldav_links", "caldav_objects", "caldav_conflicts")) {
            long holding = DB.jdbi()
                    .withHandle(h -> h.createQuery(
                                    "SELECT count(*) FROM " + table + " t WHERE t::text LIKE '%alice-secret%'")
                            .mapTo(Long.class)
                            .one());
            assertThat(holding).as(table).isZero();
        }
        assertThat(app.context.jobs().find(AccountSync.JOB, AccountSync.key(account.id())))
                .hasValueSatisfying(job -> assertThat(job.recurrence()).isEqualTo("every " + AccountSync.INTERVAL));
    }

    @Test
    void aWrongPasswordIsRefusedAndNothingIsStored() {
        ApiError error = failsWith(422, () -> app.connect(ALICE, url(), "alice", "wrong"));

        assertThat(error.error()).isEqualTo("invalid account credentials");
        assertThat(error.fields()).containsOnlyKeys("username", "password");
        assertThat(DB.count("caldav_accounts")).isZero();
        assertThat(app.context.secrets().get("caldav/1")).isEmpty();
        assertThat(app.context.jobs().scheduled()).noneMatch(j -> j.type().equals(AccountSync.JOB));
    }

    @Test
    void aHostNotDeclaredAndMissingFieldsAreRefusedNamingTheFields() {
        ApiError host = failsWith(
                422,
                () -> app.connect(ALICE, RADICALE.uri("/").toString().replace("127.0.0.1", "localhost"), "alice", "x"));
        assertThat(host.fields()).containsOnlyKeys("url");
        assertThat(host.fields().get("url")).contains("127.0.0.1");

        ApiError missing = failsWith(422, () -> app.connect(ALICE, null, " ", ""));
        assertThat(missing.fields()).containsOnlyKeys("url", "username", "password");

        ApiError scheme = failsWith(422, () -> app.connect(ALICE, "ftp://127.0.0.1/", "alice", "alice-secret"));
        assertThat(scheme.fields()).containsOnlyKeys("url");

        ApiError notDav = failsWith(422, () -> app.connect(ALICE, "http://127.0.0.1:1/", "alice", "alice-secret"));
        assertThat(notDav.fields()).containsOnlyKeys("url");

        assertThat(failsWith(422, () -> app.accounts.connect(ALICE, null, TestUriInfo.at("http://localhost/a")))
                        .detail())
                .contains("url, username and password");
        assertThat(DB.count("caldav_accounts")).isZero();
    }

    @Test
    void anotherUsersAccountIsNotFoundOnEveryRoute() {
        AccountView account = app.connect(ALICE, url(), "alice", "alice-secret");
        String id = Long.toString(account.id());
        app.as(BOB);

        failsWith(404, () -> app.accounts.get(BOB, id));
        failsWith(404, () -> app.accounts.calendars(BOB, id));
        failsWith(
                404,
                () -> app.accounts.link(
                        BOB, id, new LinkRequest(RADICALE.uri("/alice/work/").toString(), null, null)));
        failsWith(404, () -> app.accounts.unlink(BOB, id, "1"));
        failsWith(404, () -> app.accounts.sync(BOB, id));
        failsWith(404, () -> app.accounts.conflicts(BOB, id));
        failsWith(404, () -> app.accounts.delete(BOB, id));
        failsWith(404, () -> app.accounts.get(BOB, "not-a-number"));
        assertThat(app.accounts.list(BOB).items()).isEmpty();

        app.as(ALICE);
        assertThat(app.accounts.get(ALICE, id).id()).isEqualTo(account.id());
        assertThat(app.context.secrets().get("caldav/" + id)).isPresent();
    }

    @Test
    void linkingToANewOrAnExistingCalendarAndTheRefusals() {
        AccountView account = app.connect(ALICE, url(), "alice", "alice-secret");
        String id = Long.toString(account.id());
        CalendarView mine = app.calendar(ALICE, "Mine");

        LinkView toNew =
                app.link(ALICE, account.id(), RADICALE.uri("/alice/work/").toString(), null);
        LinkView toExisting =
                app.link(ALICE, account.id(), RADICALE.uri("/alice/home/").toString(), mine.id());

        assertThat(toExisting.calendarId()).isEqualTo(mine.id());
        assertThat(app.calendars.get(ALICE, Long.toString(toNew.calendarId())).name())
                .isEqualTo("work");
        assertThat(app.accounts.get(ALICE, id).links())
                .extracting(LinkView::id)
                .containsExactly(toNew.id(), toExisting.id());
        assertThat(app.accounts.calendars(ALICE, id).items())
                .extracting(RemoteCalendar::linkedCalendarId)
                .containsExactlyInAnyOrder(toNew.calendarId(), mine.id());

        failsWith(
                409,
                () -> app.link(ALICE, account.id(), RADICALE.uri("/alice/work/").toString(), null));
        assertThat(failsWith(
                                422,
                                () -> app.link(
                                        ALICE,
                                        account.id(),
                                        RADICALE.uri("/bob/x/").toString(),
                                        null))
                        .fields())
                .containsOnlyKeys("remoteUrl");
        assertThat(failsWith(422, () -> app.link(ALICE, account.id(), null, null))
                        .fields())
                .containsOnlyKeys("remoteUrl");

        app.accounts.unlink(ALICE, id, Long.toString(toExisting.id()));
        failsWith(404, () -> app.accounts.unlink(ALICE, id, Long.toString(toExisting.id())));
        assertThat(failsWith(
                                422,
                                () -> app.link(
                                        ALICE,
                                        account.id(),
                                        RADICALE.uri("/alice/home/").toString(),
                                        999L))
                        .fields())
                .containsOnlyKeys("calendarId");
        assertThat(app.accounts.get(ALICE, id).links()).extracting(LinkView::id).containsExactly(toNew.id());
    }

    @Test
    void deletingTheAccountDeletesItsSecretAndCancelsItsJob() throws Exception {
        AccountView account = app.connect(ALICE, url(), "alice", "alice-secret");
        LinkView link =
                app.link(ALICE, account.id(), RADICALE.uri("/alice/work/").toString(), null);
        String id = Long.toString(account.id());

        app.accounts.delete(ALICE, id);

        assertThat(app.context.secrets().get("caldav/" + id)).isEmpty();
        assertThat(app.context.jobs().find(AccountSync.JOB, AccountSync.key(account.id())))
                .isEmpty();
        failsWith(404, () -> app.accounts.get(ALICE, id));
        assertThat(DB.count("caldav_links")).isZero();
        assertThat(app.calendars.get(ALICE, Long.toString(link.calendarId())).name())
                .as("the local calendar stays")
                .isEqualTo("work");
    }

    @Test
    void aSyncWhoseCredentialsTheServerNowRefusesIsNotedOnTheAccount() throws Exception {
        AccountView account = app.connect(ALICE, url(), "alice", "alice-secret");
        app.link(ALICE, account.id(), RADICALE.uri("/alice/work/").toString(), null);
        String id = Long.toString(account.id());
        app.context.secrets().put("caldav/" + id, "changed-since");

        ApiError refused = failsWith(422, () -> app.sync(ALICE, account.id()));
        assertThat(refused.fields()).containsOnlyKeys("username", "password");
        assertThat(app.accounts.get(ALICE, id).lastError()).contains("401").doesNotContain("changed-since");

        // the recurring job notes the same and goes on
        app.context.actAs(null);
        app.context.jobs().run(AccountSync.JOB, AccountSync.key(account.id()));
        assertThat(app.context.jobs().find(AccountSync.JOB, AccountSync.key(account.id())))
                .isPresent();

        app.context.secrets().put("caldav/" + id, "alice-secret");
        assertThat(app.sync(ALICE, account.id())).isEqualTo(new SyncResult(0, 0, 0, 0, 0, List.of()));
        assertThat(app.accounts.get(ALICE, id).lastError()).isNull();
    }

    @Test
    void oneSyncOfAnAccountAtATime() {
        AccountView account = app.connect(ALICE, url(), "alice", "alice-secret");

        try (org.jdbi.v3.core.Handle other = DB.jdbi().open()) {
            other.createQuery("SELECT pg_advisory_lock(:space, :id)")
                    .bind("space", 0x43616c44)
                    .bind("id", (int) account.id())
                    .mapTo(String.class)
                    .one();
            assertThat(failsWith(409, () -> app.sync(ALICE, account.id())).error())
                    .isEqualTo("sync running");
            other.createQuery("SELECT pg_advisory_unlock(:space, :id)")
                    .bind("space", 0x43616c44)
                    .bind("id", (int) account.id())
                    .mapTo(Boolean.class)
                    .one();
        }
        assertThat(app.sync(ALICE, account.id()).pulled()).isZero();
    }

    @Test
    void theJobOfAnAccountThatIsGoneEndsItself() throws Exception {
        AccountView account = app.connect(ALICE, url(), "alice", "alice-secret");
        DB.jdbi().useHandle(h -> h.execute("DELETE FROM caldav_accounts"));

        app.context.actAs(null);
        app.context.jobs().run(AccountSync.JOB, AccountSync.key(account.id()));

        assertThat(app.context.jobs().find(AccountSync.JOB, AccountSync.key(account.id())))
                .isEmpty();
    }
}
