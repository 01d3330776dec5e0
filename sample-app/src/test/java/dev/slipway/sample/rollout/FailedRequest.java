package dev.slipway.sample.rollout;

import java.time.Instant;

/**
 * A request of the load that failed: an unexpected status, an answer that contradicts what was written before, or
 * an I/O error.
 *
 * @param at when the request was sent
 * @param phase the rollout phase it was sent in
 * @param instance the instance it went to, e.g. {@code v2-1 (http://127.0.0.1:41234)}
 * @param method the HTTP method
 * @param path the path and query
 * @param requestBody the body sent, or empty
 * @param status the status answered, or -1 after an I/O error
 * @param responseBody the body answered (at most 2,000 characters), or empty
 * @param problem what was wrong, e.g. {@code expected 201} or the exception
 */
public record FailedRequest(
        Instant at,
        String phase,
        String instance,
        String method,
        String path,
        String requestBody,
        int status,
        String responseBody,
        String problem) {

    @Override
    public String toString() {
        return at + " [" + phase + "] " + method + " " + path + (requestBody.isEmpty() ? "" : " " + requestBody)
                + " -> " + instance + ": " + (status < 0 ? "no answer" : status + " " + responseBody) + " (" + problem
                + ")";
    }
}
