package io.amsgrid.lambdas.export;

import io.amsgrid.rules.MessageKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * What to export: local dates {@code from..to} (inclusive), one thing or all ({@code null}), the
 * kinds. From an EventBridge schedule: the day before the event's time, all things, all kinds.
 * On demand: {@code {"thing": T?, "kind": K?, "from": "yyyy-mm-dd", "to": "yyyy-mm-dd"}}.
 */
public record ExportRequest(LocalDate from, LocalDate to, String thing, List<MessageKind> kinds) {
    /** Kinds with a CSV form. */
    public static final List<MessageKind> CSV_KINDS = List.of(MessageKind.AVG, MessageKind.HR, MessageKind.PF);
    static final int MAX_DAYS = 366;

    /** Reads the invocation event; {@link IllegalArgumentException} says what is wrong. */
    public static ExportRequest parse(Map<String, Object> event, ZoneId zone) {
        if (event == null) {
            throw new IllegalArgumentException("empty event: send {\"from\": \"yyyy-mm-dd\", \"to\": \"yyyy-mm-dd\"}");
        }
        if ("aws.events".equals(event.get("source")) || "Scheduled Event".equals(event.get("detail-type"))) {
            Object time = event.get("time");
            Instant at;
            try {
                at = time instanceof String t ? Instant.parse(t) : Instant.now();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("scheduled event time \"" + time + "\" is not an ISO-8601 instant");
            }
            LocalDate yesterday = LocalDate.ofInstant(at, zone).minusDays(1);
            return new ExportRequest(yesterday, yesterday, null, CSV_KINDS);
        }
        LocalDate from = date(event, "from");
        LocalDate to = date(event, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("\"to\" " + to + " is before \"from\" " + from);
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new IllegalArgumentException("at most " + MAX_DAYS + " days per request, asked for " + from + ".." + to);
        }
        Object thing = event.get("thing");
        if (thing != null && !(thing instanceof String)) {
            throw new IllegalArgumentException("\"thing\" must be a string");
        }
        Object kind = event.get("kind");
        List<MessageKind> kinds = CSV_KINDS;
        if (kind != null) {
            MessageKind k = CSV_KINDS.stream().filter(c -> c.topicPrefix().equals(kind)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("\"kind\" must be avg, hr or pf, was " + kind));
            kinds = List.of(k);
        }
        return new ExportRequest(from, to, (String) thing, kinds);
    }

    private static LocalDate date(Map<String, Object> event, String field) {
        Object value = event.get(field);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("\"" + field + "\" is required, as \"yyyy-mm-dd\"");
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + field + "\" \"" + s + "\" is not a date yyyy-mm-dd");
        }
    }
}
