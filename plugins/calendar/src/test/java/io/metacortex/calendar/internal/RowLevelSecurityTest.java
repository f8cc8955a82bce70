package io.metacortex.calendar.internal;

import static io.metacortex.calendar.internal.CalendarHarness.timed;
import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.calendar.CalendarPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.RowLevelSecurityRole;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The row-level security policies of V1 on their own: plain SQL without owner filter, as a role that obeys them. */
class RowLevelSecurityTest {

    @RegisterExtension
    static final PluginDatabaseExtension DB =
            PluginDatabaseExtension.of("calendar", CalendarPlugin.class).withRowLevelSecurityRole();

    private Handle handle;
    private long bobsCalendar;

    @BeforeEach
    void seedAndConnectAsTheRole() {
        CalendarHarness app = new CalendarHarness(DB);
        long alices = app.calendar(ALICE, "Alice's", "Europe/Berlin").id();
        app.create(ALICE, alices, timed("Alice's event", "2026-03-16T10:00:00Z", null, null, null));
        bobsCalendar = app.calendar(BOB, "Bob's", "Europe/Berlin").id();
        app.create(BOB, bobsCalendar, timed("Bob's event", "2026-03-16T10:00:00Z", null, null, null));
        handle = DB.role().open();
    }

    @AfterEach
    void closeHandle() {
        handle.close();
    }

    private List<String> visible(String sql) {
        return handle.createQuery(sql).mapTo(String.class).list();
    }

    @Test
    void eachUserSeesOnlyTheirOwnRows() {
        RowLevelSecurityRole.actAs(handle, ALICE.id().toString());
        assertThat(visible("SELECT name FROM calendars")).containsExactly("Alice's");
        assertThat(visible("SELECT summary FROM calendar_objects")).containsExactly("Alice's event");

        RowLevelSecurityRole.actAs(handle, "");
        assertThat(visible("SELECT name FROM calendars")).isEmpty();
        assertThat(visible("SELECT uid FROM calendar_objects")).isEmpty();
    }

    @Test
    void nobodyWritesRowsOfAnotherUser() {
        RowLevelSecurityRole.actAs(handle, ALICE.id().toString());

        assertThatThrownBy(() -> handle.createUpdate(
                                "INSERT INTO calendars (owner_id, name, time_zone) VALUES (:owner, 'x', 'UTC')")
                        .bind("owner", BOB.id())
                        .execute())
                .isInstanceOf(StatementException.class);
        assertThat(handle.createUpdate("UPDATE calendar_objects SET summary = 'mine' WHERE calendar_id = :c")
                        .bind("c", bobsCalendar)
                        .execute())
                .isZero();
        assertThat(handle.createUpdate("DELETE FROM calendars WHERE id = :c")
                        .bind("c", bobsCalendar)
                        .execute())
                .isZero();
    }
}
