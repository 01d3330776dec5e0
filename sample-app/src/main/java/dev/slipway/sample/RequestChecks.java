package dev.slipway.sample;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Checks of request bodies that answer 400 Bad Request with a message naming the field. */
final class RequestChecks {

    private RequestChecks() {}

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'" + field + "' must not be blank");
        }
        return value.strip();
    }
}
