package io.amsgrid.cdk.constructs;

import io.amsgrid.cdk.IngestMode;
import io.amsgrid.rules.IngestRule;
import io.amsgrid.rules.IngestRules;
import io.amsgrid.rules.RotationRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The IoT policy documents of amsgrid, as JSON-ready maps. Every resource of the device policy is
 * pinned to the connected thing with the policy variable {@value #THING}, so a certificate
 * attached to thing A can connect only as client A, publish only to {@code avg/A} (etc.) and use
 * only A's classic shadow and rotation topics ({@code amsgrid/rotation/A/csr} to publish,
 * {@code amsgrid/rotation/A/certificate} to receive); the variable only resolves when the certificate is attached to a thing
 * ({@code iot:Connection.Thing.IsAttached}).
 */
public final class DevicePolicies {
    /** The thing name of the connection, resolved by AWS IoT at authorization time. */
    public static final String THING = "${iot:Connection.Thing.ThingName}";
    /** The classic shadow operations a gateway uses (named shadows are not allowed). */
    public static final List<String> SHADOW_OPERATIONS = List.of("get", "update", "delete");

    private DevicePolicies() {
    }

    /**
     * The device policy.
     *
     * @param arn  turns an IoT resource ({@code client/...}, {@code topic/...}, {@code topicfilter/...})
     *             into the ARN of this account and region
     * @param mode with {@link IngestMode#BASIC} the Basic Ingest topics
     *             {@code $aws/rules/<rule>/<kind>/<thing>} are allowed as well as the direct ones
     */
    public static Map<String, Object> device(Function<String, String> arn, IngestMode mode) {
        List<String> publish = new ArrayList<>();
        for (IngestRule rule : IngestRules.all()) {
            publish.add(arn.apply("topic/" + rule.kind().topicFor(THING)));
        }
        if (mode == IngestMode.BASIC) {
            for (IngestRule rule : IngestRules.all()) {
                publish.add(arn.apply("topic/" + basicIngestTopic(rule, THING)));
            }
        }
        List<String> subscribe = new ArrayList<>();
        List<String> receive = new ArrayList<>();
        for (String op : SHADOW_OPERATIONS) {
            publish.add(arn.apply("topic/" + shadowTopic(THING) + "/" + op));
            subscribe.add(arn.apply("topicfilter/" + shadowTopic(THING) + "/" + op + "/*"));
            receive.add(arn.apply("topic/" + shadowTopic(THING) + "/" + op + "/*"));
        }
        publish.add(arn.apply("topic/" + RotationRules.csrTopic(THING)));
        subscribe.add(arn.apply("topicfilter/" + RotationRules.answerTopic(THING)));
        receive.add(arn.apply("topic/" + RotationRules.answerTopic(THING)));
        return document(List.of(
                statement("Connect", List.of("iot:Connect"), List.of(arn.apply("client/" + THING)), true),
                statement("Publish", List.of("iot:Publish"), publish, true),
                statement("Subscribe", List.of("iot:Subscribe"), subscribe, true),
                statement("Receive", List.of("iot:Receive"), receive, true)));
    }

    /**
     * The claim-certificate policy of fleet provisioning: a gateway with the shared claim certificate
     * may only ask for a certificate from its CSR and register itself through {@code templateName}.
     */
    public static Map<String, Object> claim(Function<String, String> arn, String templateName) {
        List<String> topics = List.of(
                "$aws/certificates/create-from-csr/*",
                "$aws/provisioning-templates/" + templateName + "/provision/*");
        return document(List.of(
                statement("Connect", List.of("iot:Connect"), List.of(arn.apply("client/*")), false),
                statement("Publish", List.of("iot:Publish"), topics.stream().map(t -> arn.apply("topic/" + t)).toList(), false),
                statement("Subscribe", List.of("iot:Subscribe"),
                        topics.stream().map(t -> arn.apply("topicfilter/" + t)).toList(), false),
                statement("Receive", List.of("iot:Receive"), topics.stream().map(t -> arn.apply("topic/" + t)).toList(), false)));
    }

    /** The Basic Ingest topic of {@code rule} for {@code thing}: {@code $aws/rules/<rule>/<kind>/<thing>}. */
    public static String basicIngestTopic(IngestRule rule, String thing) {
        return "$aws/rules/" + rule.name() + "/" + rule.kind().topicFor(thing);
    }

    /** The classic shadow topic root of {@code thing}. */
    public static String shadowTopic(String thing) {
        return "$aws/things/" + thing + "/shadow";
    }

    private static Map<String, Object> document(List<Map<String, Object>> statements) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Version", "2012-10-17");
        doc.put("Statement", statements);
        return doc;
    }

    private static Map<String, Object> statement(String sid, List<String> actions, List<String> resources,
                                                 boolean attachedThingOnly) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Sid", sid);
        s.put("Effect", "Allow");
        s.put("Action", actions);
        s.put("Resource", resources);
        if (attachedThingOnly) {
            s.put("Condition", Map.of("Bool", Map.of("iot:Connection.Thing.IsAttached", "true")));
        }
        return s;
    }
}
