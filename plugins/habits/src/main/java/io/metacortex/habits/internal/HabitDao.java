package io.metacortex.habits.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for one owner's rows of the {@code habits} table, on one handle; the services decide the transactions. Every
 * statement filters by the owner itself: the table's row-level security policy is the backstop, not the only guard.
 * Table names are unqualified: the handle's search path is the plugin's schema.
 */
final class HabitDao {

    private static final String COLUMNS =
            "id, name, kind, target, unit, days, task_id, archived, time_zone, created_at, updated_at";

    private final Handle handle;
    private final UUID owner;

    /** @param owner the user whose habits this DAO reads and writes; other users' habits do not exist for it */
    HabitDao(Handle handle, UUID owner) {
        this.handle = Objects.requireNonNull(handle);
        this.owner = Objects.requireNonNull(owner);
    }

    /** @param zone the owner's time zone now, kept for the task completion listener */
    Habit insert(HabitDraft draft, ZoneId zone, Instant now) {
        Query insert = handle.createQuery("""
                INSERT INTO habits (owner_id, name, kind, target, unit, days, task_id, archived, time_zone,
                                    created_at, updated_at)
                VALUES (:owner, :name, :kind, :target, :unit, CAST(:days AS text[]), :taskId, :archived, :zone,
                        :now, :now)
                RETURNING\s""" + COLUMNS);
        return bindDraft(insert, draft, zone)
                .bind("owner", owner)
                .bind("now", now)
                .map(HabitDao::map)
                .one();
    }

    Optional<Habit> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM habits WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(HabitDao::map)
                .findOne();
    }

    /** Replaces the editable fields and the time zone. @return the habit, or empty when the owner has none */
    Optional<Habit> update(long id, HabitDraft draft, ZoneId zone, Instant now) {
        Query update = handle.createQuery("""
                UPDATE habits
                   SET name = :name, kind = :kind, target = :target, unit = :unit, days = CAST(:days AS text[]),
                       task_id = :taskId, archived = :archived, time_zone = :zone, updated_at = :now
                 WHERE owner_id = :owner AND id = :id
                RETURNING\s""" + COLUMNS);
        return bindDraft(update, draft, zone)
                .bind("owner", owner)
                .bind("id", id)
                .bind("now", now)
                .map(HabitDao::map)
                .findOne();
    }

    /** Keeps the owner's time zone now, when it changed; the habit's {@code updatedAt} stays. */
    void rememberTimeZone(long id, ZoneId zone) {
        handle.createUpdate("""
                UPDATE habits SET time_zone = :zone
                 WHERE owner_id = :owner AND id = :id AND time_zone <> :zone""")
                .bind("owner", owner)
                .bind("id", id)
                .bind("zone", zone.getId())
                .execute();
    }

    /** Deletes the habit with its check-ins and rest days. @return whether the owner had the habit */
    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM habits WHERE owner_id = :owner AND id = :id")
                        .bind("owner", owner)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /**
     * @return up to {@code query.limit()} of the owner's habits matching every filter, with ids above
     *     {@code query.afterId()}, in id order
     */
    List<Habit> list(HabitQuery query) {
        List<String> where = new ArrayList<>();
        List<Consumer<Query>> binds = new ArrayList<>();
        where.add("owner_id = :owner");
        binds.add(q -> q.bind("owner", owner));
        where.add("id > :afterId");
        binds.add(q -> q.bind("afterId", query.afterId()));
        if (query.archived() != null) {
            where.add("archived = :archived");
            binds.add(q -> q.bind("archived", query.archived().booleanValue()));
        }
        if (!query.kinds().isEmpty()) {
            where.add("kind = ANY (CAST(:kinds AS text[]))");
            binds.add(q -> q.bindArray(
                    "kinds",
                    String.class,
                    query.kinds().stream().map(Enum::name).toList()));
        }
        // Only the fixed fragments above are concatenated; every value is a bound parameter.
        Query select = handle.createQuery("SELECT " + COLUMNS + " FROM habits WHERE " + String.join(" AND ", where)
                + " ORDER BY id LIMIT :limit");
        binds.forEach(bind -> bind.accept(select));
        return select.bind("limit", query.limit()).map(HabitDao::map).list();
    }

    /** @return the owner's habits that are not archived and are linked to one of {@code taskIds}, in id order */
    List<Habit> activeLinkedTo(Collection<Long> taskIds) {
        return handle.createQuery("SELECT " + COLUMNS + """
                 FROM habits
                WHERE owner_id = :owner AND task_id = ANY (CAST(:taskIds AS bigint[])) AND NOT archived
                ORDER BY id""")
                .bind("owner", owner)
                .bindArray("taskIds", Long.class, List.copyOf(taskIds))
                .map(HabitDao::map)
                .list();
    }

    private static <S extends SqlStatement<S>> S bindDraft(S statement, HabitDraft draft, ZoneId zone) {
        return statement
                .bind("name", draft.name())
                .bind("kind", draft.kind().name())
                .bind("target", draft.target())
                .bind("unit", draft.unit())
                .bindArray("days", String.class, Weekdays.codes(draft.days()))
                .bindByType("taskId", draft.taskId(), Long.class)
                .bind("archived", draft.archived())
                .bind("zone", zone.getId());
    }

    private static Habit map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Habit(
                rs.getLong("id"),
                rs.getString("name"),
                Kind.valueOf(rs.getString("kind")),
                rs.getBigDecimal("target"),
                rs.getString("unit"),
                days(rs.getArray("days")),
                rs.getObject("task_id", Long.class),
                rs.getBoolean("archived"),
                rs.getString("time_zone"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> days(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
