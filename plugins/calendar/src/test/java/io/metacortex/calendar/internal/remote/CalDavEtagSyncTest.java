package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link CalDavSyncContract} without sync-collection: the ctag, then every href and etag compared. */
class CalDavEtagSyncTest extends CalDavSyncContract {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("calendar", CalendarPlugin.class);

    @RegisterExtension
    static final Radicale RADICALE = new Radicale();

    CalDavEtagSyncTest() {
        super(DB, RADICALE, false);
    }
}
