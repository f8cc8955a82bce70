package io.metacortex.host.secrets;

/** The rules for secret names: 1 to 200 printable characters, no leading or trailing white space. */
final class SecretNames {

    static final int MAX_LENGTH = 200;

    private SecretNames() {}

    /** @throws IllegalArgumentException saying what is wrong with the name */
    static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("A secret needs a name (1 to " + MAX_LENGTH + " characters).");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "Secret names are at most " + MAX_LENGTH + " characters; this one" + " has " + length + ".");
        }
        if (!name.codePoints().allMatch(SecretNames::printable)) {
            throw new IllegalArgumentException("Secret names may hold printable characters only (no control,"
                    + " format or unassigned characters, no line breaks).");
        }
        if (Character.isWhitespace(name.codePointAt(0))
                || Character.isSpaceChar(name.codePointAt(0))
                || Character.isWhitespace(name.codePointBefore(name.length()))
                || Character.isSpaceChar(name.codePointBefore(name.length()))) {
            throw new IllegalArgumentException("Secret names may not start or end with white space.");
        }
        return name;
    }

    private static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.UNASSIGNED,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
