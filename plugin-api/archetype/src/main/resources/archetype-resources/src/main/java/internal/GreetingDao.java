package ${package}.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The greetings table, as a Jdbi SqlObject (jdbi3-sqlobject: the host installs its plugin on every plugin's Jdbi).
 * Parameters are bound by name, which -parameters (pom.xml) keeps in the class files. Every query names its owner
 * although row-level security would hide other users' rows anyway: two locks, one of which the database keeps.
 */
@RegisterConstructorMapper(Greeting.class)
public interface GreetingDao {

    @SqlQuery("SELECT id, text, created_at FROM greetings WHERE owner_id = :ownerId ORDER BY id")
    List<Greeting> list(UUID ownerId);

    @SqlQuery("SELECT id, text, created_at FROM greetings WHERE owner_id = :ownerId AND id = :id")
    Optional<Greeting> find(UUID ownerId, long id);

    @SqlQuery("INSERT INTO greetings (owner_id, text) VALUES (:ownerId, :text) RETURNING id, text, created_at")
    Greeting insert(UUID ownerId, String text);
}
