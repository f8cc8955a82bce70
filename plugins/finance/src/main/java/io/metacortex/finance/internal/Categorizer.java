package io.metacortex.finance.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** A user's rules, compiled once for a batch: the category of the first rule that matches a transaction. */
final class Categorizer {

    private record Compiled(long categoryId, boolean onMerchant, Predicate<String> test) {}

    private final List<Compiled> rules;

    Categorizer(List<Rule> rules) {
        this.rules = rules.stream().map(Categorizer::compile).toList();
    }

    static final Categorizer NONE = new Categorizer(List.of());

    private static Compiled compile(Rule rule) {
        boolean onMerchant = "merchant".equals(rule.field());
        if ("regex".equals(rule.match())) {
            Optional<BoundedPattern> pattern =
                    BoundedPattern.compile(rule.pattern()).valid();
            return new Compiled(
                    rule.categoryId(),
                    onMerchant,
                    pattern.<Predicate<String>>map(p -> p::find).orElse(t -> false));
        }
        String needle = rule.pattern().toLowerCase(Locale.ROOT);
        return new Compiled(
                rule.categoryId(),
                onMerchant,
                text -> text.toLowerCase(Locale.ROOT).contains(needle));
    }

    /** @return the category of the first rule that matches, or null */
    Long categoryFor(String merchant, String description) {
        for (Compiled rule : rules) {
            String text = rule.onMerchant() ? merchant : description;
            if (text != null && rule.test().test(text)) {
                return rule.categoryId();
            }
        }
        return null;
    }
}
