package io.metacortex.notes.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * SQL for one owner's rows of {@code notes}, {@code note_links} and {@code note_versions}, on one handle; the
 * {@link NoteService} decides the transactions. Every statement filters by the owner itself: the tables' row-level
 * security policies are the backstop, not the only guard. Table names are unqualified: the handle's search path is
 * the plugin's schema.
 */
final class NoteDao {

    /**
     * The text search configuration of the stored {@code notes.search} column (V1), which queries and snippets must
     * use too: 'english' stems ("meetings" finds "meeting") and drops stop words.
     */
    static final String TEXT_SEARCH_CONFIG = "english";

    /** ts_rank_cd weights for D, C, B, A: a title (A) match counts five times a body (B) match. */
    private static final String RANK_WEIGHTS = "{0.1, 0.1, 0.2, 1.0}";

    /** ts_headline options: up to two passages of the body around the matches, the matches in {@code <mark>}. */
    private static final String HEADLINE_OPTIONS =
            "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=\" … \"";

    /**
     * The body with the characters HTML gives meaning to escaped, before ts_headline adds its {@code <mark>} tags:
     * a snippet is then safe to insert as HTML ({@code <mark>} being the only markup in it). ts_headline reads
     * entities as entities, so the words around them are matched as in the unescaped text.
     */
    private static final String ESCAPED_BODY = "replace(replace(replace(replace(replace(body, '&', '&amp;'), "
            + "'<', '&lt;'), '>', '&gt;'), '\"', '&quot;'), '''', '&#39;')";

    private static final String SUMMARY_COLUMNS =
            "id, title, tags, task_ids, pinned, archived, version, created_at, updated_at";
    private static final String COLUMNS = SUMMARY_COLUMNS + ", body";

    private final Handle handle;
    private final UUID owner;

    /** @param owner the user whose notes this DAO reads and writes; other users' notes do not exist for it */
    NoteDao(Handle handle, UUID owner) {
        this.handle = Objects.requireNonNull(handle);
        this.owner = Objects.requireNonNull(owner);
    }

    /** Inserts the note as version 1 (the version row is {@link #insertVersion}'s). */
    StoredNote insert(NoteDraft draft) {
        return handle.createQuery("""
                INSERT INTO notes (owner_id, title, body, tags, task_ids, pinned, archived)
                VALUES (:owner, :title, :body, CAST(:tags AS text[]), CAST(:taskIds AS bigint[]), :pinned, :archived)
                RETURNING\s""" + COLUMNS)
                .bind("owner", owner)
                .bind("title", draft.title())
                .bind("body", draft.body())
                .bindArray("tags", String.class, draft.tags())
                .bindArray("taskIds", Long.class, draft.taskIds())
                .bind("pinned", draft.pinned())
                .bind("archived", draft.archived())
                .map(NoteDao::note)
                .one();
    }

    Optional<StoredNote> find(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM notes WHERE owner_id = :owner AND id = :id")
                .bind("owner", owner)
                .bind("id", id)
                .map(NoteDao::note)
                .findOne();
    }

    /** Like {@link #find}, locking the row until the transaction ends, so that saves of one note do not interleave. */
    Optional<StoredNote> findForUpdate(long id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM notes WHERE owner_id = :owner AND id = :id FOR UPDATE")
                .bind("owner", owner)
                .bind("id", id)
                .map(NoteDao::note)
                .findOne();
    }

    /** @return the id of the owner's note with this title, ignoring case, other than {@code exceptId} */
    Optional<Long> idOfTitle(String title, long exceptId) {
        return handle.createQuery("""
                SELECT id FROM notes WHERE owner_id = :owner AND lower(title) = lower(:title) AND id <> :except""")
                .bind("owner", owner)
                .bind("title", title)
                .bind("except", exceptId)
                .mapTo(Long.class)
                .findOne();
    }

