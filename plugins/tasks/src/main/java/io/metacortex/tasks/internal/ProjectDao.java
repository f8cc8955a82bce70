package io.metacortex.tasks.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for one owner's rows of {@code projects}, on one handle; filtered by owner like {@link TaskDao}. */
final class ProjectDao {

    private static final String COLUMNS = "id, name, created_at, updated_at";

    private final Handle handle;
    private final UUID owner;

    ProjectDao(Handle handle, UUID owner) {
        this.handle = Objects.requireNonNull(handle);
        this.owner = Objects.requireNonNull(owner);
    }

    /** @throws org.jdbi.v3.core.statement.StatementException with SQL state 23505 when the name is taken */
    Project insert(String name) {
        return handle.createQuery("INSERT INTO projects (owner_id, name) VALUES (:owner, :name) RETURNING " + COLUMNS)
                .bind("owner", owner)
                .bind("name", name)
                .map(ProjectDao::map)
                .one();
    }

    Optional<Project> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM projects WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(ProjectDao::map)
                .findOne();
    }

    /** @throws org.jdbi.v3.core.statement.StatementException with SQL state 23505 when the name is taken */
    Optional<Project> rename(long id, String name) {
        return handle.createQuery("UPDATE projects SET name = :name, updated_at = now()"
                        + " WHERE owner_id = :owner AND id = :id RETURNING " + COLUMNS)
                .bind("owner", owner)
                .bind("id", id)
                .bind("name", name)
                .map(ProjectDao::map)
                .findOne();
    }

    /** Deletes the project; its tasks stay, without project (ON DELETE SET NULL). @return whether it existed */
    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM projects WHERE owner_id = :owner AND id = :id")
                        .bind("owner", owner)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    List<Project> list(PageRequest page) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM projects WHERE owner_id = :owner AND id > :after"
                        + " ORDER BY id LIMIT :limit")
                .bind("owner", owner)
                .bind("after", page.afterId())
                .bind("limit", page.limit())
                .map(ProjectDao::map)
                .list();
    }

    private static Project map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Project(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }
}
