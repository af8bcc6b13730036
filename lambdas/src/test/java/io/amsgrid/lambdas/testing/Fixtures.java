package io.amsgrid.lambdas.testing;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The event fixtures under {@code src/test/resources/events}, read as Lambda hands them to a handler. */
public final class Fixtures {
    public static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    public static Map<String, Object> event(String name) {
        try (InputStream in = stream(name)) {
            return JSON.readValue(in, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SQS event fixture (the Lambda runtime's JSON shape) as the events library's classes. */
    public static SQSEvent sqsEvent(String name) {
        try (InputStream in = stream(name)) {
            JsonNode root = JSON.readTree(in);
            List<SQSEvent.SQSMessage> messages = new ArrayList<>();
            for (JsonNode r : root.get("Records")) {
                SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
                m.setMessageId(r.get("messageId").asText());
                m.setReceiptHandle(r.get("receiptHandle").asText());
                m.setBody(r.get("body").asText());
                m.setEventSource(r.get("eventSource").asText());
                m.setEventSourceArn(r.get("eventSourceARN").asText());
                m.setAwsRegion(r.get("awsRegion").asText());
                messages.add(m);
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(messages);
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps rule events into one SQS event, as the IoT rule's SQS action would queue them. */
    public static SQSEvent sqsEventOf(List<Map<String, Object>> ruleEvents, int firstId) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < ruleEvents.size(); i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("msg-" + (firstId + i));
            try {
                m.setBody(JSON.writeValueAsString(ruleEvents.get(i)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            messages.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    private static InputStream stream(String name) {
        InputStream in = Fixtures.class.getResourceAsStream("/events/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no fixture events/" + name);
        }
        return in;
    }
}
