package io.metacortex.calendar.internal.remote;

import io.metacortex.calendar.internal.DeclaredHosts;
import io.metacortex.calendar.internal.LocalCalendars;
import io.metacortex.plugin.api.PluginContext;

/** Wires the CalDAV client on a context: the sync job type and the account routes. */
public final class RemoteAccounts {

    /**
     * How accounts are reached and synced.
     *
     * @param hosts the hosts account URLs may name (those the plugin declares)
     * @param syncCollection whether RFC 6578 sync-collection is used where offered (false: ctag and etags always)
     */
    public record Settings(DeclaredHosts hosts, boolean syncCollection) {

        /** The declared hosts, sync-collection where offered. */
        public static final Settings DEFAULTS = new Settings(DeclaredHosts.DECLARED, true);
    }

    private RemoteAccounts() {}

    public static void start(PluginContext context, LocalCalendars local, Settings settings) {
        AccountSync sync = new AccountSync(context.jdbi(), context, local, settings.syncCollection());
        context.jobs().register(AccountSync.JOB, AccountSync.Payload.class, sync::run);
        context.registerResource(
                new AccountResource(new AccountService(context.jdbi(), context, settings.hosts(), local, sync)));
    }
}
