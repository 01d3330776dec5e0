package dev.slipway.migrate.autoconfigure.actuate;

import dev.slipway.migrate.autoconfigure.actuate.SlipwayEndpoint.OperationRefusedException;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * Web extension of the {@link SlipwayEndpoint}: answers a refused write operation with an HTTP status that says
 * why, and the message in the body ({@code {"message": "..."}}):
 * <ul>
 *   <li>400 Bad Request when the endpoint knows no such operation or value (a backfill action other than
 *       {@code pause}, {@code resume} or {@code retry}, a resolution other than {@code applied} or
 *       {@code rolled-back}, a migrations action other than {@code contract} or {@code rollback}); the message names
 *       the allowed values. This is checked first, so it is answered whether or not write operations are enabled,</li>
 *   <li>403 Forbidden when write operations are disabled (or rollback is),</li>
 *   <li>404 Not Found when no migration has the version (or the rollback target), or no backfill the name,</li>
 *   <li>409 Conflict when the migration cannot be resolved (it did not fail, or it was never attempted and is to be
 *       rolled back), or the backfill's state does not
 *       allow the action (resuming a failed backfill, retrying one that did not fail, pausing a completed one), or the
 *       migrations cannot be rolled back now (a missing down file, a failed migration to settle first).</li>
 * </ul>
 * Every write operation takes a JSON body (its optional {@code reason} makes it one even when nothing else is
 * needed): a POST without {@code Content-Type: application/json}, as a cross-site HTML form sends, is refused with 415
 * Unsupported Media Type before the operation runs.
 */
@EndpointWebExtension(endpoint = SlipwayEndpoint.class)
public class SlipwayEndpointWebExtension {

    /** HTTP 403 Forbidden. */
    static final int STATUS_FORBIDDEN = 403;

    /** HTTP 409 Conflict. */
    static final int STATUS_CONFLICT = 409;

    private final SlipwayEndpoint delegate;

    /**
     * Creates the extension.
     * @param delegate the endpoint it extends
     */
    public SlipwayEndpointWebExtension(SlipwayEndpoint delegate) {
        this.delegate = Objects.requireNonNull(delegate, "'delegate' must not be null");
    }

    /**
     * Resolves a failed migration, or a pending one never attempted as applied, see
     * {@link SlipwayEndpoint#resolve(String, String)}.
     * @param version the migration's version
     * @param resolution {@code applied} or {@code rolled-back}
     * @param reason why the operator asks, logged (optional)
     * @return the migration in its new state, or the status and message of the refusal
     */
    @WriteOperation
    public WebEndpointResponse<OperationResponseBody> resolve(
            @Selector String version, String resolution, @Nullable String reason) {
        return answer(() -> this.delegate.resolve(version, resolution, reason));
    }

    /**
     * Pauses, resumes or retries a backfill, or rolls migrations back on
     * {@code /actuator/slipway/migrations/rollback/{version}}, see
     * {@link SlipwayEndpoint#backfill(String, String, String)}.
     * @param collection the path segment {@code backfills} (or {@code migrations})
     * @param name the backfill's name (or {@code rollback})
     * @param action {@code pause}, {@code resume} or {@code retry} (or the version to roll back to)
     * @param reason why the operator asks, logged (optional)
     * @return the backfill in its new state (or the migrations rolled back), or the status and message of the
     * refusal
     */
    @WriteOperation
    public WebEndpointResponse<OperationResponseBody> backfill(
            @Selector String collection, @Selector String name, @Selector String action, @Nullable String reason) {
        return answer(() -> this.delegate.backfill(collection, name, action, reason));
    }

    /**
     * Applies contract migrations, see {@link SlipwayEndpoint#migrations(String, String)}.
     * @param collection the path segment {@code migrations}
     * @param action {@code contract}
     * @param reason why the operator asks, logged (optional)
     * @return the migrations applied and those that wait, or the status and message of the refusal
     */
    @WriteOperation
    public WebEndpointResponse<OperationResponseBody> migrations(
            @Selector String collection, @Selector String action, @Nullable String reason) {
        return answer(() -> this.delegate.migrations(collection, action, reason));
    }

    /** The operation's answer, or its refusal with the status that says why. */
    private static WebEndpointResponse<OperationResponseBody> answer(Supplier<OperationResponseBody> operation) {
        try {
            return new WebEndpointResponse<>(operation.get());
        } catch (OperationRefusedException ex) {
            return new WebEndpointResponse<>(new RefusalDescriptor(ex.getMessage()), statusOf(ex.getReason()));
        }
    }

    private static int statusOf(OperationRefusedException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_OPERATION -> WebEndpointResponse.STATUS_BAD_REQUEST;
            case DISABLED -> STATUS_FORBIDDEN;
            case UNKNOWN_MIGRATION, UNKNOWN_BACKFILL -> WebEndpointResponse.STATUS_NOT_FOUND;
            case NOT_RESOLVABLE, BACKFILL_STATE_CONFLICT, MIGRATIONS_CONFLICT -> STATUS_CONFLICT;
        };
    }

    /**
     * Why a write operation was refused, and what to do.
     * @param message the explanation
     */
    public record RefusalDescriptor(String message) implements OperationResponseBody {}
}
