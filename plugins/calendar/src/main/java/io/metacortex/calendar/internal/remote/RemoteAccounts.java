package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.internal.LocalCalendars;
import io.metacortex.plugin.api.PluginContext;

/** Wires the CalDAV client on a context: the sync job type and the account routes. */
public final class RemoteAccounts {

    private RemoteAccounts() {}

    /**
     * @param hosts the hosts account URLs may name (those the plugin declares)
     * @param syncCollection whether RFC 6578 sync-collection is used where offered (false: ctag and etags always)
     */
    public static void start(PluginContext context, LocalCalendars local, CalDavHosts hosts, boolean syncCollection) {
        AccountSync sync = new AccountSync(context.jdbi(), context, local, syncCollection);
        context.jobs().register(AccountSync.JOB, AccountSync.Payload.class, sync::run);
        context.registerResource(new AccountResource(new AccountService(context.jdbi(), context, hosts, local, sync)));
    }
}
