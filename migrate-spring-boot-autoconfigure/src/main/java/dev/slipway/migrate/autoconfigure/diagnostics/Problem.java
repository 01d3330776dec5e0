package dev.slipway.migrate.autoconfigure.diagnostics;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A one-paragraph problem of Slipway's core, "what is wrong. What to do.", split at its first sentence (or, for
 * the lexer's messages, at "here; close it ..."). When it cannot be split, all of it is what is wrong.
 *
 * @param what what is wrong
 * @param fix what to do, if the text says it in a sentence of its own
 */
record Problem(String what, Optional<String> fix) {

    /** A full stop or semicolon that ends a clause: not the one of "e.g." or "i.e.". */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<!\\be\\.g|\\bi\\.e)\\. (?=[A-Z])");

    private static final Pattern CLAUSE_END = Pattern.compile("; (?=[a-z])");

    static Problem of(String text) {
        String stripped = text.strip();
        Matcher sentence = SENTENCE_END.matcher(stripped);
        if (sentence.find()) {
            return new Problem(stripped.substring(0, sentence.start() + 1),
                    Optional.of(stripped.substring(sentence.end())));
        }
        Matcher clause = CLAUSE_END.matcher(stripped);
        if (clause.find()) {
            String fix = stripped.substring(clause.end());
            return new Problem(capitalized(stripped.substring(0, clause.start())) + ".",
                    Optional.of(capitalized(fix)));
        }
        return new Problem(capitalized(stripped), Optional.empty());
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