    /** Replaces every editable field and sets the version number. @return the note as stored now */
    StoredNote update(long id, NoteDraft draft, int version) {
        return handle.createQuery("""
                UPDATE notes
                   SET title = :title, body = :body, tags = CAST(:tags AS text[]),
                       task_ids = CAST(:taskIds AS bigint[]), pinned = :pinned, archived = :archived,
                       version = :version, updated_at = now()
                 WHERE owner_id = :owner AND id = :id
                RETURNING\s""" + COLUMNS)
                .bind("owner", owner)
                .bind("id", id)
                .bind("title", draft.title())
                .bind("body", draft.body())
                .bindArray("tags", String.class, draft.tags())
                .bindArray("taskIds", Long.class, draft.taskIds())
                .bind("pinned", draft.pinned())
                .bind("archived", draft.archived())
                .bind("version", version)
                .map(NoteDao::note)
                .one();
    }

    /** Deletes the note with its links and versions (ON DELETE CASCADE). @return whether the owner had it */
    boolean delete(long id) {
        return handle.createUpdate("DELETE FROM notes WHERE owner_id = :owner AND id = :id")
                        .bind("owner", owner)
                        .bind("id", id)
                        .execute()
                > 0;
    }

    /**
     * @return up to {@code query.limit()} of the owner's notes matching every filter, after {@code query.after()}
     *     in {@code query.order()} (not {@link NoteOrder#RELEVANCE}: that is {@link #search})
     */
    List<Keyed<NoteSummary>> list(NoteQuery query) {
        List<String> where = new ArrayList<>();
        List<Consumer<Query>> binds = new ArrayList<>();
        filters(query, where, binds);
        String key;
        String order;
        switch (query.order()) {
            case UPDATED, CREATED -> {
                String column = query.order() == NoteOrder.UPDATED ? "updated_at" : "created_at";
                key = "CAST(EXTRACT(EPOCH FROM " + column + ") * 1000000 AS bigint)::text";
                order = column + " DESC, id DESC";
                if (query.after() != null) {
                    where.add("(" + column + ", id) < (:afterTime, :afterId)");
                    binds.add(q -> q.bind("afterTime", fromMicros(query.after().key()))
                            .bind("afterId", query.after().id()));
                }
            }
            case TITLE -> {
                // Titles are unique per owner ignoring case (notes_owner_title_key), so the title alone is the key.
                key = "lower(title)";
                order = "lower(title)";
                if (query.after() != null) {
                    where.add("lower(title) > :afterTitle");
                    binds.add(q -> q.bind("afterTitle", query.after().key()));
                }
            }
            default -> throw new IllegalArgumentException("not a list order: " + query.order());
        }
        // Only the fixed fragments above are concatenated; every value is a bound parameter.
        Query select = handle.createQuery("SELECT " + SUMMARY_COLUMNS + ", " + key + " AS sort_key FROM notes WHERE "
                + String.join(" AND ", where) + " ORDER BY " + order + " LIMIT :limit");
        binds.forEach(bind -> bind.accept(select));
        return select.bind("limit", query.limit())
                .map((rs, ctx) -> keyed(rs, null))
                .list();
    }

