package io.amsgrid.local.rules;

import io.amsgrid.rules.TopicRule;

import java.util.Map;

/** Where a rule's action sends its output: locally, the same Lambda handler class as in AWS. */
@FunctionalInterface
public interface RuleTarget {
    /** Handles one rule output; an exception is a function error (retried like an async invoke). */
    void invoke(TopicRule rule, Map<String, Object> event) throws Exception;
}
