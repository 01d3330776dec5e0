package dev.slipway.sample.rollout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the load wrote to users: the name each user must have now. Every user belongs to one worker thread, which
 * alone renames it, so "the name last written" is well defined: the name of the last rename that the app
 * acknowledged. A user whose last write failed (no answer, or an error) is <em>uncertain</em>: the write may or may
 * not have happened, so it is left out of the checks (the failure itself is reported).
 */
public final class UserLedger {

    private final Map<Long, String> names = new ConcurrentHashMap<>();

    private final Set<Long> uncertain = ConcurrentHashMap.newKeySet();

    private final List<List<Long>> owned;

    /**
     * @param seeded the users that exist before the load starts, id to name
     * @param workers the number of worker threads; seeded users are dealt out among them
     */
    public UserLedger(Map<Long, String> seeded, int workers) {
        owned = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            owned.add(new ArrayList<>());
        }
        int i = 0;
        for (Map.Entry<Long, String> user : seeded.entrySet()) {
            names.put(user.getKey(), user.getValue());
            owned.get(i++ % workers).add(user.getKey());
        }
    }

    /** The users of one worker (only that worker reads or changes this list). */
    List<Long> ownedBy(int worker) {
        return owned.get(worker);
    }

    /** Records an acknowledged write: the user now has this name. */
    void written(long id, String name) {
        names.put(id, name);
        uncertain.remove(id);
    }

    /** Records a write whose outcome is unknown. */
    void uncertain(long id) {
        uncertain.add(id);
    }

    /** The name the user must have, or null when its last write is uncertain or the user is unknown. */
    public String expectedName(long id) {
        return uncertain.contains(id) ? null : names.get(id);
    }

    /** Every user whose name is certain, id to name. */
    public Map<Long, String> certainNames() {
        Map<Long, String> result = new java.util.HashMap<>(names);
        result.keySet().removeAll(uncertain);
        return result;
    }

    /** How many users are known (seeded and created by the load). */
    public int size() {
        return names.size();
    }
}
