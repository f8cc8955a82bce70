package io.metacortex.tasks.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** SQL for one owner's rows of {@code tags} and their {@code task_tags}, on one handle. */
final class TagDao {

    private static final String SELECT = """
            SELECT g.id, g.name,
                   (SELECT count(*) FROM task_tags tt WHERE tt.tag_id = g.id AND tt.owner_id = g.owner_id) AS tasks
              FROM tags g""";

    private final Handle handle;
    private final UUID owner;

    TagDao(Handle handle, UUID owner) {
        this.handle = Objects.requireNonNull(handle);
        this.owner = Objects.requireNonNull(owner);
    }

    Optional<Tag> find(long id) {
        return handle.createQuery(SELECT + " WHERE g.owner_id = :owner AND g.id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map((rs, ctx) -> new Tag(rs.getLong("id"), rs.getString("name"), rs.getLong("tasks")))
                .findOne();
    }

    Optional<Long> idOf(String name) {
        return handle.createQuery("SELECT id FROM tags WHERE owner_id = :owner AND name = :name")
                .bind("owner", owner)
                .bind("name", name)
                .mapTo(Long.class)
                .findOne();
    }

    List<Tag> list(PageRequest page) {
        return handle.createQuery(SELECT + " WHERE g.owner_id = :owner AND g.id > :after ORDER BY g.id LIMIT :limit")
                .bind("owner", owner)
                .bind("after", page.afterId())
                .bind("limit", page.limit())
                .map((rs, ctx) -> new Tag(rs.getLong("id"), rs.getString("name"), rs.getLong("tasks")))
                .list();
    }

    void rename(long id, String name) {
        handle.createUpdate("UPDATE tags SET name = :name WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .bind("name", name)
                .execute();
    }

    /** Puts tag {@code into} on every task that has tag {@code from}, then deletes {@code from}. */
    void merge(long from, long into) {
        handle.createUpdate("""
                INSERT INTO task_tags (task_id, tag_id, owner_id)
                SELECT task_id, :into, owner_id FROM task_tags WHERE owner_id = :owner AND tag_id = :from
                ON CONFLICT DO NOTHING""")
                .bind("owner", owner)
                .bind("from", from)
                .bind("into", into)
                .execute();
        delete(from);
    }

    /** Deletes the tag; its tasks stay and lose it (ON DELETE CASCADE of task_tags). @return whether it existed */
    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM tags WHERE owner_id = :owner AND id = :id")
                        .bind("owner", owner)
                        .bind("id", id)
                        .execute()
                > 0;
    }
}
