package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CalDavSyncContract} with RFC 6578 sync-collection, as radicale offers it. */
class CalDavSyncTest extends CalDavSyncContract {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    @RegisterExtension
    static final Radicale RADICALE = new Radicale();

    CalDavSyncTest() {
        super(DB, RADICALE, true);
    }
}
