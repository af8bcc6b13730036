package io.amsgrid.fleet.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * A device key pair made on the device (EC P-256, as the AWS IoT CreateCertificateFromCsr API
 * accepts), its PKCS#10 CSR, and the PEM files. The private key is written only by
 * {@link #writePrivateKey} (PKCS#8, file mode 0600 where the file system has POSIX modes) and is
 * never logged.
 */
public final class DeviceKeys {
    private final KeyPair pair;

    private DeviceKeys(KeyPair pair) {
        this.pair = pair;
    }

    /** A new EC P-256 key pair. */
    public static DeviceKeys generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new DeviceKeys(g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator in this JDK", e);
        }
    }

    /** Loads a PKCS#8 PEM private key written by {@link #writePrivateKey} (public key derived from the CSR flow is not needed). */
    public static String csrFromKeyFile(Path privateKey, String commonName) {
        try (org.bouncycastle.openssl.PEMParser p = new org.bouncycastle.openssl.PEMParser(
                Files.newBufferedReader(privateKey))) {
            Object o = p.readObject();
            var conv = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter();
            KeyPair kp;
            if (o instanceof org.bouncycastle.openssl.PEMKeyPair pkp) {
                kp = conv.getKeyPair(pkp);
            } else {
                var priv = (java.security.interfaces.ECPrivateKey) conv.getPrivateKey(
                        (org.bouncycastle.asn1.pkcs.PrivateKeyInfo) o);
                kp = new KeyPair(publicOf(priv), priv);
            }
            return new DeviceKeys(kp).csrPem(commonName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the private key " + privateKey, e);
        }
    }

    private static java.security.PublicKey publicOf(java.security.interfaces.ECPrivateKey priv) {
        try {
            var spec = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
            var q = spec.getG().multiply(priv.getS()).normalize();
            var pubSpec = new org.bouncycastle.jce.spec.ECPublicKeySpec(q, spec);
            return java.security.KeyFactory.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .generatePublic(pubSpec);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key", e);
        }
    }

    /** A PEM CSR with subject {@code CN=<commonName>}, signed with the private key. */
    public String csrPem(String commonName) {
        try {
            PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name("CN=" + commonName), pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
                pw.writeObject(csr);
            }
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the CSR: " + e.getMessage(), e);
        }
    }

    /** Writes the private key as PKCS#8 PEM, mode 0600, atomically (temp file + rename). */
    public void writePrivateKey(Path file) {
        writeSecret(file, privateKeyPem());
    }

    /** The private key as PKCS#8 PEM (for a device bundle made by the operator; never log it). */
    public String privateKeyPem() {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Writes text to {@code file} atomically with mode 0600 (where supported). */
    public static void writeSecret(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp);
            }
            Files.writeString(tmp, text, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes a public file (certificate, config) atomically. */
    public static void writePublic(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
