package io.innopoints.scoring.batch;

import io.innopoints.schemas.internal.EnterpriseProfile;
import io.innopoints.schemas.json.AvroJson;
import io.innopoints.schemas.topic.EventHeader;
import io.innopoints.schemas.topic.EventType;
import io.innopoints.schemas.validation.EventValidator;
import io.innopoints.schemas.validation.Problem;
import io.innopoints.schemas.validation.Validated;
import io.innopoints.scoring.profile.Profiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads an event log directory — one JSONL file per event type, {@code <dir>/<type>.jsonl} with the type ids of
 * {@link EventType} (registrations, patents, tech-contracts, tax-filings, credentials), one plain-JSON record per
 * line ({@link AvroJson}) — and folds every accepted event into its enterprise's profile. A line that is not a
 * valid record, or whose creditCode is not a valid credit code, is skipped and reported with file, line number and
 * reason (the stream sends the same records to its dead-letter topic). Blank lines are ignored; missing files are
 * empty logs.
 */
public final class EventLog {

    /** A skipped line. */
    public record Rejected(String file, long line, String reason) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + reason;
        }
    }

    /** The folded profiles (by credit code) and what was skipped. */
    public record Loaded(Map<String, EnterpriseProfile> profiles, long accepted, List<Rejected> rejected) {
    }

    private EventLog() {
    }

    /**
     * The record check of a pipeline running at {@code now}: the same semantic rules ingest and scoring-stream apply
     * ({@link EventValidator} with the default future tolerance), so the oracle skips exactly what they dead-letter.
     * A fixed instant keeps the oracle reproducible.
     */
    public static Function<SpecificRecord, Optional<String>> validatorCheck(Instant now) {
        return validatorCheck(new EventValidator(Clock.fixed(now, ZoneOffset.UTC), EventValidator.DEFAULT_FUTURE_TOLERANCE));
    }

    /** A record check from a validator: the summary of its problems, or empty. */
    public static Function<SpecificRecord, Optional<String>> validatorCheck(EventValidator validator) {
        return event -> {
            List<Problem> problems = validator.problems(event);
            return problems.isEmpty() ? Optional.empty() : Optional.of(Validated.invalid(problems).summary());
        };
    }

    /** Reads and validates as the pipeline does at processing time: against the wall clock. */
    public static Loaded read(Path dir) {
        return read(dir, Instant.now());
    }

    /** Reads and validates as a pipeline running at {@code now} would ({@link #validatorCheck(Instant)}). */
    public static Loaded read(Path dir, Instant now) {
        return read(dir, validatorCheck(now));
    }

    /**
     * Reads with a record check run after parsing: a non-empty answer rejects the line with that reason (plug in
     * the same semantic validator the stream applies before its dead-letter split).
     */
    public static Loaded read(Path dir, Function<SpecificRecord, Optional<String>> check) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("event log " + dir + " is not a directory");
        }
        Map<String, EnterpriseProfile> profiles = new HashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        long accepted = 0;
        for (EventType type : EventType.values()) {
            Path file = dir.resolve(type.id() + ".jsonl");
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                long number = 0;
                while ((line = in.readLine()) != null) {
                    number++;
                    if (line.isBlank()) {
                        continue;
                    }
                    Validated<? extends SpecificRecord> parsed = AvroJson.read(line, type.recordClass());
                    if (!parsed.isOk()) {
                        rejected.add(new Rejected(file.getFileName().toString(), number, parsed.summary()));
                        continue;
                    }
                    SpecificRecord event = parsed.value();
                    Optional<String> problem = check.apply(event);
                    if (problem.isPresent()) {
                        rejected.add(new Rejected(file.getFileName().toString(), number, problem.get()));
                        continue;
                    }
                    String code = EventHeader.of(event).creditCode();
                    EnterpriseProfile profile = profiles.computeIfAbsent(code, Profiles::empty);
                    profiles.put(code, Profiles.fold(profile, event).profile());
                    accepted++;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new Loaded(profiles, accepted, List.copyOf(rejected));
    }
}
