package io.innopoints.sink.app;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Runs the CLI in-process with captured output (tests in other packages). */
public final class MainAccess {
    private MainAccess() {
    }

    public static int run(PrintWriter out, String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(out);
        cl.setErr(out);
        return cl.execute(args);
    }
}
