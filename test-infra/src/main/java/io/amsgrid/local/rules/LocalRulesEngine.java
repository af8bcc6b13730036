package io.amsgrid.local.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.amsgrid.local.mqtt.LocalBroker;
import io.amsgrid.local.mqtt.LocalCa;
import io.amsgrid.local.mqtt.LocalMqttClient;
import io.amsgrid.local.mqtt.BrokerLog;
import io.amsgrid.rules.TopicRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Runs the IoT rules locally: subscribes on the local broker to every rule's topic filter, builds
 * each rule's output with {@link RuleSql} exactly as AWS IoT would (same SQL, same fields), and
 * invokes the rule's target asynchronously, like the Lambda action's asynchronous invoke: a
 * function error is retried twice (AWS: after about 1 and 2 minutes; here after
 * {@code retryDelay}), then the event goes to the on-failure handler with the error, as to the
 * function's on-failure destination.
 *
 * <p>The rule definitions are the ones the CDK app deploys ({@code io.amsgrid.rules.IngestRules},
 * {@code RotationRules}), so the two cannot drift. {@code principal()} and {@code clientid()} come
 * from the broker's log ({@link BrokerLog}): locally {@code principal()} is the publisher's
 * certificate CN, not a certificate id as in AWS.
 *
 * <p>Rules that an {@link SqsAction} covers use the SQS action instead (the CDK app's batched
 * route): the rule output, serialized as JSON, is the message body ({@code useBase64} false), sent
 * to a {@link LocalSqsQueue} that a {@link LocalEventSourceMapping} reads. The other rules (e.g. the
 * rotation rule) still invoke the target.
 */
