package io.amsgrid.lambdas.rotation;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A PKCS#10 certificate signing request (RFC 2986), read with a small DER reader (no BouncyCastle in
 * the Lambda jar) and checked the way amsgrid accepts it for a device:
 * <pre>
 * CertificationRequest ::= SEQUENCE {
 *   certificationRequestInfo SEQUENCE { version INTEGER, subject Name,
 *                                       subjectPKInfo SubjectPublicKeyInfo, attributes [0] ... },
 *   signatureAlgorithm       AlgorithmIdentifier,
 *   signature                BIT STRING }
 * </pre>
 * The self-signature must verify; the key must be EC P-256/P-384 or RSA of at least 2048 bits (what
 * AWS IoT's CreateCertificateFromCsr accepts); the subject's CN must be the thing name.
 *
 * @param commonName the subject's CN, or empty
 * @param publicKey  the requested key
 */
public record CertificateRequest(String commonName, PublicKey publicKey) {
    private static final Map<String, String> SIGNATURES = Map.of(
            "1.2.840.10045.4.3.2", "SHA256withECDSA",
            "1.2.840.10045.4.3.3", "SHA384withECDSA",
            "1.2.840.113549.1.1.11", "SHA256withRSA",
            "1.2.840.113549.1.1.12", "SHA384withRSA",
            "1.2.840.113549.1.1.13", "SHA512withRSA");

    /** Why a CSR is refused. */
    public static final class Refused extends RuntimeException {
        private final RotationRejectReason reason;

        Refused(RotationRejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        public RotationRejectReason reason() {
            return reason;
        }
    }

    /** Parses and checks {@code pem} for {@code thing}; throws {@link Refused} naming the reason. */
    public static CertificateRequest parseFor(String pem, String thing) {
        CertificateRequest r = parse(pem);
        if (!keyAllowed(r.publicKey())) {
            throw new Refused(RotationRejectReason.KEY_NOT_ALLOWED, "the CSR's key must be EC P-256/P-384 or RSA"
                    + " of at least 2048 bits, was " + describe(r.publicKey()));
        }
        if (!thing.equals(r.commonName())) {
            throw new Refused(RotationRejectReason.SUBJECT_MISMATCH, "the CSR's subject CN must be the thing name "
                    + thing + ", was '" + r.commonName() + "'");
        }
        return r;
    }

    /** Parses {@code pem} and verifies its self-signature; throws {@link Refused} (BAD_CSR). */
    public static CertificateRequest parse(String pem) {
        byte[] der;
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE REQUEST-----")
                && !pem.contains("-----BEGIN NEW CERTIFICATE REQUEST-----")) {
            throw bad("not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)");
        }
        try {
            String body = pem.replaceAll("-----(BEGIN|END) (NEW )?CERTIFICATE REQUEST-----", "").replaceAll("\\s", "");
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw bad("not a PEM certificate signing request");
        }
        try {
            Der outer = Der.read(der, 0).expect(0x30);
            Der info = Der.read(der, outer.contentStart()).expect(0x30);
            Der version = Der.read(der, info.contentStart()).expect(0x02);
            Der subject = Der.read(der, version.end()).expect(0x30);
            Der spki = Der.read(der, subject.end()).expect(0x30);
            Der algorithm = Der.read(der, info.end()).expect(0x30);
            Der oid = Der.read(der, algorithm.contentStart()).expect(0x06);
            Der signature = Der.read(der, algorithm.end()).expect(0x03);
            if (signature.end() != outer.end() || outer.end() != der.length) {
                throw bad("trailing or missing bytes in the CSR");
            }
            String sigAlg = SIGNATURES.get(oid(der, oid));
            if (sigAlg == null) {
                throw bad("the CSR's signature algorithm " + oid(der, oid) + " is not supported");
            }
            PublicKey key = publicKey(Arrays.copyOfRange(der, spki.start(), spki.end()));
            Signature verifier = Signature.getInstance(sigAlg);
            verifier.initVerify(key);
            verifier.update(der, info.start(), info.end() - info.start());
            byte[] sig = Arrays.copyOfRange(der, signature.contentStart() + 1, signature.end());
            if (!verifier.verify(sig)) {
                throw bad("the CSR's signature does not match its public key");
            }
            return new CertificateRequest(commonName(Arrays.copyOfRange(der, subject.start(), subject.end())), key);
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw bad("the CSR cannot be read: " + e.getMessage());
        }
    }

    private static Refused bad(String message) {
        return new Refused(RotationRejectReason.BAD_CSR, message);
    }

    private static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
        for (String type : new String[] {"EC", "RSA"}) {
            try {
                return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(spki));
            } catch (GeneralSecurityException e) {
                // try the next type
            }
        }
        throw new GeneralSecurityException("the CSR's public key is neither EC nor RSA");
    }

    static boolean keyAllowed(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> {
                int bits = ec.getParams().getCurve().getField().getFieldSize();
                yield bits == 256 || bits == 384;
            }
            case RSAPublicKey rsa -> rsa.getModulus().bitLength() >= 2048;
            default -> false;
        };
    }

    private static String describe(PublicKey key) {
        return switch (key) {
            case ECPublicKey ec -> "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
            case RSAPublicKey rsa -> "RSA " + rsa.getModulus().bitLength() + " bits";
            default -> key.getAlgorithm();
        };
    }

    private static String commonName(byte[] subjectDer) {
        try {
            String name = new X500Principal(subjectDer).getName(X500Principal.RFC2253);
            Optional<Rdn> cn = new LdapName(name).getRdns().stream()
                    .filter(r -> r.getType().equalsIgnoreCase("CN")).findFirst();
            return cn.map(r -> String.valueOf(r.getValue())).orElse("");
        } catch (InvalidNameException | IllegalArgumentException e) {
            throw bad("the CSR's subject cannot be read");
        }
    }

    private static String oid(byte[] der, Der oid) {
        StringBuilder s = new StringBuilder();
        long value = 0;
        for (int i = oid.contentStart(); i < oid.end(); i++) {
            value = (value << 7) | (der[i] & 0x7F);
            if ((der[i] & 0x80) == 0) {
                if (s.isEmpty()) {
                    long first = Math.min(value / 40, 2);
                    s.append(first).append('.').append(value - first * 40);
                } else {
                    s.append('.').append(value);
                }
                value = 0;
            }
        }
        return s.toString();
    }

    /** One DER element: tag, where it starts, where its content starts, where it ends. */
    private record Der(int tag, int start, int contentStart, int end) {
        static Der read(byte[] b, int at) {
            int tag = b[at] & 0xFF;
            int len = b[at + 1] & 0xFF;
            int content = at + 2;
            if (len > 0x80) {
                int n = len & 0x7F;
                if (n > 3) {
                    throw new IllegalArgumentException("DER length too long");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[content + i] & 0xFF);
                }
                content += n;
            } else if (len == 0x80) {
                throw new IllegalArgumentException("indefinite length is not DER");
            }
            if (content + len > b.length) {
                throw new IllegalArgumentException("DER element longer than the CSR");
            }
            return new Der(tag, at, content, content + len);
        }

        Der expect(int t) {
            if (tag != t) {
                throw new IllegalArgumentException("unexpected DER tag 0x" + Integer.toHexString(tag));
            }
            return this;
        }
    }
}
