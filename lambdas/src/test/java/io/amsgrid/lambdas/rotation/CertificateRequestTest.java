package io.amsgrid.lambdas.rotation;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CertificateRequestTest {

    @Test
    void parseFor_ecP256WithThingCn_isAccepted() throws Exception {
        KeyPair k = ec("secp256r1");
        CertificateRequest r = CertificateRequest.parseFor(csr(k, "CN=gw-1", "SHA256withECDSA"), "gw-1");
        assertThat(r.commonName()).isEqualTo("gw-1");
        assertThat(r.publicKey()).isEqualTo(k.getPublic());
    }

    @Test
    void parseFor_rsa2048_isAccepted() throws Exception {
        assertThat(CertificateRequest.parseFor(csr(rsa(2048), "O=amsgrid,CN=gw-1", "SHA256withRSA"), "gw-1")
                .commonName()).isEqualTo("gw-1");
    }

    @Test
    void parseFor_otherThingsCn_isSubjectMismatch() throws Exception {
        assertThatThrownBy(() -> CertificateRequest.parseFor(csr(ec("secp256r1"), "CN=gw-2", "SHA256withECDSA"), "gw-1"))
                .isInstanceOfSatisfying(CertificateRequest.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RotationRejectReason.SUBJECT_MISMATCH))
                .hasMessageContaining("gw-2");
    }

    @Test
    void parseFor_rsa1024_isKeyNotAllowed() throws Exception {
        assertThatThrownBy(() -> CertificateRequest.parseFor(csr(rsa(1024), "CN=gw-1", "SHA256withRSA"), "gw-1"))
                .isInstanceOfSatisfying(CertificateRequest.Refused.class,
                        r -> assertThat(r.reason()).isEqualTo(RotationRejectReason.KEY_NOT_ALLOWED))
                .hasMessageContaining("RSA 1024");
    }

    @Test
    void parse_tamperedOrGarbage_isBadCsr() throws Exception {
        String pem = csr(ec("secp256r1"), "CN=gw-1", "SHA256withECDSA");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        der[20] ^= 1; // inside the subject: the signature no longer verifies
        String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        for (String bad : new String[] {tampered, "hello", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END"}) {
            assertThatThrownBy(() -> CertificateRequest.parse(bad))
                    .isInstanceOfSatisfying(CertificateRequest.Refused.class,
                            r -> assertThat(r.reason()).isEqualTo(RotationRejectReason.BAD_CSR));
        }
    }

    static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    static String csr(KeyPair k, String subject, String algorithm) throws Exception {
        var req = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), k.getPublic())
                .build(new JcaContentSignerBuilder(algorithm).build(k.getPrivate()));
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(req);
        }
        return w.toString();
    }
}
