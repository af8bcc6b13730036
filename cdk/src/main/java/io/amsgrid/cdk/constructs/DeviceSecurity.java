package io.amsgrid.cdk.constructs;

import io.amsgrid.cdk.IngestMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iot.CfnPolicy;
import software.amazon.awscdk.services.iot.CfnProvisioningTemplate;
import software.amazon.awscdk.services.iot.CfnThingGroup;
import software.amazon.awscdk.services.iot.CfnThingType;
import software.constructs.Construct;

/**
 * Device identity for the fleet: the device policy, the thing type and thing group, and fleet
 * provisioning by claim (the template and the claim-certificate policy).
 *
 * <p>Provisioning: a new gateway connects with the shared claim certificate (policy
 * {@value #CLAIM_POLICY}), creates its key and a CSR, gets its own certificate from
 * {@code $aws/certificates/create-from-csr/json}, then publishes to
 * {@code $aws/provisioning-templates/}{@value #TEMPLATE}{@code /provision/json} with parameters
 * {@value #PARAMETER_SERIAL} (becomes the thing name) and the certificate ownership token. The
 * template creates the thing (type {@value #THING_TYPE}, group {@value #THING_GROUP}),
 * activates the certificate and attaches {@value #DEVICE_POLICY}.
 */
public final class DeviceSecurity extends Construct {
    /** Names are fixed (operators and gateways type them); one amsgrid per account and region. */
    public static final String DEVICE_POLICY = "amsgrid-device";
    public static final String CLAIM_POLICY = "amsgrid-claim";
    public static final String THING_TYPE = "amsgrid-gateway";
    public static final String THING_GROUP = "amsgrid-fleet";
    public static final String TEMPLATE = "amsgrid-gateway";
    /** The template parameter the gateway sends; its value becomes the thing name and the MQTT client id. */
    public static final String PARAMETER_SERIAL = "SerialNumber";

    private final CfnPolicy devicePolicy;
    private final CfnPolicy claimPolicy;
    private final CfnThingType thingType;
    private final CfnThingGroup thingGroup;
    private final CfnProvisioningTemplate template;

    public DeviceSecurity(Construct scope, String id, IngestMode mode) {
        super(scope, id);
        Stack stack = Stack.of(this);
        Function<String, String> arn = resource -> stack.formatArn(ArnComponents.builder()
                .service("iot").resource(resource).build());

        devicePolicy = CfnPolicy.Builder.create(this, "DevicePolicy")
                .policyName(DEVICE_POLICY)
                .policyDocument(DevicePolicies.device(arn, mode))
                .build();
        claimPolicy = CfnPolicy.Builder.create(this, "ClaimPolicy")
                .policyName(CLAIM_POLICY)
                .policyDocument(DevicePolicies.claim(arn, TEMPLATE))
                .build();
        thingType = CfnThingType.Builder.create(this, "ThingType")
                .thingTypeName(THING_TYPE)
                .thingTypeProperties(CfnThingType.ThingTypePropertiesProperty.builder()
                        .thingTypeDescription("amsgrid gateway: reads a smart meter's HAN port")
                        .searchableAttributes(List.of("serial"))
                        .build())
                .build();
        thingGroup = CfnThingGroup.Builder.create(this, "ThingGroup")
                .thingGroupName(THING_GROUP)
                .thingGroupProperties(CfnThingGroup.ThingGroupPropertiesProperty.builder()
                        .thingGroupDescription("every amsgrid gateway").build())
                .build();

        Role provisioningRole = Role.Builder.create(this, "ProvisioningRole")
                .assumedBy(new ServicePrincipal("iot.amazonaws.com"))
                .description("amsgrid fleet provisioning: registers things and certificates")
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AWSIoTThingsRegistration")))
                .build();
        template = CfnProvisioningTemplate.Builder.create(this, "ProvisioningTemplate")
                .templateName(TEMPLATE)
                .description("amsgrid gateway self-registration by claim certificate")
                .enabled(true)
                .provisioningRoleArn(provisioningRole.getRoleArn())
                .templateBody(stack.toJsonString(templateBody()))
                .build();
        template.addResourceDependency(devicePolicy);
        template.addResourceDependency(thingType);
        template.addResourceDependency(thingGroup);
    }

    /** The fleet provisioning template body (the JSON the RegisterThing call runs). */
    private static Map<String, Object> templateBody() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(PARAMETER_SERIAL, Map.of("Type", "String"));
        parameters.put("AWS::IoT::Certificate::Id", Map.of("Type", "String"));

        Map<String, Object> thing = new LinkedHashMap<>();
        thing.put("Type", "AWS::IoT::Thing");
        thing.put("Properties", Map.of(
                "ThingName", Map.of("Ref", PARAMETER_SERIAL),
                "ThingTypeName", THING_TYPE,
                "ThingGroups", List.of(THING_GROUP),
                "AttributePayload", Map.of("serial", Map.of("Ref", PARAMETER_SERIAL))));
        thing.put("OverrideSettings", Map.of(
                "AttributePayload", "MERGE", "ThingTypeName", "REPLACE", "ThingGroups", "DO_NOTHING"));

        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("thing", thing);
        resources.put("certificate", Map.of("Type", "AWS::IoT::Certificate", "Properties", Map.of(
                "CertificateId", Map.of("Ref", "AWS::IoT::Certificate::Id"), "Status", "ACTIVE")));
        resources.put("policy", Map.of("Type", "AWS::IoT::Policy", "Properties", Map.of(
                "PolicyName", DEVICE_POLICY)));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Parameters", parameters);
        body.put("Resources", resources);
        return body;
    }

    public CfnPolicy devicePolicy() {
        return devicePolicy;
    }

    public CfnPolicy claimPolicy() {
        return claimPolicy;
    }

    public CfnThingType thingType() {
        return thingType;
    }

    public CfnThingGroup thingGroup() {
        return thingGroup;
    }

    public CfnProvisioningTemplate template() {
        return template;
    }
}
