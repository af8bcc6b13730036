package io.amsgrid.cdk.constructs;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/** SQS queues the way amsgrid makes them: SSE (SQS-managed keys), TLS only, 14 days retention. */
final class Queues {
    /** The longest SQS allows: dead letters wait for a person. */
    static final Duration RETENTION = Duration.days(14);

    private Queues() {
    }

    /** A queue that holds failures (a dead-letter queue itself: nothing further behind it). */
    static Queue deadLetters(Construct scope, String id) {
        return Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .build();
    }

    /** A work queue with a dead-letter queue after {@code maxReceiveCount} failed receives. */
    static Queue withDeadLetters(Construct scope, String id, Queue deadLetters, int maxReceiveCount,
                                 Duration visibilityTimeout) {
        return Queue.Builder.create(scope, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .visibilityTimeout(visibilityTimeout)
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(maxReceiveCount).build())
                .build();
    }
}
