package io.metacortex.db.plugin;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One SQL migration of a plugin, as read from its bundle's {@code db/migration} folder.
 *
 * @param fileName the entry's file name, e.g. {@code V2__add_note.sql}: {@code V}, a version of digits separated by
 *     dots or single underscores, two underscores, a description, {@code .sql}
 * @param sql the script's text
 */
public record MigrationScript(String fileName, String sql) {

    private static final Pattern VERSIONED = Pattern.compile("V\\d+([._]\\d+)*__\\w[\\w.\\- ]*\\.sql");

    public MigrationScript {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sql, "sql");
    }

    /** @return whether the file name follows the versioned migration pattern described above */
    public boolean hasValidName() {
        return VERSIONED.matcher(fileName).matches();
    }
}
