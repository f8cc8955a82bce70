package io.metacortex.calendar.internal.feeds;

import io.metacortex.calendar.internal.DeclaredHosts;
import io.metacortex.calendar.internal.FeedCalendars;
import io.metacortex.plugin.api.PluginContext;
import java.time.Clock;
import java.time.Duration;

/** Wires feed subscriptions on a context: their job type and routes. */
public final class FeedModule {

    /**
     * How feeds are fetched.
     *
     * @param hosts the hosts a feed URL may name (those the plugin declares)
     * @param timeout how long a fetch may wait for the answer's headers
     * @param maxBytes the largest feed body read; a larger one is an error
     */
    public record Settings(DeclaredHosts hosts, Duration timeout, int maxBytes) {

        /** The declared hosts, 30 seconds, 5 MiB. */
        public static final Settings DEFAULTS = new Settings(DeclaredHosts.DECLARED, Duration.ofSeconds(30), 5 << 20);
    }

    private FeedModule() {}

    public static void start(PluginContext context, Clock clock, FeedCalendars calendars, Settings settings) {
        FeedFetcher fetcher = new FeedFetcher(context::http, settings.timeout(), settings.maxBytes());
        FeedSync sync = new FeedSync(context.jdbi(), fetcher, calendars, clock);
        FeedSubscriptions subscriptions =
                new FeedSubscriptions(context.jdbi(), context.jobs(), settings.hosts(), calendars, sync);
        context.jobs()
                .register(
                        FeedSubscriptions.JOB,
                        FeedSubscriptions.Payload.class,
                        job -> subscriptions.run(job.payload()));
        context.registerResource(new SubscriptionResource(subscriptions));
    }
}
