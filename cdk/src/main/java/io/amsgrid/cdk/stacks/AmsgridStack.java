package io.amsgrid.cdk.stacks;

import io.amsgrid.cdk.AppSettings;
import io.amsgrid.cdk.constructs.CertificateRotation;
import io.amsgrid.cdk.constructs.DailyExport;
import io.amsgrid.cdk.constructs.DeviceSecurity;
import io.amsgrid.cdk.constructs.IngestFunctions;
import io.amsgrid.cdk.constructs.Operations;
import io.amsgrid.cdk.constructs.ScheduledAnalysis;
import io.amsgrid.cdk.constructs.Storage;
import io.amsgrid.cdk.constructs.TopicRules;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * Everything amsgrid needs in one account and region. Construct ids are a contract (renaming one
 * replaces the resource): Storage, Functions, Rules, Devices, Rotation, Export, Analysis, Operations.
 */
public final class AmsgridStack extends Stack {
    private final Storage storage;
    private final IngestFunctions functions;
    private final TopicRules rules;
    private final DeviceSecurity devices;
    private final CertificateRotation rotation;
    private final ScheduledAnalysis analysis;
    private final Operations operations;

    public AmsgridStack(Construct scope, String id, StackProps props, AppSettings settings) {
        super(scope, id, props);
        storage = new Storage(this, "Storage", settings.deletionProtection());
        functions = new IngestFunctions(this, "Functions", settings, storage);
        rules = new TopicRules(this, "Rules", settings.route(), functions, storage);
        devices = new DeviceSecurity(this, "Devices", settings.ingest());
        rotation = new CertificateRotation(this, "Rotation", settings.lambdaJar(), devices.devicePolicy(), storage,
                functions.asyncFailures());
        new DailyExport(this, "Export", functions.export(), functions.asyncFailures());
        analysis = new ScheduledAnalysis(this, "Analysis", settings.analysis(), storage, functions.asyncFailures());

        Map<String, IQueue> deadLetters = new LinkedHashMap<>();
        deadLetters.put("AsyncFailures", functions.asyncFailures());
        rules.ingestDeadLetters().ifPresent(q -> deadLetters.put("IngestDeadLetters", q));
        operations = new Operations(this, "Operations", functions, analysis, rules.ingestQueue().map(q -> (IQueue) q),
                deadLetters, settings.silenceMinutes(), settings.alarmEmail());

        output("TableName", storage.table().getTableName(), "DynamoDB table of readings");
        output("BucketName", storage.bucket().getBucketName(), "S3 bucket: csv/, dead-letter/, reports/");
        output("ExportFunctionAlias", functions.export().alias().getFunctionArn(),
                "invoke for an on-demand export (./amsgrid data export)");
        output("AnalysisFunctionAlias", analysis.function().alias().getFunctionArn(),
                "invoke with {\"date\":\"yyyy-mm-dd\"} for an on-demand grid report (reports/<date>/)");
        output("DevicePolicyName", devices.devicePolicy().getRef(), "attach to every gateway certificate");
        output("ClaimPolicyName", devices.claimPolicy().getRef(), "attach to the fleet claim certificate");
        output("ProvisioningTemplateName", devices.template().getRef(), "fleet provisioning template");
        output("ThingTypeName", devices.thingType().getRef(), "thing type of gateways");
        output("ThingGroupName", devices.thingGroup().getRef(), "thing group of the fleet");
        output("AlarmTopicArn", operations.alarmTopic().getTopicArn(), "subscribe to get alarms");
        output("Ingest", settings.ingest().contextValue() + "/" + settings.route().contextValue(),
                "ingest mode / route of this deployment");
        output("DashboardName", operations.dashboard().getDashboardName(), "CloudWatch dashboard");
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public Storage storage() {
        return storage;
    }

    public IngestFunctions functions() {
        return functions;
    }

    public TopicRules rules() {
        return rules;
    }

    public DeviceSecurity devices() {
        return devices;
    }

    public CertificateRotation rotation() {
        return rotation;
    }

    public ScheduledAnalysis analysis() {
        return analysis;
    }

    public Operations operations() {
        return operations;
    }
}
