package dev.slipway.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** What was measured of one contender, round by round. */
final class Measurements {

    /** One round: one apply on a fresh database, then the no-op runs on it. */
    record Round(Samples apply, Samples noop) {

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

    /** The given part of every round. */
    Samples merged(Function<Round, Samples> part) {
        Samples merged = new Samples();
        rounds.forEach(round -> part.apply(round).nanos().forEach(merged::add));
        return merged;
    }
}
