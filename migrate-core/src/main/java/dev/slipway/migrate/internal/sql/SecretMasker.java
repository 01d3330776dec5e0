package dev.slipway.migrate.internal.sql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the secrets a statement carries before its text is shown or stored (failure messages, the history's
 * {@code logs}, the endpoint, lint findings, data-loss refusals). It reads the statement with {@link SqlLexer}, so a
 * keyword inside a string or comment is never taken for one, and replaces each secret string literal (any quoting:
 * {@code '...'}, {@code E'...'}, {@code $tag$...$tag$}) by {@code '***'}:
 * <ol>
 *   <li>a literal right after a word or quoted identifier that names a secret: {@code PASSWORD 'x'} and
 *       {@code ENCRYPTED PASSWORD 'x'} of {@code CREATE/ALTER ROLE|USER}, {@code password 'x'} (and
 *       {@code passwd}, {@code secret}, {@code token}, {@code ..._key} options) in the {@code OPTIONS (...)} of
 *       {@code CREATE/ALTER SERVER} and {@code USER MAPPING}, and after such a name and {@code =} or {@code TO}
 *       ({@code SET app.api_key = 'x'});</li>
 *   <li>the key, password or plain text arguments of pgcrypto's functions ({@code pgp_sym_encrypt(data, 'key')},
 *       {@code pgp_sym_decrypt}, {@code pgp_pub_decrypt}, {@code encrypt}, {@code decrypt}, {@code encrypt_iv},
 *       {@code decrypt_iv}, {@code hmac}, and the password of {@code crypt('password', salt)}), including literals
 *       nested in those arguments ({@code decode('00ff', 'hex')});</li>
 *   <li>in any other literal, only the password of a connection string: {@code postgresql://user:***@host} and
 *       {@code password=***} of a conninfo or a URL's query (a quoted conninfo value hides the whole literal).</li>
 * </ol>
 * PostgreSQL may repeat a literal in its own error ({@code syntax error at or near "'x'"}): {@link #secretsOf}
 * returns the hidden values, and {@link Secrets#maskIn} hides them in any other text.
 */
public final class SecretMasker {

    /** What a secret is replaced by inside a text. */
    public static final String MASK = "***";

    private static final String MASKED_LITERAL = "'" + MASK + "'";

    /** Secret arguments (1-based) of pgcrypto's functions that take keys or passwords. */
    private static final Map<String, Set<Integer>> CRYPTO_ARGUMENTS = Map.ofEntries(
            Map.entry("pgp_sym_encrypt", Set.of(1, 2)),
            Map.entry("pgp_sym_encrypt_bytea", Set.of(1, 2)),
            Map.entry("pgp_sym_decrypt", Set.of(2)),
            Map.entry("pgp_sym_decrypt_bytea", Set.of(2)),
            Map.entry("pgp_pub_encrypt", Set.of(1)),
            Map.entry("pgp_pub_encrypt_bytea", Set.of(1)),
            Map.entry("pgp_pub_decrypt", Set.of(2, 3)),
            Map.entry("pgp_pub_decrypt_bytea", Set.of(2, 3)),
            Map.entry("encrypt", Set.of(1, 2)),
            Map.entry("decrypt", Set.of(2)),
            Map.entry("encrypt_iv", Set.of(1, 2)),
            Map.entry("decrypt_iv", Set.of(2)),
            Map.entry("hmac", Set.of(2)),
            Map.entry("crypt", Set.of(1)));

    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^:/@\\s'\"]*:)([^@\\s'\"/]+)(@)");

    private static final Pattern CONNINFO_PASSWORD =
            Pattern.compile("(?i)((?<![a-z0-9_])(?:ssl)?password\\s*=\\s*)([^\\s&;]*)");

    /** Shorter secrets are hidden in other text only where they appear quoted, so that "ab" does not eat words. */
    private static final int MIN_BARE_SECRET_LENGTH = 4;

    private SecretMasker() {}

    /**
     * The statement with its secrets replaced, and their values hidden wherever else the statement repeats them;
     * the text itself when it has none.
     */
    public static String mask(String sql) {
        if (sql == null || sql.isEmpty()) {
            return sql;
        }
        Scan scan = scan(sql);
        return scan.secrets().maskIn(scan.masked());
    }

    /** The secret values of a statement, to hide them wherever else they might be repeated. */
    public static Secrets secretsOf(String sql) {
        if (sql == null || sql.isEmpty()) {
            return Secrets.NONE;
        }
        return scan(sql).secrets();
    }

    /** The secrets of one statement. */
    public static final class Secrets {

        static final Secrets NONE = new Secrets(List.of());

        private final List<String> values;

        private Secrets(List<String> values) {
            // longest first, so that a secret containing another is hidden whole
            List<String> sorted = new ArrayList<>(values);
            sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
            this.values = List.copyOf(sorted);
        }

        public boolean isEmpty() {
            return values.isEmpty();
        }

        public List<String> values() {
            return values;
        }

        /** The text with every occurrence of these secrets replaced by {@value #MASK}; null stays null. */
        public String maskIn(String text) {
            if (text == null || values.isEmpty()) {
                return text;
            }
            String result = text;
            for (String value : values) {
                if (value.length() >= MIN_BARE_SECRET_LENGTH) {
                    result = result.replace(value, MASK);
                } else {
                    result = result.replace("'" + value + "'", MASKED_LITERAL)
                            .replace("\"" + value + "\"", "\"" + MASK + "\"");
                }
            }
            return result;
        }
    }

    private record Scan(String masked, Secrets secrets) {}

    /** An open parenthesis: the secret arguments of the function it calls (null for any other), and the argument. */
    private static final class Frame {
        final Set<Integer> secretArguments;
        int argument = 1;

        Frame(Set<Integer> secretArguments) {
            this.secretArguments = secretArguments;
        }

        boolean inSecretArgument() {
            return secretArguments != null && secretArguments.contains(argument);
        }
    }

    private static Scan scan(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        StringBuilder out = null;
        int copied = 0;
        Set<String> secrets = new LinkedHashSet<>();
        Deque<Frame> frames = new ArrayDeque<>();
        Set<Integer> calledFunction = null;
        boolean afterSecretName = false;
        boolean afterSecretNameAndAssign = false;
        while (lexer.nextSignificant()) {
            SqlLexer.Kind kind = lexer.kind();
            String replacement = null;
            if (isLiteral(kind)) {
                String token = lexer.text();
                if (afterSecretName || afterSecretNameAndAssign || inSecretArgument(frames)) {
                    replacement = MASKED_LITERAL;
                    addSecret(secrets, token, kind);
                } else {
                    String hidden = maskConnectionPassword(token, secrets);
                    if (!hidden.equals(token)) {
                        replacement = hidden;
                    }
                }
            }
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(sql.length());
                }
                out.append(sql, copied, lexer.start()).append(replacement);
                copied = lexer.end();
            }
            // what the next token sees
            boolean secretName = isSecretName(lexer);
            afterSecretNameAndAssign = afterSecretName && (isOther(lexer, "=") || lexer.isWord("TO"));
            afterSecretName = secretName;
            if (kind == SqlLexer.Kind.OPEN_PAREN) {
                frames.push(new Frame(calledFunction));
            } else if (kind == SqlLexer.Kind.CLOSE_PAREN) {
                frames.poll();
            } else if (isOther(lexer, ",") && !frames.isEmpty()) {
                frames.peek().argument++;
            }
            calledFunction = kind == SqlLexer.Kind.WORD
                    ? CRYPTO_ARGUMENTS.get(lexer.text().toLowerCase(Locale.ROOT))
                    : null;
        }
        if (out == null) {
            return new Scan(sql, new Secrets(List.copyOf(secrets)));
        }
        out.append(sql, copied, sql.length());
        return new Scan(out.toString(), new Secrets(List.copyOf(secrets)));
    }

    private static boolean inSecretArgument(Deque<Frame> frames) {
        for (Frame frame : frames) {
            if (frame.inSecretArgument()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLiteral(SqlLexer.Kind kind) {
        return kind == SqlLexer.Kind.STRING
                || kind == SqlLexer.Kind.ESCAPE_STRING
                || kind == SqlLexer.Kind.DOLLAR_STRING;
    }

    private static boolean isOther(SqlLexer lexer, String character) {
        return lexer.kind() == SqlLexer.Kind.OTHER
                && lexer.end() - lexer.start() == 1
                && lexer.text().equals(character);
    }

    /** Whether the token is a word or quoted identifier naming a password, key or other secret. */
    private static boolean isSecretName(SqlLexer lexer) {
        String name;
        if (lexer.kind() == SqlLexer.Kind.WORD) {
            name = lexer.text();
        } else if (lexer.kind() == SqlLexer.Kind.QUOTED_IDENTIFIER && lexer.terminated()) {
            String text = lexer.text();
            int open = text.indexOf('"');
            name = text.substring(open + 1, text.length() - 1).replace("\"\"", "\"");
        } else {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return n.contains("passw")
                || n.contains("passphrase")
                || n.contains("secret")
                || n.contains("token")
                || n.contains("credential")
                || n.equals("pwd")
                || n.endsWith("_pwd")
                || n.equals("key")
                || n.endsWith("_key")
                || n.endsWith("apikey")
                || n.equals("private_key");
    }

    /** Records a hidden literal: its text as written and its value, as PostgreSQL may quote either. */
    private static void addSecret(Set<String> secrets, String token, SqlLexer.Kind kind) {
        String value = switch (kind) {
            case DOLLAR_STRING -> {
                int tagEnd = token.indexOf('$', 1) + 1;
                int close = token.lastIndexOf('$', token.length() - 2);
                yield tagEnd > 0 && close >= tagEnd ? token.substring(tagEnd, close) : token;
            }
            case STRING, ESCAPE_STRING -> {
                int open = token.indexOf('\'');
                int close = token.endsWith("'") && token.length() > open + 1 ? token.length() - 1 : token.length();
                String inner = token.substring(open + 1, close);
                secrets.add(inner);
                String unescaped = inner.replace("''", "'");
                yield kind == SqlLexer.Kind.ESCAPE_STRING
                        ? unescaped.replace("\\'", "'").replace("\\\\", "\\")
                        : unescaped;
            }
            default -> token;
        };
        if (!value.isEmpty()) {
            secrets.add(value);
        }
        secrets.remove("");
    }

    /** Hides the password of a connection string in a literal: a URI's {@code user:password@}, a conninfo's. */
    private static String maskConnectionPassword(String token, Set<String> secrets) {
        String result = token;
        if (result.contains("://")) {
            Matcher uri = URI_PASSWORD.matcher(result);
            StringBuilder b = new StringBuilder();
            while (uri.find()) {
                secrets.add(uri.group(2));
                uri.appendReplacement(b, Matcher.quoteReplacement(uri.group(1) + MASK + uri.group(3)));
            }
            uri.appendTail(b);
            result = b.toString();
        }
        if (result.toLowerCase(Locale.ROOT).contains("password")) {
            Matcher conninfo = CONNINFO_PASSWORD.matcher(result);
            StringBuilder b = new StringBuilder();
            while (conninfo.find()) {
                String value = conninfo.group(2);
                if (value.startsWith("'") || value.startsWith("\\")) {
                    // a quoted conninfo value: where it ends is not worth guessing, hide the whole literal
                    secrets.add(token);
                    return MASKED_LITERAL;
                }
                if (value.isEmpty()) {
                    conninfo.appendReplacement(b, Matcher.quoteReplacement(conninfo.group()));
                    continue;
                }
                String cut = value.endsWith("'") ? value.substring(0, value.length() - 1) : value;
                int dollar = cut.indexOf('$');
                if (dollar >= 0 && token.startsWith("$")) {
                    cut = cut.substring(0, dollar);
                }
                if (cut.isEmpty()) {
                    conninfo.appendReplacement(b, Matcher.quoteReplacement(conninfo.group()));
                    continue;
                }
                secrets.add(cut);
                conninfo.appendReplacement(
                        b, Matcher.quoteReplacement(conninfo.group(1) + MASK + value.substring(cut.length())));
            }
            conninfo.appendTail(b);
            result = b.toString();
        }
        return result;
    }
}
