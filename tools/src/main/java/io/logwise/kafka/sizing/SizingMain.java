package io.logwise.kafka.sizing;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command line for {@code scripts/sizing}. Exit 0 on success and for {@code --help}, 2 on bad input.
 *
 * <p>With {@code --event} the provisioning request alone goes to stdout (so it can be piped or captured) and the
 * summary and settings go to stderr; without it everything goes to stdout.
 */
public final class SizingMain {
    static final int EXIT_OK = 0;
    static final int EXIT_BAD_INPUT = 2;

    static final String USAGE = """
            Usage: scripts/sizing --rate MSGS_PER_S --message-size SIZE --peak FACTOR --headroom SHARE \\
                                  --env prod|staging|dev [--service NAME[,NAME...]]... [--event]

              --rate          average log rate in msgs/s, e.g. 50000
              --message-size  average message size: bytes (2048) or binary units (2KiB, 1.5KiB, 1MiB)
              --peak          peak rate / average rate, at least 1, e.g. 2.0
              --headroom      extra partitions as a percentage (20%) or a fraction (0.2)
              --env           prod (24h, RF 3), staging (12h, RF 3) or dev (1h, RF 1)
              --service       service name(s) for the provisioning event (topic logs.<name>)
              --event         print a topic-provisioner request on stdout (summary on stderr)

            Example: scripts/sizing --rate 50000 --message-size 2KiB --peak 2.0 --headroom 20% --env prod
            """;

    private static final List<String> REQUIRED = List.of("rate", "message-size", "peak", "headroom", "env");
    private static final Set<String> WITH_VALUE = Set.of("rate", "message-size", "peak", "headroom", "env",
            "service");

    private SizingMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(USAGE);
            return EXIT_OK;
        }
        try {
            Map<String, String> options = new LinkedHashMap<>();
            List<String> services = new ArrayList<>();
            boolean event = parseArgs(args, options, services);
            SizingInput input = toInput(options, services);
            if (event && services.isEmpty()) {
                throw new InvalidSizingInputException("service", "--event needs at least one --service");
            }
            SizingResult result = SizingCalculator.calculate(input);
            PrintStream report = event ? err : out;
            report.print(SizingReport.summary(result));
            report.println();
            report.println("Settings");
            report.print(SizingReport.settings(result));
            if (event) {
                out.println(SizingReport.provisioningEvent(result));
            }
            return EXIT_OK;
        } catch (InvalidSizingInputException e) {
            err.println("sizing: " + e.getMessage());
            err.println("Run scripts/sizing --help for usage.");
            return EXIT_BAD_INPUT;
        }
    }

    /** Fills {@code options} and {@code services}; returns whether {@code --event} was given. */
    private static boolean parseArgs(String[] args, Map<String, String> options, List<String> services) {
        boolean event = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new InvalidSizingInputException(arg, "unexpected argument; options start with --");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (name.equals("event") && value == null) {
                event = true;
                continue;
            }
            if (!WITH_VALUE.contains(name)) {
                throw new InvalidSizingInputException(name, "unknown option --" + name);
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new InvalidSizingInputException(name, "--" + name + " needs a value");
                }
                value = args[++i];
            }
            if (name.equals("service")) {
                Arrays.stream(value.split(",", -1)).map(String::trim).forEach(services::add);
            } else if (options.putIfAbsent(name, value) != null) {
                throw new InvalidSizingInputException(name, "--" + name + " given more than once");
            }
        }
        return event;
    }

    private static SizingInput toInput(Map<String, String> options, List<String> services) {
        for (String name : REQUIRED) {
            if (!options.containsKey(name)) {
                throw new InvalidSizingInputException(name, "missing --" + name);
            }
        }
        return new SizingInput(
                SizingInput.parseRate(options.get("rate")),
                SizingInput.parseMessageSize(options.get("message-size")),
                SizingInput.parsePeak(options.get("peak")),
                SizingInput.parseHeadroom(options.get("headroom")),
                Environment.parse(options.get("env")),
                services.stream().distinct().toList());
    }
}
