package io.metacortex.calendar;

import io.metacortex.calendar.internal.CalendarModule;
import io.metacortex.plugin.api.Plugin;
import io.metacortex.plugin.api.PluginContext;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.support.DatabaseHealthCheck;
import java.time.Clock;

/**
 * The calendar plugin: calendars and events stored as iCalendar objects under {@code /api/calendar}, backed by the
 * {@code plugin_calendar} schema. Events may time-block tasks of the tasks plugin when it is active.
 */
public final class CalendarPlugin implements Plugin {

    @Override
    public void start(PluginContext context) {
        CalendarModule.start(context, Clock.systemUTC());
        context.registerResource(new ApiExceptionMapper());
        context.registerHealthCheck("database", new DatabaseHealthCheck(context.jdbi(), "calendars"));
    }
}
