package io.metacortex.finance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for one user's rows of {@code rules}, on one handle. */
final class RuleDao {

    private static final String COLUMNS = "id, field, match, pattern, category_id, position, created_at";

    private final Handle handle;
    private final UUID user;

    RuleDao(Handle handle, UUID user) {
        this.handle = Objects.requireNonNull(handle);
        this.user = Objects.requireNonNull(user);
    }

    /** @return all of the user's rules, in the order they apply */
    List<Rule> all() {
        return handle.createQuery("SELECT " + COLUMNS + " FROM rules WHERE user_id = :user ORDER BY position, id")
                .bind("user", user)
                .map(RuleDao::map)
                .list();
    }

    Optional<Rule> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM rules WHERE user_id = :user AND id = :id")
                .bind("user", user)
                .bind("id", id)
                .map(RuleDao::map)
                .findOne();
    }

    Rule insert(RuleRequests.Draft draft) {
        return handle.createQuery("INSERT INTO rules (user_id, field, match, pattern, category_id, position)"
                        + " VALUES (:user, :field, :match, :pattern, :category, :position) RETURNING " + COLUMNS)
                .bind("user", user)
                .bind("field", draft.field())
                .bind("match", draft.match())
                .bind("pattern", draft.pattern())
                .bind("category", draft.categoryId())
                .bind("position", draft.position())
                .map(RuleDao::map)
                .one();
    }

    Optional<Rule> update(long id, RuleRequests.Draft draft) {
        return handle.createQuery("UPDATE rules SET field = :field, match = :match, pattern = :pattern,"
                        + " category_id = :category, position = :position, updated_at = now()"
                        + " WHERE user_id = :user AND id = :id RETURNING " + COLUMNS)
                .bind("user", user)
                .bind("id", id)
                .bind("field", draft.field())
                .bind("match", draft.match())
                .bind("pattern", draft.pattern())
                .bind("category", draft.categoryId())
                .bind("position", draft.position())
                .map(RuleDao::map)
                .findOne();
    }

    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM rules WHERE user_id = :user AND id = :id")
                        .bind("user", user)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static Rule map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Rule(
                rs.getLong("id"),
                rs.getString("field"),
                rs.getString("match"),
                rs.getString("pattern"),
                rs.getLong("category_id"),
                rs.getInt("position"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
