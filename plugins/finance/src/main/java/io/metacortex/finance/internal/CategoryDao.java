package io.metacortex.finance.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for the categories one user sees: the default set and their own. */
final class CategoryDao {

    private static final String COLUMNS = "id, name, user_id IS NOT NULL AS own, created_at, updated_at";
    private static final String VISIBLE = "(user_id = :user OR user_id IS NULL)";

    private final Handle handle;
    private final UUID user;

    CategoryDao(Handle handle, UUID user) {
        this.handle = Objects.requireNonNull(handle);
        this.user = Objects.requireNonNull(user);
    }

    List<Category> list(long afterId, int limit) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM categories WHERE " + VISIBLE
                        + " AND id > :after ORDER BY id LIMIT :limit")
                .bind("user", user)
                .bind("after", afterId)
                .bind("limit", limit)
                .map(CategoryDao::map)
                .list();
    }

    Optional<Category> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM categories WHERE " + VISIBLE + " AND id = :id")
                .bind("user", user)
                .bind("id", id)
                .map(CategoryDao::map)
                .findOne();
    }

    /** @return how many of {@code ids} the user sees */
    int countVisible(Collection<Long> ids) {
        return handle.createQuery("SELECT count(*) FROM categories WHERE " + VISIBLE + " AND id = ANY (:ids)")
                .bind("user", user)
                .bindArray("ids", Long.class, List.copyOf(ids))
                .mapTo(Integer.class)
                .one();
    }

    boolean visible(long id) {
        return countVisible(List.of(id)) == 1;
    }

    /** @throws org.jdbi.v3.core.statement.StatementException with SQL state 23505 when the name is taken */
    Category insert(String name) {
        return handle.createQuery("INSERT INTO categories (user_id, name) VALUES (:user, :name) RETURNING " + COLUMNS)
                .bind("user", user)
                .bind("name", name)
                .map(CategoryDao::map)
                .one();
    }

    /** Renames one of the user's own categories. */
    Optional<Category> rename(long id, String name) {
        return handle.createQuery("UPDATE categories SET name = :name, updated_at = now()"
                        + " WHERE user_id = :user AND id = :id RETURNING " + COLUMNS)
                .bind("user", user)
                .bind("id", id)
                .bind("name", name)
                .map(CategoryDao::map)
                .findOne();
    }

    /** Deletes one of the user's own categories: its transactions and splits lose it, its rules and budgets go. */
    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM categories WHERE user_id = :user AND id = :id")
                        .bind("user", user)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    private static Category map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Category(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getBoolean("own"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
