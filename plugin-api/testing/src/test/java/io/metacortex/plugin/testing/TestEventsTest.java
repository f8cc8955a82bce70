package io.metacortex.plugin.testing;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.plugin.api.Plugin;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test kit's events: published once the publishing transaction commits, never when it rolls back; delivered to
 * the plugin's handler in a transaction carrying the event's user, undone when the handler throws.
 */
class TestEventsTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB = PluginDatabaseExtension.of("widgets", TestEventsTest.class);

    /** A payload. */
    public record Order(String name) {}

    private final List<String> handled = new ArrayList<>();

    private final Plugin plugin =
            context -> context.events().subscribe("shop", "order.placed", Order.class, (event, handle) -> {
                handle.execute(
                        "INSERT INTO widgets (name) VALUES (?)", event.payload().name());
                handled.add(event.publisher() + "/" + event.type() + " "
                        + event.payload().name() + " for "
                        + event.userId().map(UUID::toString).orElse("nobody") + " attempt " + event.attempt());
                if (event.payload().name().equals("bad")) {
                    throw new IllegalStateException("cannot take it");
                }
            });

    @Test
    void eventsArePublishedWhenTheirTransactionCommits() throws Exception {
        TestPluginContext context = TestPluginContext.of(DB.database()).start(plugin);
        TestEvents events = context.events();

        context.jdbi().useTransaction(h -> events.publish(h, "widget.made", new Order("kept")));
        assertThatThrownBy(() -> context.jdbi().useTransaction(h -> {
                    events.publish(h, "widget.made", new Order("rolled back"));
                    throw new IllegalStateException("the work failed");
                }))
                .hasMessage("the work failed");
        context.jdbi().useHandle(h -> events.publish(h, "widget.sold", new Order("no transaction")));

        assertThat(events.published())
                .extracting(TestEvents.Published::type, TestEvents.Published::payload)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("widget.made", "{\"name\":\"kept\"}"),
                        org.assertj.core.groups.Tuple.tuple("widget.sold", "{\"name\":\"no transaction\"}"));
        assertThat(events.published("widget.made", Order.class)).containsExactly(new Order("kept"));
    }

    @Test
    void anEventIsDeliveredToTheHandlerInATransactionOfTheEventsUser() throws Exception {
        TestPluginContext context = TestPluginContext.of(DB.database()).start(plugin);

        context.events().deliver("shop", "order.placed", new Order("blue"), ALICE.id());
        assertThatThrownBy(() -> context.events().deliver("shop", "order.placed", new Order("bad"), ALICE.id()))
                .hasMessage("cannot take it");

        assertThat(handled)
                .containsExactly(
                        "shop/order.placed blue for " + ALICE.id() + " attempt 1",
                        "shop/order.placed bad for " + ALICE.id() + " attempt 1");
        assertThat(widgets())
                .as("written as the event's user; the failed delivery's write undone")
                .containsExactly("blue " + ALICE.id());
        assertThat(context.events().subscribes("shop", "order.placed")).isTrue();
        assertThat(context.events().subscribes("shop", "order.cancelled")).isFalse();
    }

    private static List<String> widgets() {
        return DB.jdbi()
                .withHandle(h -> h.createQuery("SELECT name || ' ' || owner_id FROM widgets")
                        .mapTo(String.class)
                        .list());
    }

    @Test
    void argumentsAreCheckedAsTheHostChecksThem() throws Exception {
        TestPluginContext context = TestPluginContext.of(DB.database()).start(plugin);
        TestEvents events = context.events();

        context.jdbi().useHandle(h -> {
            assertThatThrownBy(() -> events.publish(h, "Bad Type", new Order("x")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Event type 'Bad Type' is not valid");
            assertThatThrownBy(() -> events.publish(h, "widget.made", null))
                    .isInstanceOf(IllegalArgumentException.class);
        });
        assertThatThrownBy(() -> events.publish(null, "widget.made", new Order("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.subscribe("shop", "order.late", Order.class, (e, h) -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> events.deliver("shop", "order.cancelled", new Order("x"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not subscribe to shop/order.cancelled");
        assertThatThrownBy(() -> TestPluginContext.of("twice").start(context2 -> {
                    context2.events().subscribe("shop", "order.placed", Order.class, (e, h) -> {});
                    context2.events().subscribe("shop", "order.placed", Order.class, (e, h) -> {});
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already subscribed");
        assertThatThrownBy(() -> TestPluginContext.of("nodb")
                        .start(plugin)
                        .events()
                        .deliver("shop", "order.placed", new Order("x"), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs a context with a database");
        assertThat(events.published()).isEmpty();
    }
}
