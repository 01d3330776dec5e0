package dev.slipway.cli;

import picocli.CommandLine.Option;

/** {@code --shadow-url} of the commands that replay into scratch databases: {@code diff}, {@code drift}, {@code dev}. */
final class ShadowOption {

    @Option(
            names = "--shadow-url",
            paramLabel = "<url>",
            order = 40,
            description = "A database Slipway may empty, to replay into when the login may not create scratch "
                    + "databases. Everything in it is dropped, before and after.")
    String url;
}
