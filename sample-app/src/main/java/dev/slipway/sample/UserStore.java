package dev.slipway.sample;

import java.util.List;
import java.util.Optional;

/**
 * Reads and writes users. Each release of the app has its own implementation, selected by the Spring profile
 * {@code v1}, {@code v2} or {@code v3}, because each keeps the user's name in a different place:
 *
 * <ul>
 *   <li>{@link V1UserStore}: {@code users.name};</li>
 *   <li>{@link V2UserStore} (expand): writes {@code name} and {@code display_name}, reads
 *       {@code coalesce(display_name, name)};</li>
 *   <li>{@link V3UserStore} (contract): {@code users.display_name} only.</li>
 * </ul>
 */
public interface UserStore {

    /** Every user, oldest first. */
    List<User> findAll();

    /** The user with the given id, if any. */
    Optional<User> findById(long id);

    /** Whether a user with the given id exists. */
    boolean exists(long id);

    /**
     * Creates a user, with the domain of the e-mail address computed as the {@code users_email_domain} backfill
     * does ({@link UserBackfills}).
     * @throws org.springframework.dao.DuplicateKeyException when the e-mail address is taken
     */
    User create(String email, String name);

    /** Changes the name of a user; empty when there is no user with that id. */
    Optional<User> rename(long id, String name);
}
