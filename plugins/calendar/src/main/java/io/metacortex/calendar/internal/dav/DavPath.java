package io.metacortex.calendar.internal.dav;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The server's URLs under {@code <base>dav/}: the root, {@code principals/<user id>/}, the calendar home
 * {@code calendars/<user id>/}, a calendar {@code calendars/<user id>/<segment>/} and an event
 * {@code calendars/<user id>/<segment>/<uid>.ics}.
 *
 * @param kind what the path names
 * @param user the user id in the path, null for the root (and for an unknown path)
 * @param calendar the calendar's segment, for {@link Kind#CALENDAR} and {@link Kind#OBJECT}
 * @param uid the event's UID, for {@link Kind#OBJECT}
 */
record DavPath(Kind kind, UUID user, String calendar, String uid) {

    enum Kind {
        ROOT,
        PRINCIPAL,
        HOME,
        CALENDAR,
        OBJECT,
        UNKNOWN
    }

    private static final String ICS = ".ics";

    /** @param path the decoded path below {@code dav/}, e.g. {@code calendars/<id>/work/a.ics} */
    static DavPath parse(String path) {
        List<String> segments = Arrays.stream((path == null ? "" : path).split("/"))
                .filter(s -> !s.isEmpty())
                .toList();
        if (segments.isEmpty()) {
            return new DavPath(Kind.ROOT, null, null, null);
        }
        Optional<UUID> user = segments.size() >= 2 ? uuid(segments.get(1)) : Optional.empty();
        if (user.isEmpty()) {
            return unknown();
        }
        String top = segments.get(0);
        if (top.equals("principals") && segments.size() == 2) {
            return new DavPath(Kind.PRINCIPAL, user.get(), null, null);
        }
        if (!top.equals("calendars")) {
            return unknown();
        }
        return switch (segments.size()) {
            case 2 -> new DavPath(Kind.HOME, user.get(), null, null);
            case 3 -> new DavPath(Kind.CALENDAR, user.get(), segments.get(2), null);
            case 4 ->
                segments.get(3).endsWith(ICS) && segments.get(3).length() > ICS.length()
                        ? new DavPath(
                                Kind.OBJECT,
                                user.get(),
                                segments.get(2),
                                segments.get(3).substring(0, segments.get(3).length() - ICS.length()))
                        : unknown();
            default -> unknown();
        };
    }

    /** @return the path of an {@code href} a client sent (absolute URL or path, percent-encoded) below the DAV root */
    static Optional<DavPath> ofHref(String href, String davRoot) {
        try {
            String path = URI.create(href.strip()).getPath();
            return path != null && path.startsWith(davRoot)
                    ? Optional.of(parse(path.substring(davRoot.length())))
                    : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static DavPath unknown() {
        return new DavPath(Kind.UNKNOWN, null, null, null);
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String principal(String davRoot, UUID user) {
        return davRoot + "principals/" + user + "/";
    }

    static String home(String davRoot, UUID user) {
        return davRoot + "calendars/" + user + "/";
    }

    static String calendar(String davRoot, UUID user, String segment) {
        return home(davRoot, user) + encode(segment) + "/";
    }

    static String object(String davRoot, UUID user, String segment, String uid) {
        return calendar(davRoot, user, segment) + encode(uid) + ICS;
    }

    /** @return the segment percent-encoded: every octet but RFC 3986's unreserved characters (and {@code @}) */
    static String encode(String segment) {
        StringBuilder out = new StringBuilder();
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~@".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
