package io.innopoints.launcher.app;

import io.innopoints.schemas.http.BearerTokens;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The local run's bearer tokens, kept in {@code tokens.properties} of the data directory so they survive restarts
 * and a new user can read them: {@code admin} (a zone admin of every zone on the dashboard and read API) and
 * {@code provider.<id>} per sample provider (ingest). Missing ones are generated; the file is owner-only where
 * the file system allows it. Only the hashes go into the apps' configuration.
 */
public record LocalTokens(Path file, String admin, Map<String, String> providers) {
    public static final String FILE = "tokens.properties";

    public LocalTokens {
        providers = Map.copyOf(providers);
    }

    /** Reads the file of {@code dataDir}, adds what is missing and writes it back. */
    public static LocalTokens loadOrCreate(Path dataDir, List<String> providerIds) {
        Path file = dataDir.resolve(FILE);
        Properties props = new Properties();
        try {
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(in);
                }
            }
            boolean changed = props.putIfAbsent("admin", BearerTokens.generate()) == null;
            Map<String, String> providers = new LinkedHashMap<>();
            for (String id : providerIds) {
                changed |= props.putIfAbsent("provider." + id, BearerTokens.generate()) == null;
                providers.put(id, props.getProperty("provider." + id));
            }
            if (changed) {
                write(file, props);
            }
            return new LocalTokens(file, props.getProperty("admin"), providers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, Properties props) throws IOException {
        if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(out, "InnoPoints local run: bearer tokens (admin = dashboard/read API, provider.<id> = ingest)");
        }
    }
}
