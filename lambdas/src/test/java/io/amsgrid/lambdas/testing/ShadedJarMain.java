package io.amsgrid.lambdas.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.lambdas.config.LocalContext;
import io.amsgrid.lambdas.export.ExportHandler;
import io.amsgrid.lambdas.ingest.IngestHandler;

import java.io.File;
import java.util.Map;

/**
 * Runs in a child JVM on the shaded deployment jar only (see ShadedJarIT): the handlers' no-arg
 * constructors read the environment as in Lambda. Args: {@code ingest|export <event.json>}.
 */
public final class ShadedJarMain {
    private ShadedJarMain() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Object> event = json.readValue(new File(args[1]), new TypeReference<>() {
        });
        Map<String, Object> result = switch (args[0]) {
            case "ingest" -> new IngestHandler().handleRequest(event, new LocalContext("amsgrid-ingest"));
            case "export" -> new ExportHandler().handleRequest(event, new LocalContext("amsgrid-export"));
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println("RESULT " + json.writeValueAsString(result));
    }
}
