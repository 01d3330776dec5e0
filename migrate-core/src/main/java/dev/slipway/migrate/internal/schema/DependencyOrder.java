package dev.slipway.migrate.internal.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders objects so that each comes after the objects it depends on (a depth-first topological sort, stable: objects
 * with no order between them keep their input order). A cycle, which PostgreSQL's catalog cannot hold between the
 * objects ordered here, is broken at the point it is found.
 */
final class DependencyOrder {

    private DependencyOrder() {}

    /**
     * The objects, each after the ones of them it depends on.
     *
     * @param objects the objects to order
     * @param dependsOn for an object, the objects it depends on (others than those in {@code objects} are ignored)
     */
    static <T> List<T> dependenciesFirst(List<T> objects, Function<T, ? extends Iterable<T>> dependsOn) {
        Set<T> wanted = Set.copyOf(objects);
        Set<T> done = new LinkedHashSet<>();
        Set<T> visiting = new LinkedHashSet<>();
        for (T object : objects) {
            visit(object, wanted, dependsOn, done, visiting);
        }
        return new ArrayList<>(done);
    }

    /** The objects, each before the ones of them it depends on (the order to drop them in). */
    static <T> List<T> dependentsFirst(List<T> objects, Function<T, ? extends Iterable<T>> dependsOn) {
        List<T> order = dependenciesFirst(objects, dependsOn);
        Collections.reverse(order);
        return order;
    }

    private static <T> void visit(
            T object, Set<T> wanted, Function<T, ? extends Iterable<T>> dependsOn, Set<T> done, Set<T> visiting) {
        if (done.contains(object) || !visiting.add(object)) {
            return;
        }
        for (T dependency : dependsOn.apply(object)) {
            if (wanted.contains(dependency)) {
                visit(dependency, wanted, dependsOn, done, visiting);
            }
        }
        visiting.remove(object);
        done.add(object);
    }
}
