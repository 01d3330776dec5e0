package dev.slipway.migrate.test;

import java.util.ArrayList;
import java.util.List;

/** The databases of one test class: the one injected, plus those from {@link TestDatabase#createAnother}. */
final class ClassDatabases {

    private final PostgresServer server;
    private final String className;
    private final List<TestDatabase> created = new ArrayList<>();
    private final TestDatabase main;

    ClassDatabases(PostgresServer server, String className) {
        this.server = server;
        this.className = className;
        this.main = create(null);
    }

    TestDatabase main() {
        return main;
    }

    synchronized TestDatabase create(String hint) {
        String name = server.createDatabase(() -> DatabaseNames.generate(className, hint));
        TestDatabase database = new TestDatabase(server, this, name);
        created.add(database);
        return database;
    }

    /** Drops every database, newest first; the first failure is thrown after all were tried. */
    synchronized void dropAll() {
        RuntimeException failure = null;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                server.dropDatabase(created.get(i).name());
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        created.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
