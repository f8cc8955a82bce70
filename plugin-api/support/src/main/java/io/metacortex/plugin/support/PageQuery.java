package io.metacortex.plugin.support;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.QueryParam;

/**
 * The {@code limit} and {@code cursor} query parameters of a paged list, as a resource method takes them:
 * {@code @BeanParam PageQuery page}. They arrive as text, so that {@link PageParameters} can name a bad value in a
 * 400 ({@link #limit(FieldErrors)}, {@link #afterId(FieldErrors)}), and are documented in {@code /openapi.json} as an
 * integer from 1 to {@value #MAX_LIMIT} and an opaque cursor, the same way in every plugin.
 */
public class PageQuery {

    /** The page size when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 50;

    /** The largest page size a list serves. */
    public static final int MAX_LIMIT = 200;

    private String limit;
    private String cursor;

    /** For JAX-RS, which sets the fields from the query. */
    public PageQuery() {}

    /** @return the parameters as a request with this query string would give them; null for one left out */
    public static PageQuery of(String limit, String cursor) {
        PageQuery query = new PageQuery();
        query.limit = limit;
        query.cursor = cursor;
        return query;
    }

    /** @return {@code limit} as sent, or null */
    public String getLimit() {
        return limit;
    }

    /** Set by JAX-RS from the query (the annotations also document the parameter in {@code /openapi.json}). */
    @QueryParam("limit")
    @Parameter(description = "Page size, from 1 to " + MAX_LIMIT + "; " + DEFAULT_LIMIT + " when absent")
    @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MAX_LIMIT)
    public void setLimit(String limit) {
        this.limit = limit;
    }

    /** @return {@code cursor} as sent, or null */
    public String getCursor() {
        return cursor;
    }

    /** Set by JAX-RS from the query. */
    @QueryParam("cursor")
    @Parameter(description = "The previous page's nextCursor; absent for the first page")
    public void setCursor(String cursor) {
        this.cursor = cursor;
    }

    /**
     * @return the page size asked for, {@value #DEFAULT_LIMIT} when absent; a bad value is recorded in {@code errors}
     *     under {@code limit} (see {@link PageParameters#limit})
     */
    public int limit(FieldErrors errors) {
        return PageParameters.limit(limit, DEFAULT_LIMIT, MAX_LIMIT, errors);
    }

    /**
     * @return the last id of the previous page for a list ordered by id, 0 for the first page; a cursor this list did
     *     not write is recorded in {@code errors} under {@code cursor} (see {@link PageParameters#afterId})
     */
    public long afterId(FieldErrors errors) {
        return PageParameters.afterId(cursor, errors);
    }
}
