package io.amsgrid.local.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local certificate authority, like the one AWS IoT Core trusts for a fleet: it issues the
 * broker's server certificate ({@code CN=localhost}, SAN {@code localhost, 127.0.0.1}) and one
 * client certificate per thing ({@code CN=<thing>}, {@code extendedKeyUsage=clientAuth}).
 * Uses the {@code openssl} command line (Debian's openssl 3); EC P-256 keys.
 *
 * <p>Keys are written world-readable (0644) on purpose: they are throw-away test keys, and
 * mosquitto started as root drops to the {@code mosquitto} user, which must read the server key.
 */
public final class LocalCa {
    private final Path dir;

    /** A certificate and its private key as PEM files. */
    public record Issued(String commonName, Path certificate, Path privateKey) {
    }

    private LocalCa(Path dir) {
        this.dir = dir;
    }

    /** Creates a new CA (key and self-signed certificate) in {@code dir}. */
    public static LocalCa create(Path dir) {
        LocalCa ca = new LocalCa(dir);
        try {
            Files.createDirectories(dir);
            ca.write("ca.ext", "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
            ca.openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key");
            ca.openssl("req", "-new", "-x509", "-key", "ca.key", "-out", "ca.crt", "-days", "30",
                    "-subj", "/CN=amsgrid local CA", "-addext", "basicConstraints=critical,CA:TRUE",
                    "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the local CA in " + dir, e);
        }
        return ca;
    }

    /** The CA certificate clients and the broker trust. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** Issues the broker's certificate. */
    public Issued issueServer() {
        return issue("localhost", "server",
                "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\n"
                        + "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n");
    }

    /** Issues a device certificate for {@code thing} (the broker uses the CN as the user name). */
    public Issued issueClient(String thing) {
        if (!thing.matches("[A-Za-z0-9_:.-]{1,128}")) {
            throw new IllegalArgumentException("not a valid thing name: " + thing);
        }
        return issue(thing, "client-" + thing,
                "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyAgreement\nextendedKeyUsage=clientAuth\n");
    }

    private synchronized Issued issue(String cn, String base, String extensions) {
        try {
            write(base + ".ext", extensions);
            openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", base + ".key.sec1");
            // PKCS#8 ("BEGIN PRIVATE KEY"): read by both mosquitto and the AWS CRT
            openssl("pkcs8", "-topk8", "-nocrypt", "-in", base + ".key.sec1", "-out", base + ".key");
            openssl("req", "-new", "-key", base + ".key", "-out", base + ".csr", "-subj", "/CN=" + cn);
            openssl("x509", "-req", "-in", base + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", base + ".crt", "-days", "30", "-extfile", base + ".ext");
            Files.delete(dir.resolve(base + ".key.sec1"));
            return new Issued(cn, dir.resolve(base + ".crt"), dir.resolve(base + ".key"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot issue a certificate for " + cn, e);
        }
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    private void openssl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("openssl " + String.join(" ", args) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        for (String a : args) {
            Path f = dir.resolve(a);
            if (a.endsWith(".key") && Files.exists(f)) {
                f.toFile().setReadable(true, false);
            }
        }
    }
}
