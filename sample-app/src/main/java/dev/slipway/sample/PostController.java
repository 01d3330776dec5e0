package dev.slipway.sample;

import static dev.slipway.sample.RequestChecks.requireText;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /users/{userId}/posts} and {@code /posts}: write and read posts. */
@RestController
public class PostController {

    private static final int MAX_LIMIT = 100;

    private final PostStore posts;

    private final UserStore users;

    public PostController(PostStore posts, UserStore users) {
        this.posts = posts;
        this.users = users;
    }

    /** {@code GET /users/{userId}/posts}: the user's posts, newest first; 404 for an unknown user. */
    @GetMapping("/users/{userId}/posts")
    public List<Post> byUser(@PathVariable long userId) {
        requireUser(userId);
        return posts.findByUser(userId);
    }

    /** {@code POST /users/{userId}/posts}: creates a post; 201 with its location, 400 without title or body, 404 for an unknown user. */
    @PostMapping("/users/{userId}/posts")
    public ResponseEntity<Post> create(@PathVariable long userId, @RequestBody NewPost request) {
        String title = requireText(request.title(), "title");
        String body = requireText(request.body(), "body");
        requireUser(userId);
        Post post = posts.create(userId, title, body);
        return ResponseEntity.created(URI.create("/posts/" + post.id())).body(post);
    }

    /** {@code GET /posts/{id}}: one post, or 404. */
    @GetMapping("/posts/{id}")
    public Post get(@PathVariable long id) {
        return posts.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No post with id " + id));
    }

    /** {@code GET /posts?limit=20}: the newest posts of all users, at most 100. */
    @GetMapping("/posts")
    public List<Post> latest(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'limit' must be between 1 and " + MAX_LIMIT);
        }
        return posts.findLatest(limit);
    }

    private void requireUser(long userId) {
        if (!users.exists(userId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + userId);
        }
    }

    /**
     * Body of {@code POST /users/{userId}/posts}.
     *
     * @param title the title
     * @param body the text
     */
    public record NewPost(String title, String body) {}
}
