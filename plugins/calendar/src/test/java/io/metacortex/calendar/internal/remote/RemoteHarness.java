package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.internal.CalendarModule;
import io.metacortex.calendar.internal.CalendarRequest;
import io.metacortex.calendar.internal.CalendarResource;
import io.metacortex.calendar.internal.CalendarView;
import io.metacortex.calendar.internal.DeclaredHosts;
import io.metacortex.calendar.internal.EventRequest;
import io.metacortex.calendar.internal.EventResource;
import io.metacortex.calendar.internal.EventView;
import io.metacortex.calendar.internal.TasksPluginLookup;
import io.metacortex.calendar.internal.feeds.FeedModule;
import io.metacortex.plugin.api.PluginPermissions;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUriInfo;
import java.time.Clock;

/**
 * The plugin as it wires itself, on a test class's database, allowed to call radicale on 127.0.0.1 only, with the
 * secrets permission; the account, calendar and event routes called as a user would.
 */
final class RemoteHarness {

    final TestPluginContext context;
    final AccountResource accounts;
    final CalendarResource calendars;
    final EventResource events;

    RemoteHarness(PluginDatabaseExtension db, boolean syncCollection) {
        context = TestPluginContext.of(db.database())
                .grant(PluginPermissions.SECRETS)
                .allowHosts("127.0.0.1");
        CalendarModule.start(
                context,
                Clock.systemUTC(),
                new TasksPluginLookup(context),
                FeedModule.Settings.DEFAULTS,
                new RemoteAccounts.Settings(DeclaredHosts.of("127.0.0.1"), syncCollection));
        accounts = resource(AccountResource.class);
        calendars = resource(CalendarResource.class);
        events = resource(EventResource.class);
    }

    private <T> T resource(Class<T> type) {
        return context.resources().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    RemoteHarness as(User user) {
        context.actAs(user.id());
        return this;
    }

    AccountView connect(User user, String url, String username, String password) {
        as(user);
        return (AccountView) accounts.connect(
                        user,
                        new AccountRequest(url, username, password, null),
                        TestUriInfo.at("http://localhost/api/calendar/accounts"))
                .getEntity();
    }

    LinkView link(User user, long accountId, String remoteUrl, Long calendarId) {
        as(user);
        return (LinkView) accounts.link(user, Long.toString(accountId), new LinkRequest(remoteUrl, calendarId, null))
                .getEntity();
    }

    SyncResult sync(User user, long accountId) {
        as(user);
        return accounts.sync(user, Long.toString(accountId));
    }

    CalendarView calendar(User user, String name) {
        as(user);
        return (CalendarView) calendars
                .create(
                        user,
                        new CalendarRequest(name, null, "Europe/Berlin"),
                        TestUriInfo.at("http://localhost/api/calendar/calendars"))
                .getEntity();
    }

    EventView create(User user, long calendarId, String uid, String title) {
        as(user);
        return (EventView) events.create(
                        user,
                        Long.toString(calendarId),
                        event(uid, title),
                        TestUriInfo.at("http://localhost/api/calendar/calendars/" + calendarId + "/events"))
                .getEntity();
    }

    EventView get(User user, long calendarId, String uid) {
        as(user);
        return events.get(user, Long.toString(calendarId), uid);
    }

    static EventRequest event(String uid, String title) {
        return new EventRequest(
                uid,
                title,
                null,
                null,
                "2026-03-16T10:00:00+01:00",
                "2026-03-16T11:00:00+01:00",
                "Europe/Berlin",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** @return one VEVENT of {@code uid} as a CalDAV client would PUT it */
    static String ics(String uid, String summary) {
        return String.join(
                "\r\n",
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Test//Radicale client//EN",
                "BEGIN:VEVENT",
                "UID:" + uid,
                "DTSTAMP:20260101T000000Z",
                "DTSTART:20260316T090000Z",
                "DTEND:20260316T100000Z",
                "SUMMARY:" + summary,
                "END:VEVENT",
                "END:VCALENDAR",
                "");
    }
}
