package io.metacortex.outbound;

import static io.metacortex.outbound.ScriptedServer.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.plugin.api.OutboundHttp;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The client made on a plugin's first call, while the plugin's class loader is the thread's context class loader:
 * its threads do not inherit that loader, which would keep the plugin's classes in memory for the host's lifetime and
 * make the host's threads look like the plugin's once it stopped.
 */
class OutboundThreadsTest {

    @Test
    void theClientsThreadsDoNotKeepThePluginsClassLoader() throws Exception {
        ClassLoader plugin = new URLClassLoader(new URL[0], null);
        ScriptedServer server = new ScriptedServer();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try {
            server.otherwise(status(200));
            thread.setContextClassLoader(plugin);
            OutboundHttp http = OutboundClientTest.clients(b -> b).client("bank", Set.of("127.0.0.1"));
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(server.uri("/accounts")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
        } finally {
            thread.setContextClassLoader(previous);
            server.close();
        }

        List<Thread> withPluginLoader = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getContextClassLoader() == plugin)
                .toList();
        assertThat(withPluginLoader).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet())
                .map(Thread::getName)
                .anyMatch(name -> name.startsWith("outbound-http-"));
    }
}
