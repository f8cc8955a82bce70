package io.metacortex.host.plugin;

import io.metacortex.host.errors.HostException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

/**
 * The signature policy for plugin jars. {@link #notRequired()} accepts any jar; {@link #trusting} requires standard
 * JAR signing ({@code META-INF/*.SF} and {@code *.RSA}/{@code *.EC}/{@code *.DSA}) where every entry but the
 * signature files is signed by one publisher whose certificate, or a CA certificate of whose chain, is trusted.
 * The digests themselves are checked by {@link java.util.jar.JarFile} while the reader reads each entry; a mismatch
 * arrives here as a {@link SecurityException} through {@link #changedAfterSigning}.
 */
public final class BundleSignatures {

    private static final BundleSignatures NOT_REQUIRED = new BundleSignatures(Set.of());

    private final Set<X509Certificate> trusted;
    private final Set<TrustAnchor> anchors;

    private BundleSignatures(Set<X509Certificate> trusted) {
        this.trusted = trusted;
        this.anchors = trusted.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
    }

    /** @return the policy that checks no signatures */
    public static BundleSignatures notRequired() {
        return NOT_REQUIRED;
    }

    /** @return the policy requiring jars signed by one of {@code certificates} or a certificate they issued */
    public static BundleSignatures trusting(Collection<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("Signed bundles need at least one trusted certificate.");
        }
        return new BundleSignatures(Set.copyOf(certificates));
    }

    /**
     * @param password the keystore password, or null to read it without one
     * @throws IllegalStateException when the file cannot be read as PKCS12 or holds no certificate
     */
    public static BundleSignatures fromTruststore(Path file, String password) {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password == null ? null : password.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot read the truststore " + file.toAbsolutePath() + " as a PKCS12"
                            + " keystore (is plugins.truststorePassword or METACORTEX_TRUSTSTORE_PASSWORD right?): "
                            + e.getMessage(),
                    e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("The truststore " + file.toAbsolutePath() + " holds no certificate;"
                    + " import each publisher's certificate with keytool -importcert.");
        }
        return trusting(certificates);
    }

    public boolean required() {
        return !trusted.isEmpty();
    }

    /** @return the refusal for a jar whose entry no longer matches its signed digest */
    HostException changedAfterSigning(SecurityException e) {
        return invalid("The jar was changed after it was signed: " + e.getMessage() + ". Install the jar exactly"
                + " as the publisher signed it.");
    }

    /**
     * Checks, after every entry was read, that each one is signed by the same trusted publisher.
     *
     * @throws HostException 422 naming the unsigned entry or the untrusted signer
     */
    void verify(Manifest manifest, List<JarEntry> entries) {
        inspect(manifest, entries).refusalIfAny().ifPresent(refusal -> {
            throw refusal;
        });
    }

    /**
     * What the signature checks make of a jar whose every entry was read, without refusing it: unsigned, signed by a
     * trusted or an untrusted publisher, or invalid (an entry added, changed or removed after signing, or entries
     * signed by different publishers). Without a truststore ({@code plugins.requireSigned} off) a signed jar is only
     * checked for being signed whole by one publisher: {@code signed}, trusted or not.
     */
    BundleSignature inspect(Manifest manifest, List<JarEntry> entries) {
        List<JarEntry> content = entries.stream()
                .filter(e -> !e.isDirectory() && !isSignatureFile(e.getName()))
                .toList();
        if (content.stream().allMatch(e -> e.getCodeSigners() == null)) {
            return BundleSignature.unsigned(
                    required()
                            ? new HostException(
                                    422,
                                    "signature required",
                                    "The jar is not signed, and this host only"
                                            + " installs plugins signed by a trusted publisher (plugins.requireSigned)."
                                            + " Sign it with jarsigner using a key whose certificate is in the host's"
                                            + " truststore.",
                                    null)
                            : null);
        }
        try {
            X509Certificate signer = commonSigner(manifest, entries, content);
            String subject = signer.getSubjectX500Principal().getName();
            return required() ? BundleSignature.trusted(subject) : BundleSignature.signed(subject);
        } catch (HostException e) {
            return BundleSignature.refused(e, firstSigner(content), required());
        }
    }

    /**
     * @return the one publisher (trusted, when a truststore is configured) who signed every entry
     * @throws HostException 422 naming the unsigned entry or the untrusted signer
     */
    private X509Certificate commonSigner(Manifest manifest, List<JarEntry> entries, List<JarEntry> content) {
        requireEveryDigestHasItsEntry(manifest, entries);
        Set<X509Certificate> common = null;
        for (JarEntry entry : content) {
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null) {
                throw invalid("The entry " + entry.getName() + " is not covered by the signature: it was added or"
                        + " changed after the jar was signed.");
            }
            Set<X509Certificate> trustedSigners = new LinkedHashSet<>();
            for (CodeSigner signer : signers) {
                if (!required() || trusts(signer)) {
                    trustedSigners.add(signerCertificate(signer));
                }
            }
            if (trustedSigners.isEmpty()) {
                String what = common == null ? "The jar" : "The entry " + entry.getName();
                throw new HostException(
                        422,
                        "untrusted signer",
                        what + " is signed by " + subjects(signers)
                                + ", whose certificate is not in the host's truststore. Ask an admin to import the"
                                + " publisher's certificate (keytool -importcert) if you trust it.",
                        null);
            }
            if (common != null) {
                trustedSigners.retainAll(common);
                if (trustedSigners.isEmpty()) {
                    throw invalid("The entry " + entry.getName() + " is signed by " + subjects(signers)
                            + ", not by the publisher who signed the other entries.");
                }
            }
            common = trustedSigners;
        }
        return common.iterator().next();
    }

    private static String firstSigner(List<JarEntry> content) {
        return content.stream()
                .map(JarEntry::getCodeSigners)
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(signers ->
                        signerCertificate(signers[0]).getSubjectX500Principal().getName())
                .orElse(null);
    }

    /** A signed jar must still hold every entry the manifest has a digest for. */
    private static void requireEveryDigestHasItsEntry(Manifest manifest, List<JarEntry> entries) {
        if (manifest == null) {
            return;
        }
        Set<String> names = entries.stream().map(JarEntry::getName).collect(Collectors.toSet());
        manifest.getEntries().forEach((name, attributes) -> {
            boolean digested = attributes.keySet().stream()
                    .anyMatch(key -> key.toString().toUpperCase(Locale.ROOT).endsWith("-DIGEST"));
            if (digested && !names.contains(name)) {
                throw invalid("The signed entry " + name + " is missing: it was removed after the jar was signed.");
            }
        });
    }

    private boolean trusts(CodeSigner signer) {
        List<X509Certificate> chain = chain(signer);
        for (int i = 0; i < chain.size(); i++) {
            if (trusted.contains(chain.get(i))) {
                return i == 0 || validates(chain.subList(0, i));
            }
        }
        return validates(chain);
    }

    /** @return whether the chain (without a trusted certificate) leads to one of the trusted certificates */
    private boolean validates(List<X509Certificate> chain) {
        try {
            CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain);
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<X509Certificate> chain(CodeSigner signer) {
        return signer.getSignerCertPath().getCertificates().stream()
                .filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast)
                .toList();
    }

    private static X509Certificate signerCertificate(CodeSigner signer) {
        return chain(signer).get(0);
    }

    private static String subjects(CodeSigner[] signers) {
        List<String> names = new ArrayList<>();
        for (CodeSigner signer : signers) {
            names.add("'" + signerCertificate(signer).getSubjectX500Principal().getName() + "'");
        }
        return String.join(" and ", names);
    }

    /** The files JAR signing itself writes, which no signature covers. */
    static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("META-INF/") || upper.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return upper.equals("META-INF/MANIFEST.MF")
                || upper.startsWith("META-INF/SIG-")
                || upper.endsWith(".SF")
                || upper.endsWith(".RSA")
                || upper.endsWith(".EC")
                || upper.endsWith(".DSA");
    }

    private static HostException invalid(String detail) {
        return new HostException(422, "signature invalid", detail, null);
    }
}
