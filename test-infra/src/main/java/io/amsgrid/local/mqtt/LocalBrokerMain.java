package io.amsgrid.local.mqtt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a {@link LocalBroker} in {@code dir} and issues a certificate per thing, writing
 * {@code dir/<thing>.properties} with the connection part of a gateway config (thing, endpoint,
 * port, certificate, key, CA). Runs until killed: {@code LocalBrokerMain <dir> <thing>...}.
 * Used by scripts/bench-gateway.sh and for trying the gateway by hand.
 */
public final class LocalBrokerMain {
    private LocalBrokerMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: LocalBrokerMain <dir> <thing>...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        LocalBroker broker = LocalBroker.start(dir);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        for (int i = 1; i < args.length; i++) {
            LocalCa.Issued cert = broker.ca().issueClient(args[i]);
            List<String> lines = new ArrayList<>(List.of(
                    "thing = " + args[i],
                    "endpoint = " + broker.host(),
                    "port = " + broker.port(),
                    "certificate = " + cert.certificate(),
                    "privateKey = " + cert.privateKey(),
                    "caCertificate = " + broker.ca().caCertificate()));
            Files.write(dir.resolve(args[i] + ".properties"), lines);
        }
        System.out.println("broker ready on port " + broker.port() + "; configs in " + dir);
        System.out.flush();
        Thread.currentThread().join();
    }
}
