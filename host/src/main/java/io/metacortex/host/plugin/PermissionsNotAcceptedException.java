package io.metacortex.host.plugin;

import io.metacortex.host.errors.ErrorBody;
import io.metacortex.host.errors.HostException;
import java.util.List;
import java.util.Map;

/**
 * A plugin version that needs permissions the admin has not accepted: answered 422, naming each one and the
 * {@code ?accept=} that would accept them; nothing was changed.
 */
public final class PermissionsNotAcceptedException extends HostException {

    private static final long serialVersionUID = 1L;
    static final String ERROR = "permissions not accepted";

    private final String pluginId;
    private final List<String> missing;

    PermissionsNotAcceptedException(PluginBundle bundle, Permissions missing, String unchanged) {
        super(
                422,
                ERROR,
                "Plugin " + bundle.id() + " " + bundle.version() + " needs " + String.join(", ", missing.labels())
                        + ", not accepted yet; accept " + (missing.labels().size() == 1 ? "it" : "them")
                        + " with ?accept=" + String.join(",", missing.labels()) + ". " + unchanged,
                null);
        this.pluginId = bundle.id();
        this.missing = missing.labels();
    }

    public String pluginId() {
        return pluginId;
    }

    /** @return the labels of the permissions still to accept, e.g. {@code http:outbound(api.example.com)} */
    public List<String> missing() {
        return missing;
    }

    @Override
    public ErrorBody body() {
        return new ErrorBody(ERROR, getMessage(), Map.of("accept", "must include " + String.join(", ", missing)));
    }
}
