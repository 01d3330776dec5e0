package dev.slipway.sample;

import static dev.slipway.sample.RequestChecks.requireText;

import java.net.URI;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /users}: list, read, create and rename users, in every release (see {@link UserStore}). */
@RestController
@RequestMapping("/users")
public class UserController {

    private final UserStore users;

    public UserController(UserStore users) {
        this.users = users;
    }

    /** {@code GET /users}: every user. */
    @GetMapping
    public List<User> list() {
        return users.findAll();
    }

    /** {@code GET /users/{id}}: one user, or 404. */
    @GetMapping("/{id}")
    public User get(@PathVariable long id) {
        return users.findById(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + id));
    }

    /** {@code POST /users}: creates a user; 201 with its location, 400 without email or name, 409 for a taken email. */
    @PostMapping
    public ResponseEntity<User> create(@RequestBody NewUser request) {
        String email = requireText(request.email(), "email");
        String name = requireText(request.name(), "name");
        try {
            User user = users.create(email, name);
            return ResponseEntity.created(URI.create("/users/" + user.id())).body(user);
        } catch (DuplicateKeyException ex) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A user with email " + email + " already exists");
        }
    }

    /** {@code PUT /users/{id}} with {@code {"name": "..."}}: renames a user; 200 with the user, 400 without name, 404. */
    @PutMapping("/{id}")
    public User rename(@PathVariable long id, @RequestBody Rename request) {
        String name = requireText(request.name(), "name");
        return users.rename(id, name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No user with id " + id));
    }

    /**
     * Body of {@code PUT /users/{id}}.
     *
     * @param name the new display name
     */
    public record Rename(String name) {}

    /**
     * Body of {@code POST /users}.
     *
     * @param email the e-mail address, unique among users
     * @param name the display name
     */
    public record NewUser(String email, String name) {}
}
