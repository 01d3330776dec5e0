package dev.slipway.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the user should do about a {@link SlipwayException}: text with references to {@linkplain Setting settings}
 * (some with a suggested value) that each front end names in its own terms. Rendered by
 * {@link #render(Function)} with the caller's name for each setting: a setting alone becomes its name
 * ({@code slipway.lock.wait-timeout}), a setting with a value {@code name=value}
 * ({@code slipway.baseline.version=20240101000000}, {@code --baseline-version=20240101000000}). {@link #toString()}
 * renders it in the neutral words of {@link Setting#neutral()} ("set the baseline version to 20240101000000"), as
 * the core's own messages do.
 *
 * <p>Built from a template whose {@code {}} placeholders take the {@link Setting}s and {@link Setting.Value}s in
 * order: {@code Action.of("To wait longer, raise {}.", Setting.LOCK_WAIT_TIMEOUT)}.
 */
public final class Action {

    private static final Action NONE = new Action(List.of());

    private final List<Object> parts;

    private Action(List<Object> parts) {
        this.parts = List.copyOf(parts);
    }

    /**
     * An action from a template and the settings for its {@code {}} placeholders.
     *
     * @param template the text, with one {@code {}} for each setting
     * @param settings {@link Setting}s and {@link Setting.Value}s, as many as the template has placeholders
     * @throws IllegalArgumentException when the counts differ or an argument is of another type
     */
    public static Action of(String template, Object... settings) {
        Objects.requireNonNull(template, "'template' must not be null");
        List<Object> parts = new ArrayList<>();
        int from = 0;
        int next = 0;
        for (int at = template.indexOf("{}"); at >= 0; at = template.indexOf("{}", from)) {
            if (next >= settings.length) {
                throw new IllegalArgumentException("'settings' has fewer values than the template has {}: " + template);
            }
            Object setting = settings[next++];
            if (!(setting instanceof Setting) && !(setting instanceof Setting.Value)) {
                throw new IllegalArgumentException("'settings' must hold Setting or Setting.Value, not " + setting);
            }
            if (at > from) {
                parts.add(template.substring(from, at));
            }
            parts.add(setting);
            from = at + 2;
        }
        if (next != settings.length) {
            throw new IllegalArgumentException("'settings' has more values than the template has {}: " + template);
        }
        if (from < template.length()) {
            parts.add(template.substring(from));
        }
        return new Action(parts);
    }

    /** An action that names no setting. */
    public static Action text(String text) {
        return text.isEmpty() ? NONE : new Action(List.of(text));
    }

    /** No action: the description says all there is. */
    public static Action none() {
        return NONE;
    }

    /** This action, then {@code other} after a line break; either may be empty. */
    public Action then(Action other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        List<Object> joined = new ArrayList<>(this.parts);
        joined.add("\n");
        joined.addAll(other.parts);
        return new Action(joined);
    }

    /** This action, then {@code other} on the same line. */
    public Action append(Action other) {
        List<Object> joined = new ArrayList<>(this.parts);
        joined.addAll(other.parts);
        return new Action(joined);
    }

    /** This action with its first letter in upper case, when it starts with text. */
    public Action capitalized() {
        if (isEmpty() || !(this.parts.get(0) instanceof String first) || first.isEmpty()) {
            return this;
        }
        List<Object> parts = new ArrayList<>(this.parts);
        parts.set(0, Character.toUpperCase(first.charAt(0)) + first.substring(1));
        return new Action(parts);
    }

    /** Whether there is nothing to say. */
    public boolean isEmpty() {
        return this.parts.isEmpty();
    }

    /** The settings this action names, in order, each once. */
    public List<Setting> settings() {
        return this.parts.stream()
                .map(part -> part instanceof Setting.Value value ? value.setting() : part)
                .filter(Setting.class::isInstance)
                .map(Setting.class::cast)
                .distinct()
                .toList();
    }

    /**
     * The action with each setting named by {@code names}: a setting alone as its name, a setting with a suggested
     * value as {@code name=value}.
     */
    public String render(Function<Setting, String> names) {
        StringBuilder text = new StringBuilder();
        for (Object part : this.parts) {
            if (part instanceof Setting setting) {
                text.append(names.apply(setting));
            } else if (part instanceof Setting.Value value) {
                text.append(names.apply(value.setting())).append('=').append(value.value());
            } else {
                text.append(part);
            }
        }
        return text.toString();
    }

    /** The action in neutral words: "raise the lock wait timeout", "set the baseline version to 20240101000000". */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Object part : this.parts) {
            if (part instanceof Setting setting) {
                text.append(setting.neutral());
            } else if (part instanceof Setting.Value value) {
                text.append(value.setting().neutral()).append(" to ").append(value.value());
            } else {
                text.append(part);
            }
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Action action && action.parts.equals(this.parts);
    }

    @Override
    public int hashCode() {
        return this.parts.hashCode();
    }
}
