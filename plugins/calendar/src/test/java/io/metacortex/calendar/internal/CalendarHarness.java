package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.dav.CalDavResource;
import io.metacortex.plugin.api.User;
import io.metacortex.plugin.support.PageQuery;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import io.metacortex.plugin.testing.TestUriInfo;
import java.time.Instant;
import java.util.List;

/** The plugin's routes as it wires them, on a test class's database, with a clock and task lookup the test sets. */
final class CalendarHarness {

    final TestPluginContext context;
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T08:00:00Z"));
    final FakeTaskLookup tasks = new FakeTaskLookup();
    final CalendarResource calendars;
    final EventResource events;
    final AgendaResource agenda;
    final CalDavResource dav;

    CalendarHarness(PluginDatabaseExtension db) {
        context = TestPluginContext.of(db.database());
        CalendarModule.start(context, clock, tasks);
        calendars = resource(CalendarResource.class);
        events = resource(EventResource.class);
        agenda = resource(AgendaResource.class);
        dav = resource(CalDavResource.class);
    }

    /** Makes {@code user} the user of the plugin's database connections (app.user_id), as a request of theirs would. */
    CalendarHarness as(User user) {
        context.actAs(user.id());
        return this;
    }

    private <T> T resource(Class<T> type) {
        return context.resources().stream()
                .filter(type::isInstance)
                .map(type::cast)
                .findFirst()
                .orElseThrow();
    }

    CalendarView calendar(User user, String name, String zone) {
        as(user);
        return (CalendarView) calendars
                .create(
                        user,
                        new CalendarRequest(name, null, zone),
                        TestUriInfo.at("http://localhost/api/calendar/calendars"))
                .getEntity();
    }

    EventView create(User user, long calendarId, EventRequest request) {
        as(user);
        return (EventView) events.create(
                        user,
                        Long.toString(calendarId),
                        request,
                        TestUriInfo.at("http://localhost/api/calendar/calendars/" + calendarId + "/events"))
                .getEntity();
    }

    List<InstanceView> instances(User user, long calendarId, String from, String to) {
        as(user);
        return events.instances(user, Long.toString(calendarId), from, to).items();
    }

    List<CalendarView> list(User user) {
        as(user);
        return calendars.list(user, PageQuery.of(null, null)).items();
    }

    static EventRequest timed(String title, String start, String end, String zone, String rrule) {
        return new EventRequest(null, title, null, null, start, end, zone, null, rrule, null, null, null, null, null);
    }

    static EventRequest allDay(String title, String start, String end, String rrule) {
        return new EventRequest(null, title, null, null, start, end, null, true, rrule, null, null, null, null, null);
    }
}
