package io.janela.support;

import io.janela.local.EmbeddedDynamoDb;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * The test JVM's in-memory DynamoDB Locals and the numbering of their table sets, whichever class
 * loader asks. Quarkus loads each application's classes, its test classes included, in a class
 * loader of its own, where static fields of their own would start one more DynamoDB Local (and warm
 * it up again) for every application; so every copy of this class defers to the one the JVM's own
 * class loader holds.
 *
 * <p>There are two: one for the Quarkus applications, which run one after another, and one for the
 * plain test classes running beside them. A DynamoDB Local serves one request at a time, and the
 * applications' requests should not queue behind the plain classes'.
 */
public final class JvmDynamoDbLocal {

    private static final Map<Boolean, EmbeddedDynamoDb> SERVERS = new HashMap<>();
    private static int tableSets;

    private JvmDynamoDbLocal() {
    }

    /** The DynamoDB Local of the asking code: a Quarkus application's, or the plain test classes'. */
    public static String endpoint() {
        boolean application = JvmDynamoDbLocal.class.getClassLoader() != ClassLoader.getSystemClassLoader();
        return (String) ask("startedEndpoint", application);
    }

    /** A number no table set of this JVM had. */
    public static int nextTableSet() {
        return (Integer) ask("numberedTableSet");
    }

    private static synchronized String startedEndpoint(Boolean application) {
        return SERVERS.computeIfAbsent(application, forApplications -> started()).endpoint();
    }

    private static EmbeddedDynamoDb started() {
        // its threads and its logging must not take the asking application's class loader as theirs
        Thread thread = Thread.currentThread();
        ClassLoader asking = thread.getContextClassLoader();
        thread.setContextClassLoader(JvmDynamoDbLocal.class.getClassLoader());
        try {
            EmbeddedDynamoDb server = EmbeddedDynamoDb.inMemory();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            return server;
        } finally {
            thread.setContextClassLoader(asking);
        }
    }

    private static synchronized Integer numberedTableSet() {
        return ++tableSets;
    }

    private static Object ask(String method, Object... arguments) {
        try {
            Class<?>[] types = new Class<?>[arguments.length];
            for (int i = 0; i < arguments.length; i++) {
                types[i] = arguments[i].getClass();
            }
            Method own = jvmCopy().getDeclaredMethod(method, types);
            own.setAccessible(true);
            return own.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot reach " + JvmDynamoDbLocal.class.getName() + "." + method, e);
        }
    }

    private static Class<?> jvmCopy() {
        try {
            return Class.forName(JvmDynamoDbLocal.class.getName(), true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return JvmDynamoDbLocal.class; // the tests are not on the JVM's class path: this copy is the only one
        }
    }
}
