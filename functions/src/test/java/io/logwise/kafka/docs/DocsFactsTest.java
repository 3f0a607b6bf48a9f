package io.logwise.kafka.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md and docs/ say only what the repository holds: scripts, sample events, environments, links, tests. */
class DocsFactsTest {

    /** Surefire runs in functions/; the repository root is its parent unless the build says otherwise. */
    private static final Path ROOT = Path.of(System.getProperty("logwise.root", ".."));

    @Test
    void theReadmeAndEveryDocsPageAgreeWithTheRepository() {
        DocsFacts facts = new DocsFacts(ROOT);
        assertTrue(facts.documents().size() > 1, "no docs/*.md found under " + ROOT.toAbsolutePath());

        List<String> problems = facts.problems();

        assertTrue(problems.isEmpty(), problems.size() + " problem(s):\n" + String.join("\n", problems));
    }

    @Test
    void everyProblemIsReportedAtOnceNotJustTheFirst(@TempDir Path root) throws IOException {
        repository(root);
        Files.writeString(root.resolve("scripts/not-executable"), "#!/bin/sh\n");
        Files.writeString(root.resolve("events/broken.json"), "{\"services\": [\"a\"");
        Files.writeString(root.resolve("README.md"), """
                Run `scripts/missing` and `scripts/not-executable`,
                send `events/absent.json` and `events/broken.json`, deploy with `scripts/demo -c env=prod`,
                read [the page](docs/absent.md) and [a part](docs/ok.md#nowhere),
                proven by `GhostIT`, `NO_COMMIT` and `DocsFactsTest#noSuchMethod`.
                """ + "x".repeat(DocsFacts.README_MAX_BYTES));
        Files.writeString(root.resolve("docs/ok.md"), "# Ok\n\nSee [up](../missing.md) and `scripts/also-missing`.\n");

        List<String> problems = new DocsFacts(root).problems().stream()
                .map(problem -> problem.replaceFirst("not valid JSON \\(.+\\)$", "not valid JSON (...)")).toList();

        assertEquals(List.of(
                "README.md: " + Files.size(root.resolve("README.md")) + " bytes, over the 8192 a newcomer reads in"
                        + " five minutes; move details to docs/",
                "README.md: names scripts/missing, which does not exist",
                "README.md: names scripts/not-executable, which is not an executable file",
                "README.md: names events/absent.json, which does not exist",
                "README.md: names events/broken.json, which is not valid JSON (...)",
                "README.md: deploys -c env=prod, which infra/cdk.json does not define (environments: [local,"
                        + " msk-iam-example])",
                "README.md: links to docs/absent.md, which does not exist",
                "README.md: links to docs/ok.md#nowhere, but docs/ok.md has no heading with that anchor",
                "README.md: names the test `DocsFactsTest#noSuchMethod`, but DocsFactsTest has no method noSuchMethod",
                "README.md: names the test GhostIT, which does not exist",
                "docs/ok.md: names scripts/also-missing, which does not exist",
                "docs/ok.md: links to ../missing.md, which does not exist"), problems);
    }

    @Test
    void placeholdersSubpathsSentenceEndsAndWebLinksAreNotProblems(@TempDir Path root) throws IOException {
        repository(root);
        Files.writeString(root.resolve("README.md"), """
                # LogWise

                Start with `scripts/demo`, then read the journal with scripts/demo. The broker's pom is
                `scripts/kafka-broker/pom.xml`. Try `events/ok.json`. Deploy with `-c env=NAME`, e.g.
                `scripts/demo -c env=msk-iam-example`. See [ops](docs/ok.md#what-scriptsdemo-does),
                [top](#logwise), [the web](https://example.com/a_(b)) and `DocsFactsTest#fixture`.
                """);
        Files.writeString(root.resolve("docs/ok.md"), "# Ok\n\n## What `scripts/demo` does\n\n[back](../README.md)\n");

        assertEquals(List.of(), new DocsFacts(root).problems());
    }

    /** A repository with one executable script, a script folder, a sample event, two environments and a test. */
    private static void repository(Path root) throws IOException {
        Files.createDirectories(root.resolve("scripts/kafka-broker"));
        Files.writeString(root.resolve("scripts/kafka-broker/pom.xml"), "<project/>\n");
        Path demo = Files.writeString(root.resolve("scripts/demo"), "#!/bin/sh\n");
        assertTrue(demo.toFile().setExecutable(true), "cannot make " + demo + " executable");
        Files.createDirectories(root.resolve("events"));
        Files.writeString(root.resolve("events/ok.json"), "{\"services\": [\"order-service\"]}\n");
        Files.createDirectories(root.resolve("infra"));
        Files.writeString(root.resolve("infra/cdk.json"),
                "{\"context\": {\"environments\": {\"local\": {}, \"msk-iam-example\": {}}}}\n");
        Files.createDirectories(root.resolve("docs"));
        Path tests = Files.createDirectories(root.resolve("functions/src/test/java/x"));
        Files.writeString(tests.resolve("DocsFactsTest.java"), "class DocsFactsTest { void fixture() {} }\n");
    }
}
