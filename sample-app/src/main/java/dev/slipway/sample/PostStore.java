package dev.slipway.sample;

import java.util.List;
import java.util.Optional;

/**
 * Reads and writes posts. {@link V1PostStore} serves release v1, which has no slugs; {@link SlugPostStore} serves
 * v2 and v3, which write a unique slug with every new post.
 */
public interface PostStore {

    /** The posts of one user, newest first (served by {@code posts_user_id_created_at_idx}). */
    List<Post> findByUser(long userId);

    /** The post with the given id, if any. */
    Optional<Post> findById(long id);

    /** The newest posts of all users. */
    List<Post> findLatest(int limit);

    /** Creates a post by the given user, who must exist. */
    Post create(long userId, String title, String body);
}
