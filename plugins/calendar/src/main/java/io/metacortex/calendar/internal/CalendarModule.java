package io.metacortex.calendar.internal;

import io.metacortex.calendar.internal.dav.CalDavResource;
import io.metacortex.calendar.internal.feeds.FeedModule;
import io.metacortex.calendar.internal.remote.RemoteAccounts;
import io.metacortex.plugin.api.PluginContext;
import java.time.Clock;

/** Wires the plugin's parts on a context: what {@code CalendarPlugin.start} does, and what tests build. */
public final class CalendarModule {

    private CalendarModule() {}

    /** Registers the reminder job type, the routes and the CalDAV server. */
    public static void start(PluginContext context, Clock clock) {
        start(context, clock, new TasksPluginLookup(context));
    }

    /** As {@link #start(PluginContext, Clock)}, with the tasks looked up through {@code tasks}. */
    public static void start(PluginContext context, Clock clock, TaskLookup tasks) {
        start(context, clock, tasks, FeedModule.Settings.DEFAULTS, RemoteAccounts.Settings.DEFAULTS);
    }

    /**
     * As {@link #start(PluginContext, Clock, TaskLookup)}, with feeds fetched as {@code feeds} says and external
     * CalDAV accounts synced as {@code accounts} says: for tests, on loopback hosts.
     */
    public static void start(
            PluginContext context,
            Clock clock,
            TaskLookup tasks,
            FeedModule.Settings feeds,
            RemoteAccounts.Settings accounts) {
        Reminders reminders = new Reminders(context.jdbi(), context.jobs(), context.events(), clock);
        context.jobs().register(Reminders.JOB, Reminders.Payload.class, reminders::run);
        EventService events = new EventService(context.jdbi(), tasks, reminders, clock);
        CalendarService calendars = new CalendarService(context.jdbi(), reminders);
        context.registerResource(new CalendarResource(calendars, new IcsTransfer(context.jdbi(), reminders)));
        context.registerResource(new EventResource(events));
        context.registerResource(new AgendaResource(events));
        context.registerResource(new EtagHeader());
        FeedModule.start(context, clock, new FeedCalendars(context.jdbi(), reminders, calendars), feeds);
        RemoteAccounts.start(context, new LocalCalendars(reminders), accounts);
        context.registerResource(new CalDavResource(new DavStore(context.jdbi(), calendars, events)));
        context.registerResource(CalDavResource.exceptionMapper());
    }
}
