package io.amsgrid.cdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.cdk.constructs.DeviceSecurity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** Fleet provisioning: the template registers the thing, activates the certificate, attaches policy and group. */
class ProvisioningTemplateTest {
    private static Template template;

    @BeforeAll
    static void synth() {
        template = Synthesized.of(Synthesized.DEFAULT).template();
    }

    @Test
    void template_registerThing_createsThingActivatesCertificateAttachesPolicyAndGroup() throws Exception {
        Map<String, Object> p = Cfn.props(Cfn.one(template, "AWS::IoT::ProvisioningTemplate", "Devices").getValue());
        assertThat(p).containsEntry("TemplateName", DeviceSecurity.TEMPLATE).containsEntry("Enabled", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new ObjectMapper().readValue(Cfn.text(p.get("TemplateBody")), Map.class);
        Map<String, Object> parameters = Cfn.map(body.get("Parameters"));
        assertThat(parameters).containsOnlyKeys("SerialNumber", "AWS::IoT::Certificate::Id");
        Map<String, Object> resources = Cfn.map(body.get("Resources"));
        Map<String, Object> thing = Cfn.map(Cfn.map(resources.get("thing")).get("Properties"));
        assertThat(thing).containsEntry("ThingName", Map.of("Ref", "SerialNumber"))
                .containsEntry("ThingTypeName", DeviceSecurity.THING_TYPE)
                .containsEntry("ThingGroups", List.of(DeviceSecurity.THING_GROUP));
        assertThat(Cfn.map(resources.get("certificate"))).containsEntry("Type", "AWS::IoT::Certificate")
                .containsEntry("Properties", Map.of("CertificateId", Map.of("Ref", "AWS::IoT::Certificate::Id"),
                        "Status", "ACTIVE"));
        assertThat(Cfn.map(resources.get("policy"))).containsEntry("Type", "AWS::IoT::Policy")
                .containsEntry("Properties", Map.of("PolicyName", DeviceSecurity.DEVICE_POLICY));
    }

    @Test
    void template_provisioningRole_isAssumedByIotWithTheRegistrationPolicy() {
        Map<String, Object> p = Cfn.props(Cfn.one(template, "AWS::IoT::ProvisioningTemplate", "Devices").getValue());
        var role = Cfn.one(template, "AWS::IAM::Role", "DevicesProvisioningRole");
        assertThat(Cfn.text(p.get("ProvisioningRoleArn"))).isEqualTo("${" + role.getKey() + ".Arn}");
        Map<String, Object> rp = Cfn.props(role.getValue());
        assertThat(Cfn.list(rp.get("ManagedPolicyArns"))).extracting(Cfn::text)
                .containsExactly("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSIoTThingsRegistration");
        assertThat(String.valueOf(rp.get("AssumeRolePolicyDocument"))).contains("iot.amazonaws.com");
    }

    @Test
    void fleet_thingTypeAndGroup_existWithTheFixedNames() {
        assertThat(Cfn.props(Cfn.one(template, "AWS::IoT::ThingType", "Devices").getValue()))
                .containsEntry("ThingTypeName", DeviceSecurity.THING_TYPE);
        assertThat(Cfn.props(Cfn.one(template, "AWS::IoT::ThingGroup", "Devices").getValue()))
                .containsEntry("ThingGroupName", DeviceSecurity.THING_GROUP);
        var template2 = Cfn.one(template, "AWS::IoT::ProvisioningTemplate", "Devices").getValue();
        assertThat(Cfn.list(template2.get("DependsOn"))).hasSize(3);
    }
}
