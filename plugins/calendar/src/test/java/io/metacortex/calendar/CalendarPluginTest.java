package io.metacortex.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.calendar.internal.AgendaResource;
import io.metacortex.calendar.internal.CalendarResource;
import io.metacortex.calendar.internal.EventResource;
import io.metacortex.calendar.internal.feeds.SubscriptionResource;
import io.metacortex.plugin.support.ApiExceptionMapper;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.TestPluginContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What starting the plugin registers: its routes, its error mapper, its health check, its reminder and feed job types. */
class CalendarPluginTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    @Test
    void startRegistersRoutesHealthCheckAndTheReminderJob() throws Exception {
        TestPluginContext context = TestPluginContext.of(DB.database()).start(new CalendarPlugin());

        assertThat(context.resources())
                .hasAtLeastOneElementOfType(CalendarResource.class)
                .hasAtLeastOneElementOfType(EventResource.class)
                .hasAtLeastOneElementOfType(AgendaResource.class)
                .hasAtLeastOneElementOfType(SubscriptionResource.class)
                .hasAtLeastOneElementOfType(ApiExceptionMapper.class);
        assertThat(context.healthChecks().get("database").execute().isHealthy()).isTrue();
        assertThat(context.jobs().schedule("calendar-reminder", null)).isNotNull();
        assertThat(context.jobs().schedule("calendar-feed-sync", null)).isNotNull();
    }
}
