package io.metacortex.finance.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A user's regular expression with bounded cost: at most 200 characters, no back-references, no quantified group that
 * itself holds a quantifier (the shape of catastrophic backtracking, e.g. {@code (a+)+}), matched case-insensitively
 * against at most 1,000 characters, and given up (as no match) after {@value #BUDGET} character reads.
 */
final class BoundedPattern {

    static final int MAX_LENGTH = 200;
    static final int BUDGET = 100_000;
    private static final Pattern BACK_REFERENCE = Pattern.compile("\\\\(?:[1-9]|k<)");
    // A group closed and quantified whose body quantifies too: (..+..)+, (..*..){2,}, (..?..)*
    private static final Pattern NESTED_QUANTIFIER = Pattern.compile("\\([^()]*[+*?}][^()]*\\)\\s*[+*{]");

    private final Pattern pattern;

    private BoundedPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    /** @return the compiled pattern, or why it is refused */
    static Result compile(String source) {
        if (source == null || source.isEmpty() || source.length() > MAX_LENGTH) {
            return new Result(null, "must have 1 to " + MAX_LENGTH + " characters");
        }
        if (BACK_REFERENCE.matcher(source).find()) {
            return new Result(null, "must not use back-references");
        }
        if (NESTED_QUANTIFIER.matcher(source).find()) {
            return new Result(null, "must not repeat a group that repeats itself, such as (a+)+");
        }
        try {
            return new Result(
                    new BoundedPattern(Pattern.compile(source, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)), null);
        } catch (PatternSyntaxException e) {
            return new Result(null, "is not a valid regular expression: " + e.getDescription());
        }
    }

    /** @param pattern the pattern, or null when refused; @param problem why it was refused, or null */
    record Result(BoundedPattern pattern, String problem) {

        Optional<BoundedPattern> valid() {
            return Optional.ofNullable(pattern);
        }
    }

    /** @return whether the pattern is found in {@code text}; false when matching ran over its budget */
    boolean find(String text) {
        Matcher matcher = pattern.matcher(new Budgeted(text, BUDGET));
        try {
            return matcher.find();
        } catch (BudgetExceeded e) {
            return false;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("regular expression over its budget", null, false, false);
        }
    }

    /** A text that stops the matcher once it has read too many characters. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private final int[] left;

        Budgeted(String text, int budget) {
            this(text, new int[] {budget});
        }

        private Budgeted(String text, int[] left) {
            this.text = text;
            this.left = left;
        }

        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
