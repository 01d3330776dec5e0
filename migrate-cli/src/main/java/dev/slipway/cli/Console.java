package dev.slipway.cli;

import java.io.PrintStream;

/**
 * Where a command writes: results to stdout, progress and errors to stderr. On a terminal, colour and progress
 * lines that rewrite themselves; otherwise (a pipe, a CI log) plain text, and progress only as whole lines, once.
 * {@code NO_COLOR} turns colour off on a terminal too. Safe to call from a progress thread as well as the command's.
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean colour;
    private boolean progressShown;

    Console(PrintStream out, PrintStream err, boolean terminal, boolean colour) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.colour = colour;
    }

    static Console system() {
        boolean terminal = isTerminal(System.console());
        String noColor = System.getenv("NO_COLOR");
        return new Console(System.out, System.err, terminal, terminal && (noColor == null || noColor.isEmpty()));
    }

    /**
     * Whether stdin and stdout are a terminal. Up to Java 21 there is a console only then; from Java 22 there may be
     * one in a pipe too, and {@code Console.isTerminal()} (looked up, as this runs on Java 17) tells.
     */
    static boolean isTerminal(java.io.Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    boolean terminal() {
        return terminal;
    }

    synchronized void println(String line) {
        clearProgress();
        out.println(line);
        out.flush();
    }

    synchronized void error(String text) {
        clearProgress();
        err.println(text);
        err.flush();
    }

    /** A progress line: rewritten in place on a terminal; elsewhere printed as a line of its own. */
    synchronized void progress(String line) {
        if (terminal) {
            err.print("\r\033[K" + line);
            err.flush();
            progressShown = true;
        } else {
            err.println(line);
            err.flush();
        }
    }

    /**
     * A block of progress lines on a terminal ({@code text} ends with a newline), replacing the {@code previous}
     * lines this method printed last; returns how many lines it printed, for the next call.
     */
    synchronized int block(String text, int previous) {
        clearProgress();
        if (previous > 0) {
            err.print("\033[" + previous + "A\r\033[J");
        }
        err.print(text);
        err.flush();
        return (int) text.chars().filter(c -> c == '\n').count();
    }

    synchronized void clearProgress() {
        if (progressShown) {
            err.print("\r\033[K");
            err.flush();
            progressShown = false;
        }
    }

    String green(String text) {
        return paint("32", text);
    }

    String yellow(String text) {
        return paint("33", text);
    }

    String red(String text) {
        return paint("31", text);
    }

    String bold(String text) {
        return paint("1", text);
    }

    private String paint(String code, String text) {
        return colour ? "\033[" + code + "m" + text + "\033[0m" : text;
    }
}
