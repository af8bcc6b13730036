package io.amsgrid.rules;

/**
 * The certificate rotation rule (see {@link RotationRules}).
 *
 * @param name        the IoT rule name
 * @param topicFilter {@code amsgrid/rotation/+/csr}
 * @param sql         the rule SQL
 * @param handler     the rotation Lambda handler
 */
public record RotationRule(String name, String topicFilter, String sql, String handler) implements TopicRule {
}
