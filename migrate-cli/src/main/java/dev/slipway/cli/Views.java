package dev.slipway.cli;

import dev.slipway.migrate.LockHolder;
import dev.slipway.migrate.MigrationInfo;
import dev.slipway.migrate.backfill.BackfillStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Migrations, lock holders and backfills as text columns and as {@code --json} objects. */
final class Views {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Views() {}

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    static String lower(Enum<?> value) {
        return value == null ? "" : value.name().toLowerCase(Locale.ROOT);
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 1) {
            return duration.toMillis() + " ms";
        }
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7200) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    static String holder(LockHolder holder) {
        StringBuilder text = new StringBuilder("pid ").append(holder.pid());
        if (holder.applicationName() != null && !holder.applicationName().isEmpty()) {
            text.append(" (").append(holder.applicationName()).append(')');
        }
        if (holder.clientAddress() != null) {
            text.append(" from ").append(holder.clientAddress());
        }
        if (holder.since() != null) {
            text.append(", since ").append(time(holder.since()));
        }
        return text.toString();
    }

    static Map<String, Object> json(MigrationInfo m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", m.version());
        json.put("name", m.name());
        json.put("phase", m.phase());
        json.put("state", m.state());
        json.put("checksum", m.checksum());
        json.put("appliedChecksum", m.appliedChecksum());
        json.put("source", m.source());
        json.put("transactional", m.transactional());
        json.put("statementCount", m.statementCount());
        json.put("appliedSteps", m.appliedSteps());
        json.put("startedAt", m.startedAt());
        json.put("finishedAt", m.finishedAt());
        json.put("rolledBackAt", m.rolledBackAt());
        json.put("executionMs", m.executionMs());
        json.put("appliedBy", m.appliedBy());
        json.put("error", m.error());
        json.put("awaitingReason", m.awaitingReason());
        return json;
    }

    static Map<String, Object> json(LockHolder holder) {
        if (holder == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("pid", holder.pid());
        json.put("applicationName", holder.applicationName());
        json.put("clientAddress", holder.clientAddress());
        json.put("since", holder.since());
        json.put("state", holder.state());
        return json;
    }

    static Map<String, Object> json(BackfillStatus b) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", b.name());
        json.put("table", b.table());
        json.put("state", b.state());
        json.put("rowsProcessed", b.rowsProcessed());
        json.put("rowsUpdated", b.rowsUpdated());
        json.put("rowsEstimated", b.rowsEstimated());
        json.put("progress", b.progress());
        json.put("rowsPerSecond", b.rowsPerSecond());
        json.put("eta", b.eta());
        json.put("owner", b.owner());
        json.put("startedAt", b.startedAt());
        json.put("updatedAt", b.updatedAt());
        json.put("finishedAt", b.finishedAt());
        json.put("lastError", b.lastError());
        return json;
    }

    /** Backfills as a table: name, table, state, progress, rows, rate and ETA. */
    static String backfills(List<BackfillStatus> backfills) {
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"BACKFILL", "TABLE", "STATE", "PROGRESS", "ROWS", "RATE", "ETA"});
        for (BackfillStatus b : backfills) {
            rows.add(new String[] {
                b.name(),
                b.table(),
                b.state().name(),
                String.format(Locale.ROOT, "%.1f %%", b.progress() * 100),
                b.rowsProcessed() + (b.rowsEstimated() == null ? "" : " / " + b.rowsEstimated()),
                b.rowsPerSecond() > 0 ? String.format(Locale.ROOT, "%.0f rows/s", b.rowsPerSecond()) : "",
                b.etaIfKnown().map(Views::duration).orElse("")
            });
        }
        return table(rows);
    }

    /** Rows as columns padded to the widest cell; the last column is not padded. */
    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i < columns - 1 ? String.format("%-" + (width[i] + 2) + "s", row[i]) : row[i]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }
}
