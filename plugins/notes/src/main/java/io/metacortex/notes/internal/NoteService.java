package io.metacortex.notes.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.PageCursor;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * The note operations of one owner at a time, each in one transaction, with the rules that need the database:
 * titles are unique per owner ignoring case; a save stores the wiki links of a changed body and a version when the
 * content (title, body, tags) changed. Another user's note is treated exactly like a missing one, so that its
 * existence is never revealed. Linked tasks are looked up after the transaction, through the {@link TaskLookup}.
 */
public final class NoteService {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String TITLE_CONSTRAINT = "notes_owner_title_key";

    private final Jdbi jdbi;
    private final TaskLookup tasks;

    public NoteService(Jdbi jdbi, TaskLookup tasks) {
        this.jdbi = jdbi;
        this.tasks = tasks;
    }

    /** Creates the note as version 1. @throws ApiException 409 when the owner has a note with that title */
    Note create(UUID owner, NoteDraft draft) {
        return withLinkedTasks(
                owner,
                onTitleTaken(
                        owner,
                        draft,
                        0,
                        () -> jdbi.inTransaction(handle -> {
                            NoteDao dao = new NoteDao(handle, owner);
                            requireFreeTitle(dao, draft.title(), 0);
                            StoredNote note = dao.insert(draft);
                            dao.insertVersion(note.id(), note.version(), draft);
                            dao.replaceLinks(note.id(), WikiLinks.targets(draft.body()));
                            return read(dao, note);
                        })));
    }

    Optional<Note> find(UUID owner, long id) {
        return jdbi.withHandle(handle -> {
                    NoteDao dao = new NoteDao(handle, owner);
                    return dao.find(id).map(note -> read(dao, note));
                })
                .map(note -> withLinkedTasks(owner, note));
    }

    /**
     * Replaces every editable field with the draft's. Stores a version when title, body or tags change, and
     * touches nothing when no field changes.
     *
     * @throws ApiException 404 when the owner has no such note; 409 when another of the owner's notes has the title
     */
    Note replace(UUID owner, long id, NoteDraft draft) {
        return save(owner, id, (dao, current) -> draft);
    }