public final class LocalRulesEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRulesEngine.class);
    private static final int RETRIES = 2;

    /** An event whose invocation failed after the retries. */
    public record FailedEvent(TopicRule rule, Map<String, Object> event, Exception error) {
    }

    /**
     * The SQS action for the rules {@code routes} accepts: their output goes to {@code queue} as a
     * JSON message body.
     */
    public record SqsAction(LocalSqsQueue queue, Predicate<TopicRule> routes) {
    }

    private record Compiled(TopicRule rule, RuleSql sql, boolean queued) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Compiled> rules = new ArrayList<>();
    private final RuleTarget target;
    private final BiConsumer<FailedEvent, Integer> onFailure;
    private final Duration retryDelay;
    private final ExecutorService invoker;
    private final LocalMqttClient client;
    private final BrokerLog brokerLog;
    private final Map<String, AtomicLong> matchedByRule = new ConcurrentHashMap<>();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final LocalSqsQueue queue;

    private LocalRulesEngine(LocalBroker broker, List<? extends TopicRule> rules, RuleTarget target,
                             BiConsumer<FailedEvent, Integer> onFailure, int concurrency, Duration retryDelay,
                             SqsAction sqs) {
        this.queue = sqs == null ? null : sqs.queue();
        for (TopicRule r : rules) {
            RuleSql sql = RuleSql.parse(r.sql());
            if (!sql.topicFilter().equals(r.topicFilter())) {
                throw new IllegalArgumentException("rule " + r.name() + ": SQL reads '" + sql.topicFilter()
                        + "' but the rule says '" + r.topicFilter() + "'");
            }
            this.rules.add(new Compiled(r, sql, sqs != null && sqs.routes().test(r)));
            matchedByRule.put(r.name(), new AtomicLong());
        }
        this.target = target;
        this.onFailure = onFailure;
        this.retryDelay = retryDelay;
        this.invoker = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "local-lambda");
            t.setDaemon(true);
            return t;
        });
        this.brokerLog = this.rules.stream().anyMatch(c -> c.sql().needsPublisher()) ? new BrokerLog(broker.log()) : null;
        LocalCa.Issued cert = broker.ca().issueClient("iot-rules-engine");
        this.client = LocalMqttClient.connect(broker, cert, "iot-rules-engine", true);
        client.onMessage(m -> dispatch(m.topic(), m.payload(), System.currentTimeMillis()));
        for (Compiled c : this.rules) {
            client.subscribe(c.rule().topicFilter());
        }
    }

    /**
     * Starts the engine on {@code broker}.
     *
     * @param concurrency how many invocations run at once (the function's concurrency)
     * @param onFailure   gets each event that failed after the retries, with the attempts made
     */
    public static LocalRulesEngine start(LocalBroker broker, List<? extends TopicRule> rules, RuleTarget target,
                                         BiConsumer<FailedEvent, Integer> onFailure, int concurrency,
                                         Duration retryDelay) {
        return new LocalRulesEngine(broker, rules, target, onFailure, concurrency, retryDelay, null);
    }

    /**
     * As {@link #start(LocalBroker, List, RuleTarget, BiConsumer, int, Duration)}, with the rules that
     * {@code sqs} routes sending to its queue instead of invoking {@code target}.
     */
    public static LocalRulesEngine start(LocalBroker broker, List<? extends TopicRule> rules, RuleTarget target,
                                         BiConsumer<FailedEvent, Integer> onFailure, int concurrency,
                                         Duration retryDelay, SqsAction sqs) {
        return new LocalRulesEngine(broker, rules, target, onFailure, concurrency, retryDelay, sqs);
    }

    /** Evaluates every rule against one message; public so tests can drive it without a broker. */
    void dispatch(String topic, byte[] payload, long receivedAtMs) {
        for (Compiled c : rules) {
            if (c.sql().matches(topic)) {
                matchedByRule.get(c.rule().name()).incrementAndGet();
                RuleSql.Publisher publisher = null;
                if (c.sql().needsPublisher() && brokerLog != null) {
                    publisher = brokerLog.publisherOf(topic, payload.length, 2000)
                            .map(p -> new RuleSql.Publisher(p.certificateCommonName(), p.clientId())).orElse(null);
                    if (publisher == null) {
                        LOG.warn("rule {}: no publisher found in the broker log for a message on {}", c.rule().name(), topic);
                    }
                }
                Map<String, Object> event = c.sql().evaluate(topic, payload, receivedAtMs, publisher);
                if (c.queued()) {
                    send(c.rule(), event);
                    continue;
                }
                inFlight.incrementAndGet();
                invoker.execute(() -> invoke(c.rule(), event, 1));
            }
        }
    }

    private void send(TopicRule rule, Map<String, Object> event) {
        String body;
        try {
            body = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            // cannot happen for RuleSql's output (strings, numbers, parsed JSON); the error action's place
            failures.incrementAndGet();
            LOG.error("rule {}: cannot write the rule output as JSON for the SQS action: {}", rule.name(), e.toString());
            return;
        }
        queue.send(body);
    }

    private void invoke(TopicRule rule, Map<String, Object> event, int attempt) {
        try {
            invocations.incrementAndGet();
            target.invoke(rule, event);
            inFlight.decrementAndGet();
        } catch (Exception e) {
            if (attempt <= RETRIES) {
                LOG.warn("rule {}: function error on attempt {} ({}); retrying", rule.name(), attempt, e.toString());
                sleep(retryDelay);
                invoke(rule, event, attempt + 1);
            } else {
                failures.incrementAndGet();
                LOG.error("rule {}: function failed {} times; event to the on-failure destination: {}",
                        rule.name(), attempt, e.toString());
                onFailure.accept(new FailedEvent(rule, event, e), attempt);
                inFlight.decrementAndGet();
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages matched, per rule name. */
    public Map<String, Long> matchedByRule() {
        Map<String, Long> m = new java.util.TreeMap<>();
        matchedByRule.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public long invocations() {
        return invocations.get();
    }

    /**
     * Events matched and not yet handled: queued for an instance, running or waiting to retry, and
     * with an {@link SqsAction} also the messages in its queue (neither deleted nor dead-lettered).
     */
    public long inFlight() {
        return inFlight.get() + (queue == null ? 0 : queue.pending());
    }

    /** Events that failed after all retries. */
    public long failures() {
        return failures.get();
    }

    /** Waits until no invocation is pending or running; false on timeout. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (inFlight() > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        client.close();
        invoker.shutdown();
        try {
            if (!invoker.awaitTermination(10, TimeUnit.SECONDS)) {
                invoker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
