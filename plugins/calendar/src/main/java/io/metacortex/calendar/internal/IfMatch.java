package io.metacortex.calendar.internal;

import io.metacortex.plugin.support.ApiError;
import io.metacortex.plugin.support.ApiException;
import java.util.Map;

/**
 * The {@code If-Match} precondition of the REST writes (RFC 9110 13.1.1): absent, it holds; {@code *} holds for any
 * existing resource; otherwise one of its entity tags must be the resource's current one, compared strongly (a weak
 * {@code W/"..."} tag never matches). Checked inside the write's transaction, after the row is locked, so that a
 * stale tag changes nothing.
 */
final class IfMatch {

    static final String HEADER = "If-Match";

    private IfMatch() {}

    /** @return the header value of an entity tag: {@code "<tag>"} */
    static String quoted(String tag) {
        return "\"" + tag + "\"";
    }

    /** @throws ApiException 412 naming the current ETag when {@code header} does not match {@code current} */
    static void check(String header, String current) {
        if (header == null || header.isBlank() || matches(header, current)) {
            return;
        }
        String detail = "the resource's ETag is " + quoted(current) + ", not " + CalendarErrors.echo(header.strip())
                + ": it changed since you read it; GET it again and repeat your change on what it is now";
        throw new ApiException(412, new ApiError("precondition failed", detail, Map.of(HEADER, detail)));
    }

    /**
     * @return whether {@code header}, a list of entity tags or {@code *}, names {@code current}, compared strongly (a
     *     weak tag never matches; a tag without quotes is taken as quoted)
     */
    static boolean matches(String header, String current) {
        for (String candidate : header.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                continue;
            }
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
                tag = tag.substring(1, tag.length() - 1);
            }
            if (tag.equals(current)) {
                return true;
            }
        }
        return false;
    }
}
