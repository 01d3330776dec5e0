package dev.slipway.migrate.internal.schema.source;

/** Hides passwords in connection strings that appear in messages. */
final class ServerLoginMasking {

    private ServerLoginMasking() {}

    static String mask(String text) {
        return text.replaceAll("(?i)([?&;](?:password|sslpassword)=)[^&;#]*", "$1****")
                .replaceAll("(://[^:@/?#]*:)[^@/?#]*@", "$1****@");
    }
}
