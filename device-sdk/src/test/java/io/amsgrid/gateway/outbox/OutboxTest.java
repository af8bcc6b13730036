package io.amsgrid.gateway.outbox;

import io.amsgrid.rules.MessageKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {
    @TempDir
    Path dir;

    private Outbox open(OutboxLimits limits) {
        return Outbox.open(dir, limits, Clock.systemUTC());
    }

    private static byte[] p(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> drain(Outbox o) {
        List<String> out = new ArrayList<>();
        for (Optional<OutboxEntry> next = o.peek(); next.isPresent(); next = o.peek()) {
            OutboxEntry e = next.get();
            o.read(e).ifPresent(b -> out.add(e.kind().topicPrefix() + ":" + new String(b, StandardCharsets.UTF_8)));
            o.remove(e);
        }
        return out;
    }

    @Test
    void add_thenReopen_survivesInOrderWithPfFirst() {
        Outbox o = open(OutboxLimits.DEFAULT);
        o.add(MessageKind.AVG, p("a1"));
        o.add(MessageKind.HR, p("h1"));
        o.add(MessageKind.PF, p("p1"));
        o.add(MessageKind.AVG, p("a2"));
        o.remove(o.peek().orElseThrow()); // pf published and acknowledged

        Outbox reopened = open(OutboxLimits.DEFAULT);
        assertThat(reopened.depth()).isEqualTo(3);
        reopened.add(MessageKind.AVG, p("a3"));
        assertThat(drain(reopened)).containsExactly("avg:a1", "hr:h1", "avg:a2", "avg:a3");
        assertThat(open(OutboxLimits.DEFAULT).depth()).isZero();
    }

    @Test
    void open_truncatedRecord_quarantinedAndSkipped() throws Exception {
        Outbox o = open(OutboxLimits.DEFAULT);
        o.add(MessageKind.AVG, p("first"));
        OutboxEntry torn = o.add(MessageKind.AVG, p("second-torn")).orElseThrow();
        o.add(MessageKind.AVG, p("third"));
        try (RandomAccessFile f = new RandomAccessFile(torn.file().toFile(), "rw")) {
            f.setLength(f.length() - 7); // power lost mid-write
        }
        Outbox reopened = open(OutboxLimits.DEFAULT);
        assertThat(reopened.corruptRecords()).isEqualTo(1);
        assertThat(drain(reopened)).containsExactly("avg:first", "avg:third");
        assertThat(dir.resolve("corrupt").resolve(torn.file().getFileName())).exists();
        // a new record never reuses the quarantined sequence number
        assertThat(open(OutboxLimits.DEFAULT).add(MessageKind.AVG, p("x")).orElseThrow().seq()).isGreaterThan(torn.seq());
    }

    @Test
    void open_flippedByteZeroFileAndTmpLeftover_allSkippedWithoutCrash() throws Exception {
        Outbox o = open(OutboxLimits.DEFAULT);
        OutboxEntry flipped = o.add(MessageKind.HR, p("hour")).orElseThrow();
        o.add(MessageKind.AVG, p("ok"));
        byte[] bytes = Files.readAllBytes(flipped.file());
        bytes[RecordFormat.HEADER + 1] ^= 0x10;
        Files.write(flipped.file(), bytes);
        Files.write(dir.resolve("0000000000000000099-avg.rec"), new byte[0]);
        Files.write(dir.resolve("0000000000000000100-avg.rec.tmp"), p("half"));
        Files.write(dir.resolve("notes.txt"), p("not a record"));

        Outbox reopened = open(OutboxLimits.DEFAULT);
        assertThat(reopened.corruptRecords()).isEqualTo(2);
        assertThat(drain(reopened)).containsExactly("avg:ok");
        assertThat(dir.resolve("0000000000000000100-avg.rec.tmp")).doesNotExist();
        assertThat(dir.resolve("notes.txt")).exists();
    }

    @Test
    void read_recordDamagedAfterOpen_emptyAndCounted() throws Exception {
        Outbox o = open(OutboxLimits.DEFAULT);
        OutboxEntry e = o.add(MessageKind.AVG, p("abc")).orElseThrow();
        Files.write(e.file(), p("garbage"));
        assertThat(o.read(e)).isEmpty();
        assertThat(o.corruptRecords()).isEqualTo(1);
        assertThat(o.depth()).isZero();
    }

    @Test
    void add_overMessageLimit_dropsOldestRawThenAvgNeverHrOrPf() {
        Outbox o = open(new OutboxLimits(3, 1_000_000));
        o.add(MessageKind.HR, p("h1"));
        o.add(MessageKind.AVG, p("a1"));
        o.add(MessageKind.RAW, p("r1"));
        o.add(MessageKind.AVG, p("a2"));   // drops r1
        o.add(MessageKind.PF, p("p1"));    // drops a1
        o.add(MessageKind.HR, p("h2"));    // drops a2
        o.add(MessageKind.HR, p("h3"));    // nothing droppable: kept beyond the limit
        assertThat(o.add(MessageKind.AVG, p("a3"))).isEmpty(); // the new avg itself is dropped
        assertThat(o.dropped()).containsEntry(MessageKind.RAW, 1L).containsEntry(MessageKind.AVG, 3L)
                .containsEntry(MessageKind.HR, 0L).containsEntry(MessageKind.PF, 0L);
        assertThat(drain(o)).containsExactly("pf:p1", "hr:h1", "hr:h2", "hr:h3");
    }

    @Test
    void add_encoderGetsSequence_neverReusedAfterEmptyingAndReopening() {
        Outbox o = open(OutboxLimits.DEFAULT);
        long first = o.add(MessageKind.AVG, seq -> p("seq " + seq)).orElseThrow().seq();
        assertThat(new String(o.read(o.peek().orElseThrow()).orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("seq " + first);
        drain(o);
        long second = open(OutboxLimits.DEFAULT).add(MessageKind.AVG, p("x")).orElseThrow().seq();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void add_overByteLimit_newRawDoesNotEvictAvg() {
        Outbox o = open(new OutboxLimits(100, 10));
        o.add(MessageKind.AVG, p("12345678"));
        assertThat(o.add(MessageKind.RAW, p("abcdef"))).isEmpty();
        assertThat(o.dropped()).containsEntry(MessageKind.RAW, 1L).containsEntry(MessageKind.AVG, 0L);
        assertThat(o.bytes()).isEqualTo(8);
    }
}
