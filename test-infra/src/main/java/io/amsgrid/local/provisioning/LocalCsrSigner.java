package io.amsgrid.local.provisioning;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;

/**
 * Signs device CSRs with the {@link io.amsgrid.local.mqtt.LocalCa} key ({@code ca.key} next to
 * {@code ca.crt}), as AWS IoT's CreateCertificateFromCsr does with the Amazon CA: the subject is
 * taken from the CSR, the certificate is a client certificate ({@code extendedKeyUsage=clientAuth}),
 * and its id is the SHA-256 of the DER certificate in hex (64 characters, like AWS certificate ids).
 * Only the CSR (public key) is seen here; a device's private key never is.
 */
public final class LocalCsrSigner {
    /** A signed certificate. */
    public record Signed(String certificateId, String certificatePem, Instant notBefore, Instant notAfter) {
    }

    private final X509CertificateHolder caCert;
    private final PrivateKey caKey;
    private final Duration validity;
    private final SecureRandom random = new SecureRandom();

    public LocalCsrSigner(Path caCertificate, Duration validity) {
        this.validity = validity;
        try (PEMParser c = new PEMParser(Files.newBufferedReader(caCertificate));
             PEMParser k = new PEMParser(Files.newBufferedReader(caCertificate.resolveSibling("ca.key")))) {
            this.caCert = (X509CertificateHolder) c.readObject();
            Object key = k.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            this.caKey = key instanceof PEMKeyPair kp ? conv.getKeyPair(kp).getPrivate()
                    : conv.getPrivateKey((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the local CA at " + caCertificate, e);
        }
    }

    /** Parses a PEM CSR and checks its self-signature; {@link IllegalArgumentException} if it is not one. */
    public static PKCS10CertificationRequest parseCsr(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (!(o instanceof PKCS10CertificationRequest csr)) {
                throw new IllegalArgumentException("not a PEM certificate signing request");
            }
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                throw new IllegalArgumentException("the CSR's signature does not match its public key");
            }
            return csr;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a PEM certificate signing request: " + e.getMessage());
        } catch (Exception e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("cannot verify the CSR: " + e.getMessage());
        }
    }

    /** Signs {@code csrPem}; the certificate's subject is the CSR's. */
    public Signed sign(String csrPem) {
        PKCS10CertificationRequest csr = parseCsr(csrPem);
        Instant notBefore = Instant.now().minusSeconds(60);
        Instant notAfter = notBefore.plus(validity);
        try {
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(caCert.getSubject(),
                    new BigInteger(120, random), Date.from(notBefore), Date.from(notAfter),
                    csr.getSubject().toString().isEmpty() ? new X500Name("CN=device") : csr.getSubject(),
                    csr.getSubjectPublicKeyInfo());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement
                    | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKey);
            X509CertificateHolder cert = b.build(signer);
            byte[] der = cert.getEncoded();
            String id = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
            StringWriter w = new StringWriter();
            try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
                pw.writeObject(cert);
            }
            return new Signed(id, w.toString(), notBefore, notAfter);
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the CSR: " + e.getMessage(), e);
        }
    }
}
