package io.amsgrid.rules;

/**
 * An AWS IoT topic rule that invokes a Lambda handler: deployed by the CDK app, run by the local
 * rules engine in test-infra, from the same definition.
 */
public sealed interface TopicRule permits IngestRule, RotationRule {
    /** The IoT rule name ({@code [a-zA-Z0-9_]+}). */
    String name();

    /** The MQTT topic filter in the FROM clause. */
    String topicFilter();

    /** The complete rule SQL (version {@link IngestRules#SQL_VERSION}). */
    String sql();

    /** The Lambda handler the rule invokes, {@code class::method}. */
    String handler();
}