    /**
     * Full-text search: up to {@code query.limit()} of the owner's notes matching {@code query.text()} (web search
     * syntax: words, "quoted phrases", or, -excluded) and every filter, best match first (ts_rank_cd, then id), after
     * {@code query.after()}, each with a highlighted snippet of its body. Text without searchable words (only stop
     * words, say) matches nothing.
     */
    List<Keyed<NoteSummary>> search(NoteQuery query) {
        List<String> where = new ArrayList<>();
        List<Consumer<Query>> binds = new ArrayList<>();
        filters(query, where, binds);
        String tsquery = "websearch_to_tsquery('" + TEXT_SEARCH_CONFIG + "', :text)";
        where.add("search @@ " + tsquery);
        String page = "";
        if (query.after() != null) {
            page = " WHERE score < :afterScore OR (score = :afterScore AND id > :afterId)";
            binds.add(q -> q.bind("afterScore", Float.parseFloat(query.after().key()))
                    .bind("afterId", query.after().id()));
        }
        // The snippets are made for the page's rows only, after the LIMIT: ts_headline is the expensive part. The
        // score is a real (float4) so that the cursor's text form of it compares equal when bound back.
        Query select = handle.createQuery("SELECT " + SUMMARY_COLUMNS + ", CAST(score AS text) AS sort_key,"
                + " ts_headline('" + TEXT_SEARCH_CONFIG + "', " + ESCAPED_BODY + ", " + tsquery + ", :headline)"
                + " AS snippet FROM ("
                + "SELECT * FROM ("
                + "SELECT " + COLUMNS + ", CAST(ts_rank_cd(CAST(:weights AS real[]), search, " + tsquery + ") AS real)"
                + " AS score FROM notes WHERE " + String.join(" AND ", where)
                + ") hits" + page + " ORDER BY score DESC, id LIMIT :limit"
                + ") page ORDER BY score DESC, id");
        binds.forEach(bind -> bind.accept(select));
        return select.bind("text", query.text())
                .bind("weights", RANK_WEIGHTS)
                .bind("headline", HEADLINE_OPTIONS)
                .bind("limit", query.limit())
                .map((rs, ctx) -> keyed(rs, rs.getString("snippet")))
                .list();
    }

    private void filters(NoteQuery query, List<String> where, List<Consumer<Query>> binds) {
        where.add("owner_id = :owner");
        binds.add(q -> q.bind("owner", owner));
        if (query.archived() != null) {
            where.add("archived = :archived");
            binds.add(q -> q.bind("archived", query.archived().booleanValue()));
        }
        if (query.pinned() != null) {
            where.add("pinned = :pinned");
            binds.add(q -> q.bind("pinned", query.pinned().booleanValue()));
        }
        if (!query.tags().isEmpty()) {
            where.add("tags @> CAST(:tags AS text[])");
            binds.add(q -> q.bindArray("tags", String.class, query.tags()));
        }
    }

    /** Replaces the note's wiki links with {@code targets} (distinct titles in order of appearance). */
    void replaceLinks(long noteId, List<String> targets) {
        handle.createUpdate("DELETE FROM note_links WHERE owner_id = :owner AND source_id = :id")
                .bind("owner", owner)
                .bind("id", noteId)
                .execute();
        if (targets.isEmpty()) {
            return;
        }
        // ON CONFLICT: two targets that Java's lower-casing kept apart may still be one for PostgreSQL's lower().
        PreparedBatch batch = handle.prepareBatch("""
                INSERT INTO note_links (owner_id, source_id, target_key, target_title, position)
                VALUES (:owner, :id, lower(:title), :title, :position)
                ON CONFLICT DO NOTHING""");
        for (int i = 0; i < targets.size(); i++) {
            batch.bind("owner", owner)
                    .bind("id", noteId)
                    .bind("title", targets.get(i))
                    .bind("position", i)
                    .add();
        }
        batch.execute();
    }

    /** @return the note's wiki links in order, each with the owner's note of that title now, if any */
    List<NoteLink> links(long noteId) {
        return handle.createQuery("""
                SELECT l.target_title, t.id
                  FROM note_links l
                  LEFT JOIN notes t ON t.owner_id = l.owner_id AND lower(t.title) = l.target_key
                 WHERE l.owner_id = :owner AND l.source_id = :id
                 ORDER BY l.position""")
                .bind("owner", owner)
                .bind("id", noteId)
                .map((rs, ctx) -> new NoteLink(rs.getString(1), rs.getObject(2, Long.class)))
                .list();
    }

