package io.metacortex.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.metacortex.host.testing.Fixtures;
import io.metacortex.host.testing.HostExtension;
import io.metacortex.host.testing.HostState;
import io.metacortex.host.testing.RunningHost.Reply;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Jars whose entries fail their CRC, stored or deflated, classes or resources, in the zip's directory or in the
 * local headers: the JDK's zip reader and Felix do not check it, so the host does at upload. Each is refused with
 * {@code 400} naming the entry, and nothing changes.
 */
class CorruptEntryTest {

    private static final String CLASS = "io/metacortex/fixture/sample/SampleResource.class";
    private static final String MIGRATION = "db/migration/V1__create_items.sql";
    private static final String SETTINGS = "metacortex/settings.json";

    @RegisterExtension
    static final HostExtension RUNNING = new HostExtension();

    private HostState before;

    @BeforeAll
    static void installTasks() {
        assertThat(RUNNING.host()
                        .install(Fixtures.TASKS, Fixtures.TASKS_PERMISSIONS)
                        .status())
                .isEqualTo(201);
    }

    @BeforeEach
    void snapshot() {
        before = HostState.of(RUNNING);
    }

    @AfterEach
    void nothingChangedAndTheHostServes() {
        before.assertSame(RUNNING);
        assertThat(RUNNING.host().get("/api/tasks").status()).isEqualTo(200);
        assertThat(RUNNING.host().get("/api/sample").status()).isEqualTo(404);
    }

    @Test
    void aStoredClassWhoseContentChanged() {
        byte[] jar = rezipped(Fixtures.SAMPLE_V1, CLASS);
        flip(jar, dataOffset(jar, CLASS) + 100);

        assertCorrupt(RUNNING.host().install(jar), CLASS);
    }

    @Test
    void aStoredResourceWhoseContentChanged() {
        byte[] jar = rezipped(Fixtures.SAMPLE_V1, MIGRATION);
        flip(jar, dataOffset(jar, MIGRATION) + 10);

        assertCorrupt(RUNNING.host().install(jar), MIGRATION);
    }

    @Test
    void aDeflatedClassWhoseDirectoryCrcIsWrong() {
        byte[] jar = rezipped(Fixtures.SAMPLE_V1, null);
        int crc = centralHeader(jar, CLASS) + 16;
        ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN).putInt(crc, 0x12345678);

        assertCorrupt(RUNNING.host().install(jar), CLASS);
    }

    @Test
    void aStoredResourceWhoseLocalHeaderCrcIsWrong() {
        byte[] jar = rezipped(Fixtures.SAMPLE_V1, SETTINGS);
        int crc = localHeader(jar, SETTINGS) + 14;
        ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN).putInt(crc, 0x0badf00d);

        assertCorrupt(RUNNING.host().install(jar), SETTINGS);
    }

    @Test
    void aDeflatedClassWhoseCompressedBytesChanged() {
        byte[] jar = rezipped(Fixtures.SAMPLE_V1, null);
        flip(jar, dataOffset(jar, CLASS) + 1000);

        assertCorrupt(RUNNING.host().install(jar), CLASS);
    }

    @Test
    void anUpgradeWithACorruptEntry() {
        byte[] jar = rezipped(Fixtures.TASKS, null);
        String entry = "io/metacortex/tasks/TasksPlugin.class";
        ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN).putInt(centralHeader(jar, entry) + 16, 7);

        assertCorrupt(RUNNING.host().admin("PUT", "/admin/plugins/tasks?force=true", jar), entry);
    }

    private static void assertCorrupt(Reply reply, String entry) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("error").asText()).isEqualTo("not a valid jar");
        assertThat(reply.json().get("detail").asText()).startsWith("Corrupt jar entry " + entry + ": ");
    }

    /** The fixture written again by {@link ZipOutputStream}, every entry deflated but {@code stored}. */
    private static byte[] rezipped(Path fixture, String stored) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (JarFile in = new JarFile(fixture.toFile());
                ZipOutputStream out = new ZipOutputStream(buffer)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream data = in.getInputStream(entry)) {
                    content = data.readAllBytes();
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                if (entry.getName().equals(stored)) {
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(content.length);
                    copy.setCrc(crc.getValue());
                }
                out.putNextEntry(copy);
                out.write(content);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void flip(byte[] jar, int at) {
        jar[at] ^= 0x20;
    }

    private static int localHeader(byte[] jar, String name) {
        return find(jar, 0x04034b50, 26, 30, name);
    }

    private static int centralHeader(byte[] jar, String name) {
        return find(jar, 0x02014b50, 28, 46, name);
    }

    /** Where the entry's (compressed) content starts, after its local header. */
    private static int dataOffset(byte[] jar, String name) {
        int header = localHeader(jar, name);
        ByteBuffer zip = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        return header
                + 30
                + Short.toUnsignedInt(zip.getShort(header + 26))
                + Short.toUnsignedInt(zip.getShort(header + 28));
    }

    private static int find(byte[] jar, int signature, int nameLengthAt, int nameAt, String name) {
        ByteBuffer zip = ByteBuffer.wrap(jar).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + nameAt + wanted.length <= jar.length; i++) {
            if (zip.getInt(i) == signature
                    && Short.toUnsignedInt(zip.getShort(i + nameLengthAt)) == wanted.length
                    && java.util.Arrays.equals(jar, i + nameAt, i + nameAt + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " not found");
    }
}
