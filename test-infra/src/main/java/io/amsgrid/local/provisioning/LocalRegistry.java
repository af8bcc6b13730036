package io.amsgrid.local.provisioning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The local stand-in of the AWS IoT registry: things (with type, groups, attributes, attached
 * certificates) and certificates (id, status, PEM, validity), persisted as one JSON file that is
 * rewritten atomically after every change. Several processes (the CLI, the provisioning responder
 * in a test) may use the same file: every operation re-reads it under a process-local lock, so
 * concurrent writers in <em>different</em> processes are not supported (one writer at a time).
 */
public final class LocalRegistry {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL).findAndRegisterModules();
    private static final Object LOCK = new Object();

    /** A thing as DescribeThing shows it (subset). */
    public record Thing(String thingName, String thingType, List<String> groups, Map<String, String> attributes,
                        List<String> certificateIds, long version) {
    }

    /** A certificate as DescribeCertificate shows it (subset); {@code status} as in AWS. */
    public record Certificate(String certificateId, String status, String certificatePem, long notBeforeEpochSecond,
                              long notAfterEpochSecond, long createdEpochSecond) {
        public Certificate withStatus(String s) {
            return new Certificate(certificateId, s, certificatePem, notBeforeEpochSecond, notAfterEpochSecond,
                    createdEpochSecond);
        }
    }

    /** The whole file. */
    public record Contents(Map<String, Thing> things, Map<String, Certificate> certificates) {
        static Contents empty() {
            return new Contents(new TreeMap<>(), new TreeMap<>());
        }
    }

    private final Path file;

    public LocalRegistry(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** Reads the registry (empty if the file does not exist yet). */
    public Contents read() {
        synchronized (LOCK) {
            if (!Files.exists(file)) {
                return Contents.empty();
            }
            try {
                Contents c = JSON.readValue(file.toFile(), Contents.class);
                return new Contents(new TreeMap<>(c.things() == null ? Map.of() : c.things()),
                        new TreeMap<>(c.certificates() == null ? Map.of() : c.certificates()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the local registry " + file, e);
            }
        }
    }

    /** Applies {@code change} to the contents and writes them back atomically; returns its result. */
    public <T> T update(Function<Contents, T> change) {
        synchronized (LOCK) {
            Contents c = read();
            T result = change.apply(c);
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                JSON.writeValue(tmp.toFile(), c);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the local registry " + file, e);
            }
            return result;
        }
    }

    public Optional<Thing> thing(String name) {
        return Optional.ofNullable(read().things().get(name));
    }

    public Optional<Certificate> certificate(String id) {
        return Optional.ofNullable(read().certificates().get(id));
    }

    /** Creates the thing or merges type, groups and attributes into the existing one. */
    public Thing upsertThing(String name, String type, List<String> groups, Map<String, String> attributes) {
        return update(c -> {
            Thing old = c.things().get(name);
            List<String> g = new ArrayList<>(old == null ? List.of() : old.groups());
            groups.stream().filter(x -> !g.contains(x)).forEach(g::add);
            Map<String, String> a = new TreeMap<>(old == null ? Map.of() : old.attributes());
            a.putAll(attributes);
            Thing t = new Thing(name, type != null ? type : old == null ? null : old.thingType(), g, a,
                    old == null ? List.of() : old.certificateIds(), old == null ? 1 : old.version() + 1);
            c.things().put(name, t);
            return t;
        });
    }

    public void putCertificate(Certificate cert) {
        update(c -> c.certificates().put(cert.certificateId(), cert));
    }

    /**
     * Sets one attribute if the thing's version is still {@code expectedVersion} (UpdateThing with
     * {@code expectedVersion}); false on a version conflict or if there is no such thing.
     */
    public boolean setAttributeIfVersion(String thing, String name, String value, long expectedVersion) {
        return update(c -> {
            Thing t = c.things().get(thing);
            if (t == null || t.version() != expectedVersion) {
                return false;
            }
            Map<String, String> a = new TreeMap<>(t.attributes());
            a.put(name, value);
            c.things().put(thing, new Thing(t.thingName(), t.thingType(), t.groups(), a, t.certificateIds(),
                    t.version() + 1));
            return true;
        });
    }

    /** Attaches a certificate to a thing (AttachThingPrincipal). */
    public void attach(String thing, String certificateId) {
        update(c -> {
            Thing t = c.things().get(thing);
            if (t == null) {
                throw new IllegalArgumentException("no thing " + thing);
            }
            List<String> ids = new ArrayList<>(t.certificateIds());
            if (!ids.contains(certificateId)) {
                ids.add(certificateId);
            }
            c.things().put(thing, new Thing(t.thingName(), t.thingType(), t.groups(), t.attributes(), ids, t.version()));
            return null;
        });
    }

    /** Detaches a certificate from every thing (DetachThingPrincipal). */
    public void detach(String certificateId) {
        update(c -> {
            c.things().replaceAll((k, t) -> new Thing(t.thingName(), t.thingType(), t.groups(), t.attributes(),
                    t.certificateIds().stream().filter(id -> !id.equals(certificateId)).toList(), t.version()));
            return null;
        });
    }

    /** Sets a certificate's status (UpdateCertificate); false if there is no such certificate. */
    public boolean setStatus(String certificateId, String status) {
        return update(c -> {
            Certificate cert = c.certificates().get(certificateId);
            if (cert == null) {
                return false;
            }
            c.certificates().put(certificateId, cert.withStatus(status));
            return true;
        });
    }

    /** Deletes a certificate (DeleteCertificate): refused while ACTIVE or attached, as in AWS. */
    public void deleteCertificate(String certificateId) {
        update(c -> {
            Certificate cert = c.certificates().get(certificateId);
            if (cert == null) {
                throw new IllegalArgumentException("no certificate " + certificateId);
            }
            if (cert.status().equals("ACTIVE")) {
                throw new IllegalStateException("certificate " + certificateId + " is ACTIVE; deactivate it first");
            }
            if (c.things().values().stream().anyMatch(t -> t.certificateIds().contains(certificateId))) {
                throw new IllegalStateException("certificate " + certificateId + " is still attached to a thing");
            }
            c.certificates().remove(certificateId);
            return null;
        });
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }
}
