package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.remote.CalDavHosts;
import io.metacortex.calendar.internal.remote.RemoteAccounts;
import io.metacortex.plugin.api.PluginContext;
import java.time.Clock;

/** Wires the plugin's parts on a context: what {@code CalendarPlugin.start} does, and what tests build. */
public final class CalendarModule {

    private CalendarModule() {}

    /** Registers the reminder job type and the routes. */
    public static void start(PluginContext context, Clock clock) {
        start(context, clock, new TasksPluginLookup(context));
    }

    /** As {@link #start(PluginContext, Clock)}, with the tasks looked up through {@code tasks}. */
    public static void start(PluginContext context, Clock clock, TaskLookup tasks) {
        start(context, clock, tasks, CalDavHosts.DECLARED, true);
    }

    /**
     * As {@link #start(PluginContext, Clock)}, with CalDAV accounts allowed on {@code caldavHosts} (instead of the
     * declared providers), and RFC 6578 sync-collection used where a server offers it when {@code syncCollection}
     * (else ctag and etags): for the CalDAV client's tests.
     */
    public static void start(PluginContext context, Clock clock, CalDavHosts caldavHosts, boolean syncCollection) {
        start(context, clock, new TasksPluginLookup(context), caldavHosts, syncCollection);
    }

    private static void start(
            PluginContext context, Clock clock, TaskLookup tasks, CalDavHosts caldavHosts, boolean syncCollection) {
        Reminders reminders = new Reminders(context.jdbi(), context.jobs(), context.events(), clock);
        context.jobs().register(Reminders.JOB, Reminders.Payload.class, reminders::run);
        EventService events = new EventService(context.jdbi(), tasks, reminders, clock);
        context.registerResource(new CalendarResource(
                new CalendarService(context.jdbi(), reminders), new IcsTransfer(context.jdbi(), reminders)));
        context.registerResource(new EventResource(events));
        context.registerResource(new AgendaResource(events));
        RemoteAccounts.start(context, new LocalCalendars(reminders), caldavHosts, syncCollection);
    }
}
