package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.migrate.backfill.BackfillState;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BackfillWatch} on a terminal: the block of lines rewritten in place, and the exit code of each end. */
class BackfillWatchTests {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private final Console terminal = new Console(
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            true,
            false);

    @Test
    void rewritesOneLinePerBackfillInPlaceUntilEachIsSettled() throws InterruptedException {
        Iterator<List<BackfillStatus>> reads = List.of(
                        List.of(
                                status("a", BackfillState.RUNNING, 100, 10.0),
                                status("b", BackfillState.PENDING, 0, 0)),
                        List.of(status("a", BackfillState.RUNNING, 600, 50.0), status("b", BackfillState.PAUSED, 0, 0)),
                        List.of(status("a", BackfillState.COMPLETED, 1000, 0), status("b", BackfillState.PAUSED, 0, 0)))
                .iterator();

        List<BackfillStatus> last = new BackfillWatch(terminal, Duration.ofMillis(10)).watch(reads::next);

        assertThat(reads.hasNext()).isFalse();
        assertThat(BackfillWatch.exitCode(last)).isEqualTo(SlipwayCli.TO_DO);
        String shown = err.toString(StandardCharsets.UTF_8);
        assertThat(shown)
                .startsWith("a: RUNNING, 10.0 %, 100 / 1000 rows, 10 rows/s, ETA 90 s\n"
                        + "b: PENDING, 0.0 %, 0 / 1000 rows\n"
                        + "\033[2A\r\033[J"
                        + "a: RUNNING, 60.0 %, 600 / 1000 rows, 50 rows/s, ETA 8 s\n")
                .endsWith("\033[2A\r\033[Ja: COMPLETED, 100.0 %, 1000 / 1000 rows\nb: PAUSED, 0.0 %, 0 / 1000 rows\n");
    }

    @Test
    void exitsWithOneWhenABackfillFailedWhateverTheOthersDo() {
        assertThat(BackfillWatch.exitCode(
                        List.of(status("a", BackfillState.PAUSED, 0, 0), status("b", BackfillState.FAILED, 0, 0))))
                .isEqualTo(SlipwayCli.ERROR);
        assertThat(BackfillWatch.exitCode(List.of(status("a", BackfillState.COMPLETED, 1000, 0))))
                .isEqualTo(SlipwayCli.OK);
    }

    private static BackfillStatus status(String name, BackfillState state, long rows, double rate) {
        return new BackfillStatus(
                name,
                "public.users",
                state,
                rows,
                rows,
                1000L,
                state == BackfillState.COMPLETED ? 1.0 : rows / 1000.0,
                rate,
                null,
                100,
                false,
                null,
                null,
                null,
                null,
                null);
    }
}
