package io.metacortex.plugin.testing;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;

/**
 * The request URI Jersey would inject ({@code @Context UriInfo}) for a resource method called directly, answering
 * only what a resource asks to build a {@code Location}: the absolute path. Anything else throws
 * {@link UnsupportedOperationException}.
 */
public final class TestUriInfo {

    private TestUriInfo() {}

    /** @return the UriInfo of a request to {@code absolutePath}, e.g. {@code http://localhost/api/tasks} */
    public static UriInfo at(String absolutePath) {
        return (UriInfo) Proxy.newProxyInstance(
                UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getAbsolutePathBuilder")) {
                        return UriBuilder.fromUri(absolutePath);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
