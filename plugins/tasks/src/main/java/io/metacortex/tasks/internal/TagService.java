package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.ApiException;
import io.metacortex.plugin.support.Tags;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A user's tags as entities. Tags are created by naming them on a task; here they are listed with their task
 * counts, renamed and deleted. Renaming a tag to the name of another of the user's tags merges the two: the tasks of
 * the renamed tag get the other one, and the renamed tag goes. Deleting a tag removes it from its tasks and never
 * deletes a task.
 */
public final class TagService {

    private final Jdbi jdbi;

    public TagService(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
    }

    Page<Tag> list(UUID owner, PageRequest page) {
        return jdbi.withHandle(handle -> Page.of(new TagDao(handle, owner).list(page.withExtraRow()), page, Tag::id));
    }

    /** @throws ApiException 404 when the user has no such tag */
    Tag find(UUID owner, long id) {
        return jdbi.withHandle(handle -> new TagDao(handle, owner).find(id))
                .orElseThrow(() -> TaskErrors.tagNotFound(Long.toString(id)));
    }

    /**
     * @return the tag now carrying the name: the renamed one, or the one it was merged into
     * @throws ApiException 404 when the user has no such tag; 422 for an invalid name
     */
    Tag rename(UUID owner, long id, TagRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the tag's new name");
        }
        String name = Tags.normalise(request.name())
                .orElseThrow(() -> ApiException.invalidBody(
                        Map.of("name", "must be 1 to " + Tags.MAX_LENGTH + " characters after trimming")));
        return jdbi.inTransaction(handle -> {
            TagDao tags = new TagDao(handle, owner);
            tags.find(id).orElseThrow(() -> TaskErrors.tagNotFound(Long.toString(id)));
            Optional<Long> existing = tags.idOf(name);
            if (existing.isPresent() && existing.get() != id) {
                tags.merge(id, existing.get());
                return tags.find(existing.get()).orElseThrow();
            }
            tags.rename(id, name);
            return tags.find(id).orElseThrow();
        });
    }

    /** @return whether the user had the tag; its tasks stay, without it */
    boolean delete(UUID owner, long id) {
        return jdbi.inTransaction(handle -> new TagDao(handle, owner).delete(id));
    }
}
