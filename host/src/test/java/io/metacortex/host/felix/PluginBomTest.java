package io.metacortex.host.felix;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.Application;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The BOM plugin authors import names the versions this host really runs. */
class PluginBomTest {

    private static final Path BOM = Path.of("..", "plugin-api", "bom", "pom.xml");

    @Test
    void bomVersionsMatchTheHost() throws Exception {
        Document bom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(BOM.toFile());
        var xpath = XPathFactory.newInstance().newXPath();

        String dropwizard = xpath.evaluate(
                "/project/dependencyManagement/dependencies/dependency[artifactId='dropwizard-dependencies']/version",
                bom);
        String pluginApi = xpath.evaluate(
                "/project/dependencyManagement/dependencies/dependency[artifactId='metacortex-plugin-api']/version",
                bom);
        String bomVersion = xpath.evaluate("/project/version", bom);
        String swaggerAnnotations = xpath.evaluate(
                "/project/dependencyManagement/dependencies"
                        + "/dependency[artifactId='swagger-annotations-jakarta']/version",
                bom);

        assertThat(dropwizard).isEqualTo(Application.class.getPackage().getImplementationVersion());
        // The BOM is released with the plugin API: it names it by its own version, never by a literal.
        assertThat(pluginApi).isEqualTo("${project.version}");
        assertThat(bomVersion).isEqualTo(System.getProperty("metacortex.sdk.version"));
        assertThat(swaggerAnnotations)
                .isEqualTo(SystemPackages.exports(SharedLibraries.ALLOWLIST).get("io.swagger.v3.oas.annotations"));
    }
}
