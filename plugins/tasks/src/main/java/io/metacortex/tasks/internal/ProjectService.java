package io.metacortex.tasks.internal;

import io.metacortex.plugin.support.ApiException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * A user's projects: names of 1..100 characters (trimmed), unique per user ignoring case. Deleting a project keeps
 * its tasks, which then belong to no project.
 */
public final class ProjectService {

    static final int MAX_NAME = 100;
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;

    public ProjectService(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
    }

    /** @throws ApiException 422 for an invalid name; 409 when the user has a project of that name */
    Project create(UUID owner, ProjectRequest request) {
        String name = validName(request);
        return onTakenName(name, () -> jdbi.inTransaction(handle -> new ProjectDao(handle, owner).insert(name)));
    }

    /** @throws ApiException 404 when the user has no such project; 422 for an invalid name; 409 for a taken one */
    Project rename(UUID owner, long id, ProjectRequest request) {
        String name = validName(request);
        return onTakenName(
                name,
                () -> jdbi.inTransaction(handle -> new ProjectDao(handle, owner).rename(id, name))
                        .orElseThrow(() -> TaskErrors.projectNotFound(Long.toString(id))));
    }

    /** @throws ApiException 404 when the user has no such project */
    Project find(UUID owner, long id) {
        return jdbi.withHandle(handle -> new ProjectDao(handle, owner).find(id))
                .orElseThrow(() -> TaskErrors.projectNotFound(Long.toString(id)));
    }

    /** @return whether the user had the project; its tasks stay, without project */
    boolean delete(UUID owner, long id) {
        return jdbi.inTransaction(handle -> new ProjectDao(handle, owner).delete(id));
    }

    Page<Project> list(UUID owner, PageRequest page) {
        return jdbi.withHandle(
                handle -> Page.of(new ProjectDao(handle, owner).list(page.withExtraRow()), page, Project::id));
    }

    private static String validName(ProjectRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the project's name");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            throw ApiException.invalidBody(Map.of("name", "must not be blank"));
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw ApiException.invalidBody(Map.of("name", "must be at most " + MAX_NAME + " characters"));
        }
        return name;
    }

    private static Project onTakenName(String name, Supplier<Project> write) {
        try {
            return write.get();
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw TaskErrors.conflict(
                        "project name taken",
                        "name",
                        "you already have a project named \"" + name + "\" (names ignore case)");
            }
            throw e;
        }
    }
}
