package dev.slipway.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What was measured of one contender, round by round. */
final class Measurements {

    /** One round: one apply on a fresh database, then the no-op runs on it; wall-clock and this JVM's CPU time. */
    record Round(Samples apply, Samples applyCpu, Samples noop, Samples noopCpu) {

        Round() {
            this(new Samples(), new Samples(), new Samples(), new Samples());
        }

        String describe() {
            String described = String.format("apply %.0f ms", apply.medianMillis());
            return noop.isEmpty() ? described : described + String.format(", no-op %.1f ms", noop.medianMillis());
        }
    }

    private final List<Round> rounds = new ArrayList<>();

    void add(Round round) {
        rounds.add(round);
    }

    List<Round> rounds() {
        return List.copyOf(rounds);
    }

    /** Every apply of every round. */
    Samples apply() {
        return merged(Round::apply);
    }

    /** Every no-op run of every round. */
    Samples noop() {
        return merged(Round::noop);
    }

    Samples applyCpu() {
        return merged(Round::applyCpu);
    }

    Samples noopCpu() {
        return merged(Round::noopCpu);
    }

    /** The given part of every round. */
    Samples merged(Function<Round, Samples> part) {
        Samples merged = new Samples();
        rounds.forEach(round -> part.apply(round).nanos().forEach(merged::add));
        return merged;
    }
}