    /**
     * @return the owner's notes, other than {@code noteId}, whose body links to {@code title} (ignoring case), by
     *     title, after {@code paging.after()}
     */
    List<Keyed<NoteSummary>> backlinks(long noteId, String title, Paging paging) {
        Query select = handle.createQuery("SELECT " + prefixed("n.", SUMMARY_COLUMNS) + """
                , lower(n.title) AS sort_key
                  FROM note_links l
                  JOIN notes n ON n.owner_id = l.owner_id AND n.id = l.source_id
                 WHERE l.owner_id = :owner AND l.target_key = lower(:title) AND n.id <> :id
                   AND (CAST(:afterTitle AS text) IS NULL OR lower(n.title) > :afterTitle)
                 ORDER BY lower(n.title)
                 LIMIT :limit""");
        return select.bind("owner", owner)
                .bind("title", title)
                .bind("id", noteId)
                .bind(
                        "afterTitle",
                        paging.after() == null ? null : paging.after().key())
                .bind("limit", paging.limit())
                .map((rs, ctx) -> keyed(rs, null))
                .list();
    }

    /** Stores {@code draft}'s content as the note's version {@code number}. */
    void insertVersion(long noteId, int number, NoteDraft draft) {
        handle.createUpdate("""
                INSERT INTO note_versions (owner_id, note_id, number, title, body, tags)
                VALUES (:owner, :id, :number, :title, :body, CAST(:tags AS text[]))""")
                .bind("owner", owner)
                .bind("id", noteId)
                .bind("number", number)
                .bind("title", draft.title())
                .bind("body", draft.body())
                .bindArray("tags", String.class, draft.tags())
                .execute();
    }

    /** @return the note's versions, newest first, below the number in {@code paging.after()} */
    List<VersionSummary> versions(long noteId, Paging paging) {
        return handle.createQuery("""
                SELECT number, title, tags, created_at
                  FROM note_versions
                 WHERE owner_id = :owner AND note_id = :id AND number < :before
                 ORDER BY number DESC
                 LIMIT :limit""")
                .bind("owner", owner)
                .bind("id", noteId)
                .bind(
                        "before",
                        paging.after() == null
                                ? Integer.MAX_VALUE
                                : paging.after().id())
                .bind("limit", paging.limit())
                .map((rs, ctx) -> new VersionSummary(
                        rs.getInt("number"),
                        rs.getString("title"),
                        strings(rs.getArray("tags")),
                        instant(rs, "created_at")))
                .list();
    }

    Optional<NoteVersion> version(long noteId, int number) {
        return handle.createQuery("""
                SELECT number, title, body, tags, created_at
                  FROM note_versions
                 WHERE owner_id = :owner AND note_id = :id AND number = :number""")
                .bind("owner", owner)
                .bind("id", noteId)
                .bind("number", number)
                .map((rs, ctx) -> new NoteVersion(
                        rs.getInt("number"),
                        rs.getString("title"),
                        rs.getString("body"),
                        strings(rs.getArray("tags")),
                        instant(rs, "created_at")))
                .findOne();
    }

    private static String prefixed(String prefix, String columns) {
        return prefix + String.join(", " + prefix, columns.split(", "));
    }

    private static OffsetDateTime fromMicros(String micros) {
        return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Keyed<NoteSummary> keyed(ResultSet rs, String snippet) throws SQLException {
        NoteSummary summary = new NoteSummary(
                rs.getLong("id"),
                rs.getString("title"),
                strings(rs.getArray("tags")),
                rs.getBoolean("pinned"),
                rs.getBoolean("archived"),
                longs(rs.getArray("task_ids")),
                rs.getInt("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                snippet);
        return new Keyed<>(summary, rs.getString("sort_key"), summary.id());
    }

    private static StoredNote note(ResultSet rs, StatementContext ctx) throws SQLException {
        return new StoredNote(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("body"),
                strings(rs.getArray("tags")),
                longs(rs.getArray("task_ids")),
                rs.getBoolean("pinned"),
                rs.getBoolean("archived"),
                rs.getInt("version"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }

    private static List<Long> longs(Array array) throws SQLException {
        return List.of((Long[]) array.getArray());
    }
}
