package io.metacortex.notes.internal;

import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Proxy;

/** The request URI Jersey would inject, answering only what the resource asks: the absolute path. */
final class TestUriInfo {

    private TestUriInfo() {
    }

    static UriInfo at(String absolutePath) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getAbsolutePathBuilder")) {
                        return UriBuilder.fromUri(absolutePath);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
