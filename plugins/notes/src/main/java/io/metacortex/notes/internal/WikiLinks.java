package io.metacortex.notes.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the wiki links of a markdown body: {@code [[Note Title]]} and {@code [[Note Title|shown text]]}. The target
 * is the text before {@code |}, trimmed; it may not contain brackets, {@code |} or a line break. Links inside code
 * (fenced blocks and inline code spans) are text, not links. Targets longer than a title can be are left out: no
 * note could have them.
 */
final class WikiLinks {

    private static final Pattern LINK = Pattern.compile("\\[\\[([^\\[\\]|\\n]+)(?:\\|[^\\[\\]\\n]*)?]]");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)[^`].*?\\1|(`+)`*");

    private WikiLinks() {}

    /**
     * @return the distinct targets in order of first appearance; two spellings that differ only in case are one
     *     target, written as it first appears
     */
    static List<String> targets(String body) {
        List<String> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Matcher matcher = LINK.matcher(withoutCode(body));
        while (matcher.find()) {
            String target = matcher.group(1).strip();
            int length = target.codePointCount(0, target.length());
            if (length >= 1 && length <= NoteRequestValidator.MAX_TITLE && seen.add(target.toLowerCase(Locale.ROOT))) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** @return whether a title has what would end a wiki link early, so that no link could name it */
    static boolean hasBrackets(String title) {
        return title.contains("[[") || title.contains("]]") || title.contains("|");
    }

    /** @return the body with fenced code blocks dropped and inline code spans blanked */
    private static String withoutCode(String body) {
        StringBuilder text = new StringBuilder(body.length());
        String fence = null;
        for (String line : body.split("\n", -1)) {
            Matcher start = FENCE.matcher(line);
            if (fence == null && start.find()) {
                fence = start.group(1);
            } else if (fence != null) {
                if (line.strip().startsWith(fence)) {
                    fence = null;
                }
            } else {
                text.append(CODE_SPAN.matcher(line).replaceAll(" "));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
