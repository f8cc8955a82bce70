package io.metacortex.calendar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.plugin.api.PluginManifest;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hosts a feed or an account may name are those the bundle declares, matched as the host matches them.
 */
class DeclaredHostsTest {

    @Test
    void theCheckedHostsAreDeclared() throws Exception {
        // Fewer would let a URL pass the check and then be refused by the host; more would ask admins to accept
        // hosts the plugin never calls.
        Manifest manifest;
        try (InputStream in = Files.newInputStream(Path.of("target/classes/META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        String permissions = manifest.getMainAttributes().getValue(PluginManifest.PLUGIN_PERMISSIONS);
        Matcher hosts = Pattern.compile("http:outbound;hosts=\"([^\"]+)\"").matcher(permissions);

        assertThat(hosts.find()).as(permissions).isTrue();
        assertThat(permissions).contains("secrets");
        assertThat(Arrays.stream(hosts.group(1).split(",")).map(String::strip).toList())
                .isEqualTo(DeclaredHosts.DECLARED.patterns());
    }

    @Test
    void namesAndSubdomainPatternsMatchCaseInsensitively() {
        DeclaredHosts hosts = new DeclaredHosts(List.of("caldav.fastmail.com", "*.icloud.com"));

        assertThat(hosts.allows(URI.create("https://CalDAV.Fastmail.com/dav/"))).isTrue();
        assertThat(hosts.allows(URI.create("https://p42-caldav.icloud.com/"))).isTrue();
        assertThat(hosts.allows(URI.create("https://evilicloud.com/"))).isFalse();
        assertThat(hosts.allows(URI.create("https://fastmail.com/"))).isFalse();
        assertThat(hosts.allows(URI.create("mailto:ada@example.com"))).isFalse();
    }
}
