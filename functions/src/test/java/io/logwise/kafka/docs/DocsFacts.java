package io.logwise.kafka.docs;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks what README.md and docs/**.md say about the repository against the repository itself: the scripts, sample
 * events, CDK environments, links and test names they mention. Collects every problem instead of stopping at the
 * first, so one run shows all that a docs change broke.
 */
final class DocsFacts {

    static final int README_MAX_BYTES = 8_192;

    private static final Pattern SCRIPT = Pattern.compile("(?<![\\w./-])scripts/([\\w.-]+(?:/[\\w.-]+)*)");
    private static final Pattern EVENT = Pattern.compile("(?<![\\w./-])events/([\\w.-]+\\.json)");
    private static final Pattern CDK_ENVIRONMENT = Pattern.compile("-c env=([\\w-]+)");
    /** Environment names are lower-case (the CDK app's rule); an upper-case word is a placeholder like NAME. */
    private static final Pattern PLACEHOLDER = Pattern.compile("[A-Z]+");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    /** A Java class name: upper-case start, no underscore, some lower case (so NO_COMMIT is not one). */
    private static final String CLASS_NAME = "[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*";
    private static final Pattern TEST_METHOD = Pattern.compile("`(" + CLASS_NAME + ")#([a-z]\\w*)`");
    private static final Pattern TEST_CLASS = Pattern.compile("`(" + CLASS_NAME + "(?:IT|Test))`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} (.+)$");
    private static final List<String> TEST_SOURCES = List.of("functions/src/test/java", "tools/src/test/java",
            "testkit/src/test/java", "infra/src/test/java");

    private final Path root;
    private final ObjectMapper json = new ObjectMapper();

