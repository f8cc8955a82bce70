package io.metacortex.host.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.openapi.versions.ItemsCompatible;
import io.metacortex.host.openapi.versions.ItemsNarrowedEnum;
import io.metacortex.host.openapi.versions.ItemsRemovedField;
import io.metacortex.host.openapi.versions.ItemsRemovedOperation;
import io.metacortex.host.openapi.versions.ItemsRequiredField;
import io.metacortex.host.openapi.versions.ItemsRetypedField;
import io.metacortex.host.openapi.versions.ItemsV1;
import io.metacortex.host.openapi.versions.ItemsWithStaticCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * The difference of two versions of an API, each read from a jar of its classes as the install preview reads them
 * (inert: none of their code runs), and compared by openapi-diff: each of the four breaking kinds is found and named,
 * and compatible changes are listed without being called breaking.
 */
class ApiChangesTest {

    private static final PluginApi V1 = read(ItemsV1.class);

    @Test
    void theSameApiHasNoChanges() {
        ApiChanges same = ApiChanges.between(V1, read(ItemsV1.class));

        assertThat(same.available()).isTrue();
        assertThat(same.added()).isEmpty();
        assertThat(same.removed()).isEmpty();
        assertThat(same.changed()).isEmpty();
        assertThat(same.breaking()).isFalse();
        assertThat(same.breakingChanges()).isEmpty();
    }

    @Test
    void anInstallAddsEveryOperation() {
        ApiChanges install = ApiChanges.between(ApiChanges.none("items"), V1);

        assertThat(install.added())
                .containsExactly(
                        "DELETE /api/items/items/{id}",
                        "GET /api/items/items",
                        "GET /api/items/items/{id}",
                        "POST /api/items/items");
        assertThat(install.breaking()).isFalse();
    }

    @Test
    void aRemovedOperationBreaks() {
        ApiChanges changes = ApiChanges.between(V1, read(ItemsRemovedOperation.class));

        assertThat(changes.removed()).containsExactly("DELETE /api/items/items/{id}");
        assertThat(changes.breaking()).isTrue();
        assertThat(changes.breakingChanges()).containsExactly("operation removed: DELETE /api/items/items/{id}");
    }

    @Test
    void aRemovedResponseFieldBreaks() {
        ApiChanges changes = ApiChanges.between(V1, read(ItemsRemovedField.class));

        assertThat(changes.removed()).isEmpty();
        assertThat(changes.breaking()).isTrue();
        assertThat(changes.breakingChanges())
                .contains(
                        "response field 'note' removed: GET /api/items/items/{id} (200)",
                        "response field 'note' removed: GET /api/items/items (200)")
                .allMatch(reason -> reason.startsWith("response field 'note' removed"));
    }

    @Test
    void aRetypedResponseFieldBreaks() {
        ApiChanges changes = ApiChanges.between(V1, read(ItemsRetypedField.class));

        assertThat(changes.breaking()).isTrue();
        assertThat(changes.breakingChanges())
                .contains("response field 'quantity' retyped from integer (int32) to string: GET /api/items/items/{id}"
                        + " (200)")
                .allMatch(reason -> reason.startsWith("response field 'quantity' retyped"));
    }

    @Test
    void aNewRequiredRequestFieldBreaks() {
        ApiChanges changes = ApiChanges.between(V1, read(ItemsRequiredField.class));

        assertThat(changes.changed()).contains("POST /api/items/items");
        assertThat(changes.breaking()).isTrue();
        assertThat(changes.breakingChanges())
                .containsExactly("request field 'owner' added as required: POST /api/items/items");
    }

    @Test
    void aNarrowedRequestEnumBreaks() {
        ApiChanges changes = ApiChanges.between(V1, read(ItemsNarrowedEnum.class));

        assertThat(changes.breaking()).isTrue();
        assertThat(changes.breakingChanges())
                .containsExactly("request field 'priority' enum narrowed ('URGENT' no longer accepted): POST"
                        + " /api/items/items");
    }

    @Test
    void compatibleChangesAreListedButDoNotBreak() {
        ApiChanges changes = ApiChanges.between(V1, read(ItemsCompatible.class));

        assertThat(changes.added()).containsExactly("GET /api/items/items/count");
        assertThat(changes.removed()).isEmpty();
        assertThat(changes.changed()).contains("POST /api/items/items", "GET /api/items/items");
        assertThat(changes.breaking()).as(changes.toString()).isFalse();
        assertThat(changes.breakingChanges()).isEmpty();
    }

    @Test
    void readingAnApiRunsNoneOfItsCode() {
        System.clearProperty(ItemsWithStaticCode.RAN);

        PluginApi api = read(ItemsWithStaticCode.class);

        assertThat(System.getProperty(ItemsWithStaticCode.RAN)).isNull();
        assertThat(api.schemas()
                        .path("items.Order")
                        .path("properties")
                        .path("priority")
                        .path("enum")
                        .toString())
                .isEqualTo("[\"LOW\",\"HIGH\",\"URGENT\"]");
        assertThat(ApiChanges.between(V1, api).breaking()).isFalse();
    }

    /** @return the API of {@code resource} and its nested types, read from a jar of their class files */
    static PluginApi read(Class<?> resource) {
        Map<String, byte[]> entries = new java.util.HashMap<>();
        entries.put(entry(resource), classFile(resource));
        for (Class<?> nested : resource.getDeclaredClasses()) {
            entries.put(entry(nested), classFile(nested));
        }
        return BundleApi.read("items", "Items", "1.0.0", null, jar(entries));
    }

    private static String entry(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    private static byte[] classFile(Class<?> type) {
        try (InputStream in = ApiChangesTest.class.getClassLoader().getResourceAsStream(entry(type))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] jar(Map<String, byte[]> entries) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(buffer, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
