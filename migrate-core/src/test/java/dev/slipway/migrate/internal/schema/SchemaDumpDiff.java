package dev.slipway.migrate.internal.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two dumps for a failure message, in the manner of {@code diff -u}: lines only in the first start
 * with {@code -}, only in the second with {@code +}, with up to three lines of context around each change and
 * {@code @@ line} headers. Longest common subsequence over lines: dumps of test schemas are a few hundred lines.
 */
final class SchemaDumpDiff {

    private static final int CONTEXT = 3;

    private SchemaDumpDiff() {}

    /** The differences, or an empty string when the texts are equal. */
    static String of(String firstLabel, String first, String secondLabel, String second) {
        String[] a = first.split("\n", -1);
        String[] b = second.split("\n", -1);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        record Line(char mark, String text, int lineOfFirst, int lineOfSecond) {}
        List<Line> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(new Line(' ', a[i], i + 1, j + 1));
                i++;
                j++;
            } else if (j < b.length && (i == a.length || common[i][j + 1] >= common[i + 1][j])) {
                lines.add(new Line('+', b[j], i + 1, j + 1));
                j++;
            } else {
                lines.add(new Line('-', a[i], i + 1, j + 1));
                i++;
            }
        }
        StringBuilder out = new StringBuilder();
        int lastPrinted = -1;
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k).mark() == ' ') {
                continue;
            }
            int from = Math.max(k - CONTEXT, lastPrinted + 1);
            if (from > lastPrinted + 1 || lastPrinted < 0) {
                out.append("@@ ")
                        .append(firstLabel)
                        .append(" line ")
                        .append(lines.get(from).lineOfFirst())
                        .append(", ")
                        .append(secondLabel)
                        .append(" line ")
                        .append(lines.get(from).lineOfSecond())
                        .append(" @@\n");
            }
            int to = k;
            // extend over the following changes that are within the context of each other
            while (to + 1 < lines.size()) {
                int next = to + 1;
                while (next < lines.size() && lines.get(next).mark() == ' ' && next - to <= 2 * CONTEXT) {
                    next++;
                }
                if (next < lines.size() && lines.get(next).mark() != ' ') {
                    to = next;
                } else {
                    break;
                }
            }
            int until = Math.min(lines.size() - 1, to + CONTEXT);
            for (int p = from; p <= until; p++) {
                out.append(lines.get(p).mark()).append(lines.get(p).text()).append('\n');
            }
            lastPrinted = until;
            k = until;
        }
        if (out.length() == 0) {
            return "";
        }
        return "--- " + firstLabel + "\n+++ " + secondLabel + "\n" + out;
    }
}
