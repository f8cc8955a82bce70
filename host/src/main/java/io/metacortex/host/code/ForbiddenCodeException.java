package io.metacortex.host.code;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.metacortex.host.errors.ErrorAnswer;
import io.metacortex.host.errors.HostException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A plugin version whose code refers to what plugins may not use: answered {@code 422 forbidden code} with each
 * finding (the first {@value #MAX_LISTED}, and how many more); nothing was changed.
 */
public final class ForbiddenCodeException extends HostException {

    private static final long serialVersionUID = 1L;
    static final String ERROR = "forbidden code";
    static final int MAX_LISTED = 50;

    private final transient List<CodeFinding> findings;

    /** The 422's body: the usual error and detail, the findings, and how many were left out. */
    public record Body(
            String error,
            String detail,
            List<CodeFinding> findings,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) int moreFindings)
            implements ErrorAnswer {}

    ForbiddenCodeException(String plugin, List<CodeFinding> findings, String unchanged) {
        super(422, ERROR, detail(plugin, findings, unchanged), null);
        this.findings = List.copyOf(findings);
    }

    private static String detail(String plugin, List<CodeFinding> findings, String unchanged) {
        String first = findings.stream().limit(3).map(CodeFinding::describe).collect(Collectors.joining("; "));
        return "Plugin " + plugin + " refers to what plugins may not use (" + findings.size()
                + (findings.size() == 1 ? " finding" : " findings") + "): " + first
                + (findings.size() > 3 ? "; ..." : "") + ". See findings, and the README's list of what a plugin may"
                + " not call and what to use instead. " + unchanged;
    }

    @Override
    public Body entity() {
        return new Body(
                ERROR,
                getMessage(),
                findings.stream().limit(MAX_LISTED).toList(),
                Math.max(0, findings.size() - MAX_LISTED));
    }
}
