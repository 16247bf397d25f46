// A minimal launcher for Neo4j 5.26 Community embedded, run in source-file mode:
//   java -Xmx1g -cp 'lib/*' Launcher.java HOME CONF
// HOME is the server's home (data, logs, transactions live under it); CONF is a neo4j.conf
// with 5.x setting names. The password comes from the NEO4J_PASSWORD environment variable
// (8 characters at least) and is set on the system database before the ready line.
// Prints "READY bolt://HOST:PORT" on standard output once Bolt answers; shuts down cleanly
// on SIGTERM or SIGINT (the JVM runs the shutdown hook), and when standard input closes if
// started with --exit-on-stdin-close (so it never outlives the process that started it).

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Launcher HOME CONF [--exit-on-stdin-close]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        Path conf = Path.of(args[1]).toAbsolutePath();
        boolean watchStdin = args.length > 2 && args[2].equals("--exit-on-stdin-close");
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set to 8 characters or more");
            System.exit(2);
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(conf)) {
            props.load(in);
        }
        String address = props.getProperty("server.bolt.listen_address", "127.0.0.1:7687");

        DatabaseManagementService dbms;
        try {
            dbms = new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
        } catch (RuntimeException e) {
            System.err.println("Neo4j did not start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        DatabaseManagementService service = dbms;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("Neo4j: shutting down");
            service.shutdown();
            stopped.countDown();
        }));
        try {
            GraphDatabaseService system = dbms.database("system");
            try {
                system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
            } catch (RuntimeException e) {
                // A restart on the same home: the password is already the one asked for.
                if (!rootMessage(e).contains("cannot be the same")) {
                    throw e;
                }
            }
            dbms.database("neo4j").executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            System.err.println("Neo4j started but could not be prepared: " + rootMessage(e));
            System.exit(1);
        }
        System.out.println("READY bolt://" + address);
        System.out.flush();
        if (watchStdin) {
            while (System.in.read() != -1) {
                // the parent keeps standard input open for as long as it lives
            }
            System.exit(0);
        }
        stopped.await();
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
