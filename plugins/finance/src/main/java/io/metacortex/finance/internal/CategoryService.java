package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Categories: the default set, which every user sees and nobody changes (403), and each user's own, named 1..100
 * characters, unique per user ignoring case (409).
 */
public final class CategoryService {

    /** The body of {@code POST /api/finance/categories} and {@code PATCH /api/finance/categories/{id}}. */
    public record CategoryRequest(String name) {}

    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;

    public CategoryService(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
    }

    Page<Category> list(UUID user, Page.Request page) {
        return jdbi.withHandle(h ->
                Page.of(new CategoryDao(h, user).list(page.afterId(), page.limit() + 1), page, Category::id));
    }

    Category find(UUID user, long id) {
        return jdbi.withHandle(h -> new CategoryDao(h, user).find(id))
                .orElseThrow(() -> FinanceErrors.categoryNotFound(id));
    }

    Category create(UUID user, CategoryRequest request) {
        String name = name(request);
        return onTakenName(name, () -> jdbi.inTransaction(h -> new CategoryDao(h, user).insert(name)));
    }

    Category rename(UUID user, long id, CategoryRequest request) {
        String name = name(request);
        return onTakenName(
                name,
                () -> jdbi.inTransaction(h -> {
                    CategoryDao categories = new CategoryDao(h, user);
                    Category current = categories.find(id).orElseThrow(() -> FinanceErrors.categoryNotFound(id));
                    if (!current.own()) {
                        throw defaultCategory();
                    }
                    return categories.rename(id, name).orElseThrow();
                }));
    }

    void delete(UUID user, long id) {
        jdbi.useTransaction(h -> {
            CategoryDao categories = new CategoryDao(h, user);
            Category current = categories.find(id).orElseThrow(() -> FinanceErrors.categoryNotFound(id));
            if (!current.own()) {
                throw defaultCategory();
            }
            categories.delete(id);
        });
    }

    private static ApiException defaultCategory() {
        return ApiException.withFields(
                403, "default category", Map.of("id", "is one of the default categories, which cannot change"));
    }

    private static String name(CategoryRequest request) {
        if (request == null) {
            throw ApiException.missingBody("the category's name");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 100) {
            throw ApiException.invalidBody(Map.of("name", "must have 1 to 100 characters"));
        }
        return name;
    }

    private static Category onTakenName(String name, Supplier<Category> write) {
        try {
            return write.get();
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw FinanceErrors.conflict(
                        "category name taken", "name", "you already have a category named \"" + name + "\"");
            }
            throw e;
        }
    }
}
