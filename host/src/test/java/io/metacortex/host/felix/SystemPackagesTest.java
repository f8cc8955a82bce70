package io.metacortex.host.felix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemPackagesTest {

    private final Map<String, String> exports = SystemPackages.exports(SharedLibraries.ALLOWLIST);

    @Test
    void versionsComeFromTheJars() {
        assertThat(exports).containsEntry("io.metacortex.plugin.api", "1.4.0");
        assertThat(exports).containsEntry("io.metacortex.plugin.api.dav", "1.0.0");
        assertThat(exports).containsEntry("io.metacortex.plugin.api.jobs", "1.0.0");
        assertThat(exports.get("jakarta.ws.rs")).startsWith("3.1.");
        assertThat(exports.get("org.jdbi.v3.core"))
                .isEqualTo(SystemPackages.osgiVersion(
                                org.jdbi.v3.core.Jdbi.class.getPackage().getImplementationVersion())
                        .orElseThrow());
        assertThat(exports.get("com.fasterxml.jackson.databind")).startsWith("2.");
        assertThat(exports.get("com.codahale.metrics")).startsWith("4.2.");
        assertThat(exports.values()).allSatisfy(version -> assertThat(version).isNotEqualTo("0.0.0"));
        // slf4j-api 2 exports org.slf4j twice, as its own version and as 1.7.36: plugins built against 2 import [2,3).
        assertThat(exports.get("org.slf4j")).startsWith("2.");
        assertThat(exports.get("io.swagger.v3.oas.annotations")).startsWith("2.2.");
        assertThat(exports.get("io.swagger.v3.oas.annotations.responses")).startsWith("2.2.");
    }

    @Test
    void hostInternalsStayPrivate() {
        assertThat(exports.keySet())
                .noneMatch(pkg -> pkg.startsWith("org.eclipse.jetty")
                        || pkg.startsWith("io.dropwizard")
                        || pkg.startsWith("org.glassfish")
                        || pkg.startsWith("io.metacortex.host")
                        || pkg.startsWith("io.metacortex.db")
                        || pkg.startsWith("org.flywaydb")
                        || pkg.startsWith("io.swagger.v3.core")
                        || pkg.startsWith("io.swagger.v3.jaxrs2")
                        || pkg.startsWith("io.swagger.v3.oas.models"));
        assertThat(exports)
                .containsKeys(
                        "org.jdbi.v3.sqlobject",
                        "org.jdbi.v3.postgres",
                        "jakarta.validation",
                        "com.codahale.metrics.health",
                        "org.slf4j");
    }

    @Test
    void mavenVersionsBecomeOsgiVersions() {
        assertThat(SystemPackages.osgiVersion("3.51.0")).contains("3.51.0");
        assertThat(SystemPackages.osgiVersion("2.0")).contains("2.0.0");
        assertThat(SystemPackages.osgiVersion("0.1.0-SNAPSHOT")).contains("0.1.0.SNAPSHOT");
        assertThat(SystemPackages.osgiVersion("not a version")).isEmpty();
    }

    @Test
    void exportHeadersWithQuotedUsesClausesAreParsed() {
        Map<String, String> versions =
                PackageHeader.versions("a.b;version=\"1.2.3\";uses:=\"c.d,e.f\",g.h;i.j;version=2.0.0,k.l");

        assertThat(versions)
                .containsEntry("a.b", "1.2.3")
                .containsEntry("g.h", "2.0.0")
                .containsEntry("i.j", "2.0.0")
                .containsEntry("k.l", "0.0.0")
                .hasSize(4);
    }
}
