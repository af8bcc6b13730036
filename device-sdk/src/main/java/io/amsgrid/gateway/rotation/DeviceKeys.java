package io.amsgrid.gateway.rotation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A device key pair made on the device (EC P-256, as the AWS IoT CreateCertificateFromCsr API
 * accepts), its PKCS#10 CSR, and the PEM files, with the JDK only (no BouncyCastle: the gateway
 * process stays small). The private key is written only by {@link #writePrivateKey} (PKCS#8, file
 * mode 0600 where the file system has POSIX modes) and is never logged.
 */
public final class DeviceKeys {
    private static final byte[] OID_COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] OID_ECDSA_SHA256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};

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

    /** Loads a pair written by {@link #writePrivateKey} and {@link #writePublicKey}. */
    public static DeviceKeys load(Path privateKey, Path publicKey) {
        try {
            KeyFactory f = KeyFactory.getInstance("EC");
            return new DeviceKeys(new KeyPair(
                    f.generatePublic(new X509EncodedKeySpec(Pem.decode(Files.readString(publicKey), "PUBLIC KEY"))),
                    f.generatePrivate(new PKCS8EncodedKeySpec(Pem.decode(Files.readString(privateKey), "PRIVATE KEY")))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key pair " + privateKey, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("not an EC key pair: " + privateKey + ", " + publicKey, e);
        }
    }

    /** The public key, X.509 SubjectPublicKeyInfo DER (to compare with a certificate's). */
    public byte[] publicKeyDer() {
        return pair.getPublic().getEncoded();
    }

    /** A PEM PKCS#10 CSR with subject {@code CN=<commonName>}, signed with SHA256withECDSA. */
    public String csrPem(String commonName) {
        byte[] name = der(0x30, der(0x31, der(0x30, OID_COMMON_NAME,
                der(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] info = der(0x30, new byte[] {0x02, 0x01, 0x00}, name, publicKeyDer(), new byte[] {(byte) 0xA0, 0x00});
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(pair.getPrivate());
            s.update(info);
            byte[] sig = s.sign();
            byte[] bits = new byte[sig.length + 1];
            System.arraycopy(sig, 0, bits, 1, sig.length);
            return Pem.encode("CERTIFICATE REQUEST", der(0x30, info, der(0x30, OID_ECDSA_SHA256), der(0x03, bits)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the CSR: " + e.getMessage(), e);
        }
    }

    /** Writes the private key as PKCS#8 PEM, mode 0600, atomically (temp file + rename). */
    public void writePrivateKey(Path file) {
        writeSecret(file, privateKeyPem());
    }

    /** Writes the public key as PEM (public). */
    public void writePublicKey(Path file) {
        writePublic(file, Pem.encode("PUBLIC KEY", publicKeyDer()));
    }

    /** The private key as PKCS#8 PEM (for a device bundle made by the operator; never log it). */
    public String privateKeyPem() {
        return Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded());
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

    /** One DER TLV: {@code tag}, definite length, the parts concatenated. */
    static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        int n = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 4);
        out.write(tag);
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n & 0xFF);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    /** PEM text (RFC 7468): base64 in 64-character lines between BEGIN/END lines. */
    static final class Pem {
        private Pem() {
        }

        static String encode(String label, byte[] der) {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
            return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
        }

        /** The DER of the first {@code label} block in {@code text}. */
        static byte[] decode(String text, String label) {
            String begin = "-----BEGIN " + label + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf("-----END " + label + "-----", Math.max(from, 0));
            if (from < 0 || to < 0) {
                throw new IllegalArgumentException("no " + label + " PEM block");
            }
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        }
    }
}
