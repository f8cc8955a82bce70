package io.metacortex.host.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import jdk.security.jarsigner.JarSigner;

/**
 * A plugin publisher for signature tests: an EC key pair with a self-signed certificate, made by the JDK's
 * {@code keytool} in a temporary PKCS12 keystore (no key is committed), which signs jars with {@link JarSigner}.
 * Also builds truststores and the tampered variants of a signed jar.
 */
public final class Publisher {

    private static final String PASSWORD = "publisher-secret";
    private static final String ALIAS = "publisher";

    private final PrivateKey key;
    private final X509Certificate certificate;

    private Publisher(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** Generates a key pair and a certificate for {@code dname}, e.g. {@code CN=Trusted Publisher, O=Tests}. */
    public static Publisher create(Path directory, String dname) {
        try {
            Path keystore = Files.createTempFile(directory, "publisher", ".p12");
            Files.delete(keystore);
            keytool(
                    "-genkeypair",
                    "-alias",
                    ALIAS,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-validity",
                    "2",
                    "-dname",
                    dname,
                    "-keystore",
                    keystore.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            return new Publisher((PrivateKey) store.getKey(ALIAS, PASSWORD.toCharArray()), (X509Certificate)
                    store.getCertificate(ALIAS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** @return {@code jar} signed by this publisher, as {@code jarsigner} would sign it */
    public byte[] sign(byte[] jar) {
        try {
            Path unsigned = Files.createTempFile("unsigned", ".jar");
            try {
                Files.write(unsigned, jar);
                JarSigner signer = new JarSigner.Builder(
                                key, CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)))
                        .signerName("SIGNER")
                        .build();
                ByteArrayOutputStream signed = new ByteArrayOutputStream();
                try (ZipFile in = new ZipFile(unsigned.toFile())) {
                    signer.sign(in, signed);
                }
                return signed.toByteArray();
            } finally {
                Files.deleteIfExists(unsigned);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a PKCS12 truststore holding the certificates of {@code trusted}, as {@code keytool -importcert} would. */
    public static Path truststore(Path file, String password, Publisher... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("publisher-" + i, trusted[i].certificate);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code jar} with the content of entry {@code name} replaced, everything else (signature too) kept */
    public static byte[] withEntryChanged(byte[] jar, String name, UnaryOperator<byte[]> change) {
        return copy(jar, Map.of(name, change), Map.of());
    }

    /** @return {@code jar} with extra entries (name to text) that no signature covers */
    public static byte[] withEntriesAdded(byte[] jar, Map<String, String> extra) {
        return copy(jar, Map.of(), extra);
    }

    /** @return {@code jar} whose manifest no longer has the digest section of entry {@code name} */
    public static byte[] withDigestRemoved(byte[] jar, String name) {
        return withEntryChanged(jar, "META-INF/MANIFEST.MF", manifest -> {
            List<String> kept = new ArrayList<>();
            for (String section : new String(manifest, StandardCharsets.UTF_8).split("\r\n\r\n")) {
                if (!section.replace("\r\n ", "").startsWith("Name: " + name + "\r\n")) {
                    kept.add(section);
                }
            }
            return (String.join("\r\n\r\n", kept) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        });
    }

    private static byte[] copy(byte[] jar, Map<String, UnaryOperator<byte[]>> changes, Map<String, String> extra) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(buffer)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                UnaryOperator<byte[]> change = changes.get(entry.getName());
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(change == null ? content : change.apply(content));
                out.closeEntry();
            }
            for (Map.Entry<String, String> e : extra.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
