package dev.slipway.cli;

import java.util.concurrent.Callable;
import java.util.function.Function;

/** A subcommand: it gets the console and the environment, and returns its exit code. */
abstract class CliCommand implements Callable<Integer> {

    Console console;
    Function<String, String> environment;

    void init(Console console, Function<String, String> environment) {
        this.console = console;
        this.environment = environment;
    }
}
