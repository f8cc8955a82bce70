package io.metacortex.finance.internal;

import io.metacortex.plugin.support.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Categorisation rules: CRUD, and applying them on demand to the transactions that have no category yet. */
public final class RuleService {

    /** What {@code POST /api/finance/rules/apply} did. */
    public record Applied(int categorised) {}

    private final Jdbi jdbi;

    public RuleService(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi);
    }

    List<Rule> list(UUID user) {
        return jdbi.withHandle(h -> new RuleDao(h, user).all());
    }

    Rule find(UUID user, long id) {
        return jdbi.withHandle(h -> new RuleDao(h, user).find(id)).orElseThrow(() -> FinanceErrors.ruleNotFound(id));
    }

    Rule create(UUID user, RuleRequests.RuleRequest request) {
        RuleRequests.Draft draft = RuleRequests.check(request);
        return jdbi.inTransaction(h -> {
            requireCategory(h, user, draft.categoryId());
            return new RuleDao(h, user).insert(draft);
        });
    }

    Rule update(UUID user, long id, RuleRequests.RuleRequest request) {
        return jdbi.inTransaction(h -> {
            RuleDao rules = new RuleDao(h, user);
            rules.find(id).orElseThrow(() -> FinanceErrors.ruleNotFound(id));
            RuleRequests.Draft draft = RuleRequests.check(request);
            requireCategory(h, user, draft.categoryId());
            return rules.update(id, draft).orElseThrow();
        });
    }

    void delete(UUID user, long id) {
        if (!jdbi.inTransaction(h -> new RuleDao(h, user).delete(id))) {
            throw FinanceErrors.ruleNotFound(id);
        }
    }

    /** Categorises the user's transactions that have neither a category nor splits, by the rules in their order. */
    Applied apply(UUID user) {
        return jdbi.inTransaction(h -> {
            Categorizer rules = new Categorizer(new RuleDao(h, user).all());
            List<Long> ids = new ArrayList<>();
            List<Long> categories = new ArrayList<>();
            h.createQuery("SELECT id, merchant, description FROM transactions t WHERE user_id = :user"
                            + " AND category_id IS NULL AND NOT EXISTS (SELECT 1 FROM splits s"
                            + " WHERE s.transaction_id = t.id)")
                    .bind("user", user)
                    .map((rs, ctx) -> {
                        Long category = rules.categoryFor(rs.getString("merchant"), rs.getString("description"));
                        if (category != null) {
                            ids.add(rs.getLong("id"));
                            categories.add(category);
                        }
                        return 0;
                    })
                    .list();
            if (!ids.isEmpty()) {
                h.createUpdate("UPDATE transactions t SET category_id = v.category, updated_at = now()"
                                + " FROM unnest(:ids::bigint[], :categories::bigint[]) AS v (id, category)"
                                + " WHERE t.id = v.id AND t.user_id = :user")
                        .bind("user", user)
                        .bindArray("ids", Long.class, ids)
                        .bindArray("categories", Long.class, categories)
                        .execute();
            }
            return new Applied(ids.size());
        });
    }

    private static void requireCategory(Handle h, UUID user, long categoryId) {
        if (!new CategoryDao(h, user).visible(categoryId)) {
            throw ApiException.invalidBody(Map.of("categoryId", "must be the id of one of your categories"));
        }
    }
}
