package io.innopoints.localstack.app;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The embedded platform's command-line flags (a picocli mixin), shared by {@code local-stack} and the one-JVM run:
 * where the broker and the registry listen and how many partitions new topics get. Also the one-line error message
 * both commands print instead of a stack trace.
 */
public final class PlatformFlags {
    @Option(names = "--bootstrap-port", defaultValue = "9092",
            description = "Kafka client port on localhost (default: ${DEFAULT-VALUE}; 0 = any free port).")
    public int bootstrapPort;

    @Option(names = "--registry-port", defaultValue = "8081",
            description = "Schema registry HTTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    public int registryPort;

    @Option(names = "--partitions", defaultValue = "3",
            description = "Partitions of each topic created (default: ${DEFAULT-VALUE}); existing topics are kept.")
    public int partitions;

    /** Fails with a usage error naming the flag when a value is out of range. */
    public void validate(CommandSpec spec) {
        checkPort(spec, "--bootstrap-port", bootstrapPort);
        checkPort(spec, "--registry-port", registryPort);
        if (partitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--partitions: must be at least 1, was " + partitions);
        }
    }

    /** A usage error naming {@code option} unless {@code port} is 0..65535. */
    public static void checkPort(CommandSpec spec, String option, int port) {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": must be 0..65535, was " + port);
        }
    }

    /** The message of {@code e} followed by those of its causes that add something, for a one-line error. */
    public static String rootMessage(Throwable e) {
        StringBuilder message = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }
}
