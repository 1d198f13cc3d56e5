package io.innopoints.localstack.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An external program an interoperability test runs (kcat, Debian's python3 with Confluent's client). When the
 * program is missing the test is skipped with a message saying what to install — except in CI ({@code CI=true}),
 * where a missing tool is a failure, so interoperability can never be skipped silently where it matters.
 */
final class ExternalTool {
    private ExternalTool() {
    }

    /** Skips (locally) or fails (CI) unless {@code executable} exists and {@code probe} exits 0. */
    static void require(String executable, String installHint, String... probe) {
        require("true".equalsIgnoreCase(System.getenv("CI")), executable, installHint, probe);
    }

    static void require(boolean ci, String executable, String installHint, String... probe) {
        String problem = null;
        if (!Files.isExecutable(Path.of(executable)) && which(executable) == null) {
            problem = executable + " is not installed";
        } else if (probe.length > 0) {
            Result result = run(List.of(probe), Map.of(), Duration.ofSeconds(30));
            if (result.exitCode() != 0) {
                problem = String.join(" ", probe) + " failed: " + result.stderr().trim();
            }
        }
        if (problem == null) {
            return;
        }
        String message = problem + " (install: " + installHint + "; .ci/run installs it)";
        if (ci) {
            fail("CI=true and the interoperability tool is missing: " + message);
        }
        Assumptions.abort("skipped: " + message);
    }

    private static Path which(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Runs {@code command}, capturing stdout as bytes and stderr as text; kills it after {@code timeout}. */
    static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + timeout + "; stderr: "
                        + new String(stderr.getNow(new byte[0]), StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), stdout.join(),
                    new String(stderr.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Exit code and captured output of one run. */
    record Result(int exitCode, byte[] stdout, String stderr) {
        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdoutText() + "\nstderr:\n" + stderr;
        }
    }
}