    /**
     * Applies the fields present in {@code request} over the note's (PATCH), validated as a whole.
     *
     * @throws ApiException 404; 409 as for {@link #replace}; 422 for invalid fields
     */
    Note patch(UUID owner, long id, NoteRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the note's fields");
        }
        return save(owner, id, (dao, current) -> NoteRequestValidator.validate(request.over(current)));
    }

    /**
     * Saves version {@code number}'s title, body and tags as the note's content, which stores a new version with
     * that content (unless it is the content already); pinned, archived and task links stay as they are.
     *
     * @throws ApiException 404 for an unknown note or version; 409 when another note has taken the title since
     */
    Note revert(UUID owner, long id, int number) {
        return save(
                owner,
                id,
                (dao, current) -> draftOf(current)
                        .withContentOf(dao.version(id, number)
                                .orElseThrow(() -> NoteErrors.versionNotFound(id, Integer.toString(number)))));
    }

    /** Deletes the note with its history and links. @return whether the owner had the note */
    boolean delete(UUID owner, long id) {
        return jdbi.inTransaction(handle -> new NoteDao(handle, owner).delete(id));
    }

    /** The note list, or search results when {@code query.text()} is set. */
    NotePage<NoteSummary> list(UUID owner, NoteQuery query) {
        List<Keyed<NoteSummary>> rows = jdbi.withHandle(handle -> {
            NoteDao dao = new NoteDao(handle, owner);
            NoteQuery oneMore = query.withLimit(query.limit() + 1);
            return query.text() != null ? dao.search(oneMore) : dao.list(oneMore);
        });
        return page(rows, query.limit(), query.order().cursorName());
    }

    /** @throws ApiException 404 when the owner has no such note */
    NotePage<NoteSummary> backlinks(UUID owner, long id, Paging paging) {
        List<Keyed<NoteSummary>> rows = jdbi.withHandle(handle -> {
            NoteDao dao = new NoteDao(handle, owner);
            StoredNote note = dao.find(id).orElseThrow(() -> NoteErrors.noteNotFound(Long.toString(id)));
            return dao.backlinks(id, note.title(), paging.withLimit(paging.limit() + 1));
        });
        return page(rows, paging.limit(), NoteOrder.TITLE.cursorName());
    }

    /** @throws ApiException 404 when the owner has no such note */
    NotePage<VersionSummary> versions(UUID owner, long id, Paging paging) {
        List<VersionSummary> rows = jdbi.withHandle(handle -> {
            NoteDao dao = new NoteDao(handle, owner);
            dao.find(id).orElseThrow(() -> NoteErrors.noteNotFound(Long.toString(id)));
            return dao.versions(id, paging.withLimit(paging.limit() + 1));
        });
        if (rows.size() <= paging.limit()) {
            return new NotePage<>(rows, null);
        }
        List<VersionSummary> items = List.copyOf(rows.subList(0, paging.limit()));
        int last = items.get(items.size() - 1).number();
        return new NotePage<>(items, new PageCursor(NoteQueryParser.VERSION_ORDER, "", last).encode());
    }

    /** @throws ApiException 404 when the owner has no such note or it has no such version */
    NoteVersion version(UUID owner, long id, int number) {
        return jdbi.withHandle(handle -> {
            NoteDao dao = new NoteDao(handle, owner);
            dao.find(id).orElseThrow(() -> NoteErrors.noteNotFound(Long.toString(id)));
            return dao.version(id, number).orElseThrow(() -> NoteErrors.versionNotFound(id, Integer.toString(number)));
        });
    }

    /** Works out what a save writes, from the note as it is (locked) and its data. */
    @FunctionalInterface
    private interface Change {
        NoteDraft draft(NoteDao dao, StoredNote current);
    }

    /**
     * The one write path of an existing note: locks it, works out the draft, checks the title and writes what
     * changed: the row, a version when the content changed, the links when the body changed.
     */
    private Note save(UUID owner, long id, Change change) {
        AtomicReference<String> title = new AtomicReference<>();
        Supplier<Note> write = () -> jdbi.inTransaction(handle -> {
            NoteDao dao = new NoteDao(handle, owner);
            StoredNote current = dao.findForUpdate(id).orElseThrow(() -> NoteErrors.noteNotFound(Long.toString(id)));
            NoteDraft draft = change.draft(dao, current);
            title.set(draft.title());
            if (!draft.changes(current)) {
                return read(dao, current);
            }
            if (!draft.title().equals(current.title())) {
                requireFreeTitle(dao, draft.title(), id);
            }
            boolean newVersion = draft.changesContentOf(current);
            int version = newVersion ? current.version() + 1 : current.version();
            StoredNote saved = dao.update(id, draft, version);
            if (newVersion) {
                dao.insertVersion(id, version, draft);
            }
            if (!draft.body().equals(current.body())) {
                dao.replaceLinks(id, WikiLinks.targets(draft.body()));
            }
            return read(dao, saved);
        });
        return withLinkedTasks(owner, onTitleTaken(owner, title::get, id, write));
    }

    private static NoteDraft draftOf(StoredNote note) {
        return new NoteDraft(note.title(), note.body(), note.tags(), note.taskIds(), note.pinned(), note.archived());
    }

    private static Note read(NoteDao dao, StoredNote note) {
        return Note.of(note, dao.links(note.id()), List.of());
    }

    private Note withLinkedTasks(UUID owner, Note note) {
        return new Note(
                note.id(),
                note.title(),
                note.body(),
                note.tags(),
                note.pinned(),
                note.archived(),
                note.links(),
                note.taskIds(),
                tasks.find(owner, note.taskIds()),
                note.version(),
                note.createdAt(),
                note.updatedAt());
    }

    private static void requireFreeTitle(NoteDao dao, String title, long exceptId) {
        dao.idOfTitle(title, exceptId).ifPresent(other -> {
            throw NoteErrors.titleTaken(title, other);
        });
    }

    private Note onTitleTaken(UUID owner, NoteDraft draft, long exceptId, Supplier<Note> write) {
        return onTitleTaken(owner, draft::title, exceptId, write);
    }

    /**
     * Turns the unique violation of a title taken between check and write (two saves at once) into the same 409.
     */
    private Note onTitleTaken(UUID owner, Supplier<String> title, long exceptId, Supplier<Note> write) {
        try {
            return write.get();
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql
                    && UNIQUE_VIOLATION.equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains(TITLE_CONSTRAINT)) {
                Optional<Long> other =
                        jdbi.withHandle((Handle h) -> new NoteDao(h, owner).idOfTitle(title.get(), exceptId));
                if (other.isPresent()) {
                    throw NoteErrors.titleTaken(title.get(), other.get());
                }
            }
            throw e;
        }
    }

    private static <T> NotePage<T> page(List<Keyed<T>> rows, int limit, String order) {
        if (rows.size() <= limit) {
            return new NotePage<>(rows.stream().map(Keyed::item).toList(), null);
        }
        List<Keyed<T>> items = rows.subList(0, limit);
        return new NotePage<>(
                items.stream().map(Keyed::item).toList(),
                items.get(limit - 1).cursor(order).encode());
    }
}