    DocsFacts(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** README.md and every Markdown file under docs/, as paths relative to the root. */
    List<Path> documents() {
        List<Path> documents = new ArrayList<>();
        documents.add(Path.of("README.md"));
        Path docs = root.resolve("docs");
        if (Files.isDirectory(docs)) {
            try (Stream<Path> files = Files.walk(docs)) {
                files.filter(file -> file.toString().endsWith(".md")).sorted()
                        .forEach(file -> documents.add(root.relativize(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return documents;
    }

    /** Every problem found, each as "file: what is wrong"; empty when the documents agree with the repository. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkReadmeSize(problems);
        Set<String> environments = cdkEnvironments(problems);
        for (Path document : documents()) {
            String text = read(document, problems);
            if (text != null) {
                checkScripts(document, text, problems);
                checkEvents(document, text, problems);
                checkEnvironments(document, text, environments, problems);
                checkLinks(document, text, problems);
                checkTestNames(document, text, problems);
            }
        }
        return problems;
    }

    private void checkReadmeSize(List<String> problems) {
        Path readme = root.resolve("README.md");
        try {
            long size = Files.size(readme);
            if (size > README_MAX_BYTES) {
                problems.add("README.md: " + size + " bytes, over the " + README_MAX_BYTES
                        + " a newcomer reads in five minutes; move details to docs/");
            }
        } catch (IOException e) {
            problems.add("README.md: cannot be read (" + e + ")");
        }
    }

    private Set<String> cdkEnvironments(List<String> problems) {
        Set<String> names = new HashSet<>();
        try {
            JsonNode environments = json.readTree(root.resolve("infra/cdk.json").toFile())
                    .path("context").path("environments");
            environments.fieldNames().forEachRemaining(names::add);
            if (names.isEmpty()) {
                problems.add("infra/cdk.json: defines no context.environments");
            }
        } catch (IOException e) {
            problems.add("infra/cdk.json: cannot be read as JSON (" + e.getMessage() + ")");
        }
        return names;
    }

    private void checkScripts(Path document, String text, List<String> problems) {
        for (String mention : matches(SCRIPT, text, 1)) {
            String name = trimSentenceEnd(mention);
            String path = "scripts/" + name;
            Path file = root.resolve(path);
            if (!Files.exists(file)) {
                problems.add(document + ": names " + path + ", which does not exist");
            } else if (!name.contains("/") && !(Files.isRegularFile(file) && Files.isExecutable(file))) {
                problems.add(document + ": names " + path + ", which is not an executable file");
            }
        }
    }

    private void checkEvents(Path document, String text, List<String> problems) {
        for (String name : matches(EVENT, text, 1)) {
            Path file = root.resolve("events").resolve(name);
            if (!Files.isRegularFile(file)) {
                problems.add(document + ": names events/" + name + ", which does not exist");
                continue;
            }
            try {
                json.readTree(file.toFile());
            } catch (JacksonException e) {
                problems.add(document + ": names events/" + name + ", which is not valid JSON ("
                        + e.getOriginalMessage() + ")");
            } catch (IOException e) {
                problems.add(document + ": names events/" + name + ", which cannot be read (" + e + ")");
            }
        }
    }

    private void checkEnvironments(Path document, String text, Set<String> environments, List<String> problems) {
        for (String name : matches(CDK_ENVIRONMENT, text, 1)) {
            if (!PLACEHOLDER.matcher(name).matches() && !environments.contains(name)) {
                problems.add(document + ": deploys -c env=" + name + ", which infra/cdk.json does not define"
                        + " (environments: " + environments.stream().sorted().toList() + ")");
            }
        }
    }

    private void checkLinks(Path document, String text, List<String> problems) {
        for (String target : matches(LINK, text, 1)) {
            if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                continue; // https:, mailto: and other absolute addresses are not this repository's files
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path directory = root.resolve(document).getParent();
            Path file = path.isEmpty() ? root.resolve(document) : directory.resolve(path).normalize();
            if (!file.startsWith(root) || !Files.exists(file)) {
                problems.add(document + ": links to " + target + ", which does not exist");
            } else if (anchor != null && file.toString().endsWith(".md") && !anchors(file).contains(anchor)) {
                problems.add(document + ": links to " + target + ", but " + root.relativize(file)
                        + " has no heading with that anchor");
            }
        }
    }

    private void checkTestNames(Path document, String text, List<String> problems) {
        for (Matcher m = TEST_METHOD.matcher(text); m.find(); ) {
            String source = testSource(m.group(1));
            if (source == null) {
                problems.add(document + ": names the test " + m.group() + ", but no test class " + m.group(1)
                        + " exists");
            } else if (!source.matches("(?s).*\\bvoid " + m.group(2) + "\\(.*")) {
                problems.add(document + ": names the test " + m.group() + ", but " + m.group(1) + " has no method "
                        + m.group(2));
            }
        }
        for (String testClass : matches(TEST_CLASS, text, 1)) {
            if (testSource(testClass) == null) {
                problems.add(document + ": names the test " + testClass + ", which does not exist");
            }
        }
    }

    /** The source of a test class of either module, or null when there is none. */
    private String testSource(String simpleName) {
        for (String sources : TEST_SOURCES) {
            Path directory = root.resolve(sources);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                Path found = files.filter(file -> file.getFileName().toString().equals(simpleName + ".java"))
                        .findFirst().orElse(null);
                if (found != null) {
                    return Files.readString(found, StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(Path markdown) {
        Set<String> anchors = new HashSet<>();
        try {
            Matcher heading = HEADING.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
            while (heading.find()) {
                anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return anchors;
    }

    private String read(Path document, List<String> problems) {
        try {
            return Files.readString(root.resolve(document), StandardCharsets.UTF_8);
        } catch (IOException e) {
            problems.add(document + ": cannot be read (" + e + ")");
            return null;
        }
    }

    private static Set<String> matches(Pattern pattern, String text, int group) {
        Set<String> found = new LinkedHashSet<>();
        for (Matcher m = pattern.matcher(text); m.find(); ) {
            found.add(m.group(group));
        }
        return found;
    }

    /** "scripts/journal." at the end of a sentence names scripts/journal. */
    private static String trimSentenceEnd(String mention) {
        return mention.replaceAll("\\.+$", "");
    }
}
