package io.amsgrid.rules;

/**
 * One AWS IoT topic rule: the same definition is deployed by the CDK app and executed by the
 * local rules engine in test-infra, so the two cannot drift.
 *
 * @param name        the IoT rule name ({@code [a-zA-Z0-9_]+})
 * @param kind        the message kind it routes
 * @param topicFilter the MQTT topic filter in the FROM clause
 * @param sql         the complete rule SQL (version {@link IngestRules#SQL_VERSION})
 * @param handler     the Lambda handler the rule invokes, {@code class::method}
 */
public record IngestRule(String name, MessageKind kind, String topicFilter, String sql, String handler)
        implements TopicRule {
}
