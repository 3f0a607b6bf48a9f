package io.logwise.kafka.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The deployment jar holds what runs in Lambda and nothing that only runs locally: no command-line tool, local Lambda
 * runtime, demo, benchmark or test kit class (they live in tools/ and testkit/), no program entry point, and none of
 * the libraries that only those use.
 */
class DeploymentJarContentsIT {

    private static final Path JAR = Path.of(System.getProperty("logwise.shadedJar",
            "target/logwise-kafka-functions-0.1.0-SNAPSHOT.jar"));
    private static final Path CLASSES = Path.of("target", "classes");
    /** Packages and classes of tools/ and testkit/, named so that a move back into functions/ fails here. */
    private static final List<String> LOCAL_ONLY = List.of("io/logwise/kafka/cli/", "io/logwise/kafka/local/",
            "io/logwise/kafka/demo/", "io/logwise/kafka/bench/", "io/logwise/kafka/sizing/",
            "io/logwise/kafka/scaling/sim/", "io/logwise/kafka/testkit/", "io/logwise/kafka/lag/LagTable",
            "io/logwise/kafka/lag/PartitionTable",
            "io/logwise/kafka/state/JournalTable", "io/logwise/kafka/state/kafka/JournalCommand");
    /** Libraries of the local runtime, the tests and the test kit. */
    private static final List<String> LOCAL_LIBRARIES = List.of(
            "com/amazonaws/services/lambda/runtime/api/client/", "org/junit/", "org/testcontainers/",
            "org/quicktheories/");

    private static Set<String> entries;

    @BeforeAll
    static void readJar() throws IOException {
        assertTrue(Files.isRegularFile(JAR), "the deployment jar is built before the broker tests: " + JAR);
        entries = new TreeSet<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jar.stream().map(JarEntry::getName).forEach(entries::add);
        }
    }

    @Test
    void theProjectClassesInTheJarAreExactlyTheFunctionsModuleClasses() throws IOException {
        Set<String> compiled = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io/logwise"))) {
            files.filter(file -> file.toString().endsWith(".class"))
                    .forEach(file -> compiled.add(CLASSES.relativize(file).toString().replace('\\', '/')));
        }
        assertEquals(compiled, projectClasses());
    }

    @Test
    void noCommandLineLocalRuntimeDemoBenchOrTestKitClass() {
        List<String> found = new ArrayList<>();
        for (String entry : entries) {
            LOCAL_ONLY.stream().filter(entry::startsWith).findFirst().ifPresent(prefix -> found.add(entry));
            LOCAL_LIBRARIES.stream().filter(entry::startsWith).findFirst().ifPresent(prefix -> found.add(entry));
        }
        assertEquals(List.of(), found);
    }

    @Test
    void noProjectClassHasAMainMethod() throws Exception {
        List<String> mains = new ArrayList<>();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {JAR.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            for (String entry : projectClasses()) {
                String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                for (Method method : Class.forName(name, false, loader).getDeclaredMethods()) {
                    if (method.getName().equals("main") && Modifier.isStatic(method.getModifiers())
                            && method.getParameterCount() == 1 && method.getParameterTypes()[0] == String[].class) {
                        mains.add(name);
                    }
                }
            }
        }
        assertEquals(List.of(), mains);
    }

    private static Set<String> projectClasses() {
        Set<String> classes = new TreeSet<>();
        entries.stream().filter(entry -> entry.startsWith("io/logwise/") && entry.endsWith(".class"))
                .forEach(classes::add);
        return classes;
    }
}
