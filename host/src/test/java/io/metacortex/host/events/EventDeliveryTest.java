package io.metacortex.host.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.metacortex.host.errors.HostException;
import io.metacortex.host.identity.RequestUser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a real PostgreSQL, with plugins connecting as their own roles: an event exists if and only if its
 * transaction commits, reaches each subscriber once in the order the publisher's transactions committed, is retried
 * after failures and parked after the last attempt without blocking the events behind it, waits while the
 * subscriber does not run, and survives a restart.
 */
class EventDeliveryTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String PUBLISHER = "evpub";
    private static final String SUBSCRIBER = "evsub";

    /** The payload, as both plugins define it (each its own class in real life). */
    record Note(String body) {}

    private static EventFixture fixture;
    private static Jdbi publisherJdbi;
    private static Jdbi subscriberJdbi;

    /** What the subscriber's handler received, in order, with the attempt it succeeded at. */
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** Bodies whose handling fails this many more times ("poison" always fails). */
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    private HostEvents events;
    private PluginEvents publisher;

    @BeforeAll
    static void database() {
        fixture = new EventFixture();
        publisherJdbi = fixture.plugin(PUBLISHER);
        subscriberJdbi = fixture.plugin(SUBSCRIBER);
        publisherJdbi.useHandle(h -> h.execute("CREATE TABLE things (id SERIAL PRIMARY KEY, name TEXT NOT NULL)"));
        subscriberJdbi.useHandle(h -> h.execute(
                "CREATE TABLE received (event_id BIGINT PRIMARY KEY, body TEXT NOT NULL, user_id TEXT NOT NULL)"));
    }

    @AfterAll
    static void dropDatabase() {
        fixture.close();
    }

    @BeforeEach
    void host() {
        fixture.hostJdbi.useHandle(h -> h.execute("TRUNCATE metacortex.events, metacortex.event_deliveries,"
                + " metacortex.event_subscriptions, plugin_evsub.received, plugin_evpub.things"));
        events = fixture.events(3);
        publisher = EventFixture.loaded(events, PUBLISHER, publisherJdbi, e -> {});
        events.host().activate(publisher);
        events.host().activate(subscriber(events));
        events.start();
    }

    @AfterEach
    void stop() {
        events.stop(Duration.ofSeconds(5));
    }

    private PluginEvents subscriber(HostEvents on) {
        return EventFixture.loaded(
                on,
                SUBSCRIBER,
                subscriberJdbi,
                e -> e.subscribe(PUBLISHER, "note.added", Note.class, (event, h) -> {
                    String body = event.payload().body();
                    AtomicInteger left = failures.get(body);
                    h.execute(
                            "INSERT INTO received (event_id, body, user_id)"
                                    + " VALUES (?, ?, current_setting('app.user_id', true))",
                            event.id(),
                            body);
                    if ("poison".equals(body) || (left != null && left.getAndDecrement() > 0)) {
                        throw new IllegalStateException("cannot take " + body + " (attempt " + event.attempt() + ")");
                    }
                    received.add(body + "@" + event.attempt());
                }));
    }

    private long publish(Handle handle, String body) {
        handle.execute("INSERT INTO things (name) VALUES (?)", body);
        return publisher.publish(handle, "note.added", new Note(body));
    }

    private void publishCommitted(String... bodies) {
        for (String body : bodies) {
            publisherJdbi.useTransaction(h -> publish(h, body));
        }
    }

    private List<String> stored() {
        return fixture.query("SELECT body FROM plugin_evsub.received ORDER BY event_id");
    }

    @Test
    void anEventExistsOnlyIfItsTransactionCommits() {
        assertThatThrownBy(() -> publisherJdbi.useTransaction(h -> {
                    publish(h, "rolled back");
                    throw new IllegalStateException("the publisher's work failed");
                }))
                .hasMessage("the publisher's work failed");
        publishCommitted("committed");

        await().atMost(DEADLINE).until(() -> received.contains("committed@1"));
        assertThat(received).containsExactly("committed@1");
        assertThat(fixture.query("SELECT payload->>'body' FROM metacortex.events"))
                .containsExactly("committed");
        assertThat(fixture.query("SELECT state || ' ' || attempts FROM metacortex.event_deliveries"))
                .containsExactly("delivered 1");
    }

    @Test
    void eventsArriveInTheOrderThePublishersTransactionsCommitted() throws Exception {
        try (Handle early = publisherJdbi.open();
                Handle late = publisherJdbi.open()) {
            // "early" starts first and writes first, but publishes and commits after "late".
            early.begin();
            early.execute("INSERT INTO things (name) VALUES ('early work')");
            late.begin();
            publish(late, "first");
            CompletableFuture<Long> waiting = CompletableFuture.supplyAsync(() -> publish(early, "second"));
            await("the second publisher waiting for the first's transaction")
                    .atMost(DEADLINE)
                    .until(() -> !fixture.query("SELECT pid::text FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                                    + " AND query LIKE '%publish_event%'")
                            .isEmpty());
            assertThat(waiting).isNotDone();
            late.commit();
            long second = waiting.get();
            early.commit();
            assertThat(second)
                    .isGreaterThan(Long.parseLong(fixture.query("SELECT min(id)::text FROM metacortex.events")
                            .get(0)));
        }
        publishCommitted("third", "fourth");

        await().atMost(DEADLINE).until(() -> received.size() == 4);
        assertThat(received).containsExactly("first@1", "second@1", "third@1", "fourth@1");
    }

    @Test
    void aFailingHandlerIsCalledAgainAfterABackoffAndItsFailedWritesAreUndone() {
        failures.put("flaky", new AtomicInteger(2));
        publishCommitted("flaky", "after");

        await().atMost(DEADLINE).until(() -> received.size() == 2);
        assertThat(received).as("the event behind waits for the retried one").containsExactly("flaky@3", "after@1");
        assertThat(stored()).as("the failed attempts' writes rolled back").containsExactly("flaky", "after");
        assertThat(fixture.query("SELECT attempts || ' ' || state || ' ' || coalesce(last_error, '-')"
                        + " FROM metacortex.event_deliveries ORDER BY event_id"))
                .containsExactly("3 delivered -", "1 delivered -");
    }

    @Test
    void aPoisonEventIsParkedVisiblyAndTheEventsBehindItFlow() {
        publishCommitted("before", "poison", "behind");

        await().atMost(DEADLINE).until(() -> received.size() == 2);
        assertThat(received).containsExactly("before@1", "behind@1");
        List<EventAdmin.ParkedView> parked = events.admin().parked(null, 10);
        assertThat(parked)
                .extracting(
                        EventAdmin.ParkedView::subscriber,
                        EventAdmin.ParkedView::publisher,
                        EventAdmin.ParkedView::type,
                        EventAdmin.ParkedView::attempts,
                        EventAdmin.ParkedView::lastError)
                .containsExactly(tuple(SUBSCRIBER, PUBLISHER, "note.added", 3, "cannot take poison (attempt 3)"));
        assertThat(events.admin().subscribers())
                .extracting(
                        EventAdmin.SubscriberView::subscriber,
                        EventAdmin.SubscriberView::type,
                        EventAdmin.SubscriberView::subscribed,
                        EventAdmin.SubscriberView::backlog,
                        EventAdmin.SubscriberView::parked)
                .containsExactly(tuple(SUBSCRIBER, "note.added", true, 0L, 1L));

        long poison = parked.get(0).eventId();
        assertThatThrownBy(() -> events.admin().retry(SUBSCRIBER, poison + 1000))
                .isInstanceOf(HostException.class)
                .hasMessageContaining("No event " + (poison + 1000) + " is parked for plugin evsub");
        assertThat(events.admin().parked(SUBSCRIBER, 10)).hasSize(1);
        // The cause is fixed (here: the payload the handler cannot take); the admin sends it again.
        fixture.hostJdbi.useHandle(
                h -> h.execute("UPDATE metacortex.events SET payload = '{\"body\": \"cured\"}' WHERE id = ?", poison));
        events.admin().retry(SUBSCRIBER, poison);

        await().atMost(DEADLINE).until(() -> received.size() == 3);
        assertThat(received).endsWith("cured@1");
        assertThat(events.admin().parked(null, 10)).isEmpty();
        assertThatThrownBy(() -> events.admin().delete(SUBSCRIBER, poison)).isInstanceOf(HostException.class);
    }

    @Test
    void anAdminDeletesAParkedEventAndItIsNeverDelivered() {
        publishCommitted("poison");
        await().atMost(DEADLINE)
                .until(() -> !events.admin().parked(SUBSCRIBER, 10).isEmpty());
        long poison = events.admin().parked(SUBSCRIBER, 10).get(0).eventId();

        events.admin().delete(SUBSCRIBER, poison);

        assertThat(events.admin().parked(null, 10)).isEmpty();
        assertThat(fixture.query("SELECT count(*)::text FROM metacortex.event_deliveries"))
                .containsExactly("0");
    }

    @Test
    void eventsWaitWhileTheSubscriberDoesNotRunAndFlowWhenItRunsAgain() {
        events.host().deactivate(SUBSCRIBER);
        publishCommitted("while disabled");

        List<EventAdmin.SubscriberView> waiting = events.admin().subscribers();
        assertThat(waiting).extracting(EventAdmin.SubscriberView::backlog).containsExactly(1L);
        assertThat(waiting.get(0).oldestUndelivered()).isNotNull();

        events.host().activate(subscriber(events));

        await().atMost(DEADLINE).until(() -> received.contains("while disabled@1"));
        assertThat(events.admin().subscribers())
                .extracting(EventAdmin.SubscriberView::backlog)
                .containsExactly(0L);
    }

    @Test
    void purgingTheSubscriberDeletesItsSubscriptionsAndWaitingEvents() {
        events.host().deactivate(SUBSCRIBER);
        publishCommitted("never delivered");

        events.host().forget(SUBSCRIBER);
        publishCommitted("after the purge");

        assertThat(fixture.query("SELECT count(*)::text FROM metacortex.event_deliveries"))
                .containsExactly("0");
        assertThat(fixture.query("SELECT count(*)::text FROM metacortex.event_subscriptions"))
                .containsExactly("0");
        assertThat(events.admin().subscribers()).isEmpty();
    }

    @Test
    void aHostStartedLaterDeliversWhatWasPublishedWhileNoneRan() {
        events.stop(Duration.ofSeconds(5));
        publishCommitted("while stopped");
        assertThat(received).isEmpty();

        events = fixture.events(3);
        events.host().activate(subscriber(events));
        events.start();

        await().atMost(DEADLINE).until(() -> received.contains("while stopped@1"));
    }

    @Test
    void theHandlerGetsTheUserWhoseRequestPublishedTheEvent() {
        UUID user = UUID.fromString("0f0e0d0c-0b0a-4908-8706-050403020100");
        UUID previous = RequestUser.enter(user);
        try {
            publishCommitted("mine");
        } finally {
            RequestUser.restore(previous);
        }

        await().atMost(DEADLINE).until(() -> received.contains("mine@1"));
        assertThat(fixture.query("SELECT user_id FROM plugin_evsub.received")).containsExactly(user.toString());
    }

    @Test
    void aDeliveryIsRecordedOnceAndOnlyAsTheSubscriberItself() {
        events.host().deactivate(SUBSCRIBER);
        publishCommitted("once");
        long id = Long.parseLong(
                fixture.query("SELECT id::text FROM metacortex.events").get(0));
        String record = "SELECT metacortex_events.record_delivery('" + SUBSCRIBER + "', " + id + ")";

        // The publisher cannot record the subscriber's delivery, whatever plugin id it claims.
        assertThat(recorded(publisherJdbi, record)).isFalse();
        assertThat(recorded(subscriberJdbi, record)).isTrue();
        assertThat(recorded(subscriberJdbi, record))
                .as("a handler that committed is not called again")
                .isFalse();
        // Nor can it publish as another plugin.
        publisherJdbi.useHandle(h ->
                h.execute("SELECT metacortex_events.publish_event('" + SUBSCRIBER + "', 'note.added', '{}'::jsonb)"));
        assertThat(fixture.query("SELECT publisher FROM metacortex.events ORDER BY id"))
                .containsExactly(PUBLISHER, PUBLISHER);
    }

    private static boolean recorded(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Boolean.class).one());
    }

    @Test
    void publishingChecksItsArguments() {
        publisherJdbi.useHandle(h -> {
            assertThatThrownBy(() -> publisher.publish(h, "Not A Type", new Note("x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Event type 'Not A Type' is not valid");
            assertThatThrownBy(() -> publisher.publish(h, "note.added", null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be null");
            assertThatThrownBy(() -> publisher.publish(null, "note.added", new Note("x")))
                    .isInstanceOf(IllegalArgumentException.class);
        });
        assertThatThrownBy(() -> publisher.subscribe(PUBLISHER, "late", Note.class, (e, h) -> {}))
                .isInstanceOf(IllegalStateException.class);
        events.host().retire(publisher);
        assertThatThrownBy(() -> publisherJdbi.useHandle(h -> publisher.publish(h, "note.added", new Note("x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no longer runs");
        assertThat(fixture.query("SELECT count(*)::text FROM metacortex.events"))
                .containsExactly("0");
    }
}
