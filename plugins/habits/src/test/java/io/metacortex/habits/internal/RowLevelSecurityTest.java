package io.metacortex.habits.internal;

import static io.metacortex.plugin.testing.TestUsers.ALICE;
import static io.metacortex.plugin.testing.TestUsers.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.metacortex.habits.HabitsPlugin;
import io.metacortex.plugin.testing.PluginDatabaseExtension;
import io.metacortex.plugin.testing.RowLevelSecurityRole;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The row-level security policies of V1 on their own: plain SQL with no owner filter, as a role that does not bypass
 * them (the test database's user is a superuser, and superusers always bypass row-level security), with
 * {@code app.user_id} set the way the host sets it on a plugin's connections.
 */
class RowLevelSecurityTest {

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-11-26");

    @RegisterExtension
    static final PluginDatabaseExtension DB =
            PluginDatabaseExtension.of("habits", HabitsPlugin.class).withRowLevelSecurityRole();

    private Handle handle;
    private long bobsHabit;

    @BeforeEach
    void seedAndConnectAsTheRole() {
        DB.jdbi().useHandle(h -> {
            long alices = insertHabit(h, ALICE.id(), "alice 1");
            bobsHabit = insertHabit(h, BOB.id(), "bob 1");
            insertHabit(h, ALICE.id(), "alice 2");
            new CheckInDao(h, ALICE.id()).put(alices, DAY, null, NOW);
            new CheckInDao(h, BOB.id()).put(bobsHabit, DAY, null, NOW);
            new RestDayDao(h, BOB.id()).mark(bobsHabit, DAY.plusDays(1), NOW);
        });
        handle = DB.role().open();
    }

    private static long insertHabit(Handle h, UUID owner, String name) {
        return new HabitDao(h, owner)
                .insert(
                        new HabitDraft(name, Kind.YES_NO, null, null, Set.<DayOfWeek>of(), null, false),
                        ZoneOffset.UTC,
                        NOW)
                .id();
    }

    @AfterEach
    void closeHandle() {
        handle.close();
    }

    private void actAs(String userId) {
        RowLevelSecurityRole.actAs(handle, userId);
    }

    private List<String> visible(String sql) {
        return handle.createQuery(sql).mapTo(String.class).list();
    }

    private List<String> habitNames() {
        return visible("SELECT name FROM plugin_habits.habits ORDER BY id");
    }

    private static void assertRefused(Runnable statement, String sqlState) {
        assertThatThrownBy(statement::run)
                .isInstanceOf(StatementException.class)
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(sqlState));
    }

    @Test
    void theRoleDoesNotBypassRowLevelSecurity() {
        assertThat(handle.createQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")
                        .mapTo(Boolean.class)
                        .one())
                .isFalse();
    }

    @Test
    void aUserSeesOnlyTheirOwnRowsInEveryTable() {
        actAs(ALICE.id().toString());
        assertThat(habitNames()).containsExactly("alice 1", "alice 2");
        assertThat(visible("SELECT owner_id::text FROM plugin_habits.check_ins"))
                .containsExactly(ALICE.id().toString());
        assertThat(visible("SELECT day::text FROM plugin_habits.rest_days")).isEmpty();

        actAs(BOB.id().toString());
        assertThat(habitNames()).containsExactly("bob 1");
        assertThat(visible("SELECT owner_id::text FROM plugin_habits.check_ins"))
                .containsExactly(BOB.id().toString());
        assertThat(visible("SELECT day::text FROM plugin_habits.rest_days")).containsExactly("2026-11-27");
    }

    @Test
    void noUserSeesNoRows() {
        assertThat(habitNames()).as("app.user_id never set on this connection").isEmpty();

        actAs("");
        assertThat(habitNames())
                .as("app.user_id = '' (outside a request, anonymous)")
                .isEmpty();
        assertThat(visible("SELECT day::text FROM plugin_habits.check_ins")).isEmpty();
        assertThat(visible("SELECT day::text FROM plugin_habits.rest_days")).isEmpty();
    }

    @Test
    void writingARowOwnedBySomeoneElseIsRefused() {
        actAs(ALICE.id().toString());

        assertRefused(() -> handle.createUpdate("""
                INSERT INTO plugin_habits.habits (owner_id, name, kind, time_zone, created_at, updated_at)
                VALUES (:bob, 'planted', 'YES_NO', 'UTC', now(), now())""").bind("bob", BOB.id()).execute(), INSUFFICIENT_PRIVILEGE);
        assertRefused(
                () -> handle.createUpdate("UPDATE plugin_habits.habits SET owner_id = :bob")
                        .bind("bob", BOB.id())
                        .execute(),
                INSUFFICIENT_PRIVILEGE);
        assertRefused(
                () -> handle.createUpdate("""
                INSERT INTO plugin_habits.check_ins (owner_id, habit_id, day, created_at, updated_at)
                VALUES (:bob, :habit, '2026-11-25', now(), now())""")
                        .bind("bob", BOB.id())
                        .bind("habit", bobsHabit)
                        .execute(),
                INSUFFICIENT_PRIVILEGE);
        assertRefused(
                () -> handle.createUpdate("""
                INSERT INTO plugin_habits.rest_days (owner_id, habit_id, day, created_at)
                VALUES (:bob, :habit, '2026-11-25', now())""")
                        .bind("bob", BOB.id())
                        .bind("habit", bobsHabit)
                        .execute(),
                INSUFFICIENT_PRIVILEGE);
    }

    @Test
    void aCheckInOrRestDayCanOnlyBelongToAHabitOfTheSameOwner() {
        actAs(ALICE.id().toString());

        assertRefused(
                () -> handle.createUpdate("""
                INSERT INTO plugin_habits.check_ins (owner_id, habit_id, day, created_at, updated_at)
                VALUES (:alice, :habit, '2026-11-25', now(), now())""")
                        .bind("alice", ALICE.id())
                        .bind("habit", bobsHabit)
                        .execute(),
                FOREIGN_KEY_VIOLATION);
        assertRefused(
                () -> handle.createUpdate("""
                INSERT INTO plugin_habits.rest_days (owner_id, habit_id, day, created_at)
                VALUES (:alice, :habit, '2026-11-25', now())""")
                        .bind("alice", ALICE.id())
                        .bind("habit", bobsHabit)
                        .execute(),
                FOREIGN_KEY_VIOLATION);
    }

    @Test
    void otherUsersRowsCannotBeUpdatedOrDeleted() {
        actAs(ALICE.id().toString());

        assertThat(handle.execute("UPDATE plugin_habits.habits SET name = 'changed' WHERE name = 'bob 1'"))
                .isZero();
        assertThat(handle.execute("DELETE FROM plugin_habits.check_ins")).isEqualTo(1);
        assertThat(handle.execute("DELETE FROM plugin_habits.rest_days")).isZero();
        assertThat(handle.execute("DELETE FROM plugin_habits.habits WHERE name <> 'alice 1'"))
                .isEqualTo(1);

        actAs(BOB.id().toString());
        assertThat(habitNames()).containsExactly("bob 1");
        assertThat(visible("SELECT day::text FROM plugin_habits.check_ins")).containsExactly("2026-11-26");
        assertThat(visible("SELECT day::text FROM plugin_habits.rest_days")).containsExactly("2026-11-27");
    }
}
