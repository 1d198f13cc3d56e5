package io.innopoints.schemas.serde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificDatumReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Avro 1.12 trust InnoPoints' classes when reading ({@code SecurityException: Forbidden … not trusted}
 * otherwise): adds {@code io.innopoints}, {@code java.lang}, {@code java.util}, {@code java.math} and
 * {@code java.time} to the system property {@value #PROPERTY}, keeping whatever was already there.
 *
 * <p>Avro reads the property once, when {@link SpecificDatumReader} is first loaded, so apps call
 * {@link #install()} first thing in {@code main}; {@link AvroDeserializer} also calls it, which covers code that
 * only reads through our serde. It also installs {@link AvroLimits}, which Avro reads just as early, so every place that
 * prepares Avro for reading untrusted bytes does both. Idempotent and thread-safe.
 */
public final class AvroTrust {
    public static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    public static final List<String> TRUSTED_PACKAGES = List.of("io.innopoints", "java.lang", "java.util", "java.math",
            "java.time");
    private static final Logger LOG = LoggerFactory.getLogger(AvroTrust.class);

    private AvroTrust() {
    }

    /**
     * Adds the trusted packages to the property and loads Avro's reader with it.
     *
     * @return true when Avro's reader now trusts every package in {@link #TRUSTED_PACKAGES}
     */
    public static synchronized boolean install() {
        AvroLimits.install();
        String current = System.getProperty(PROPERTY);
        if (current == null || !current.trim().equals("*")) {
            Set<String> packages = new LinkedHashSet<>();
            if (current != null) {
                Arrays.stream(current.split(",")).map(String::trim).filter(p -> !p.isEmpty()).forEach(packages::add);
            }
            packages.addAll(TRUSTED_PACKAGES);
            System.setProperty(PROPERTY, String.join(",", packages));
        }
        boolean trusted = trusted();
        if (!trusted) {
            LOG.warn("Avro's SpecificDatumReader was loaded before AvroTrust.install() and trusts only {}; call "
                    + "AvroTrust.install() at the start of main or pass -D{}={}", effective(), PROPERTY,
                    String.join(",", TRUSTED_PACKAGES));
        }
        return trusted;
    }

    /** Whether Avro's reader (as loaded) trusts every package of {@link #TRUSTED_PACKAGES}. */
    public static boolean trusted() {
        List<String> effective = effective();
        if (effective.contains("*")) {
            return true;
        }
        return TRUSTED_PACKAGES.stream().allMatch(p -> effective.contains(p) || effective.contains(p + "."));
    }

    private static List<String> effective() {
        return new ArrayList<>(Arrays.asList(SpecificDatumReader.SERIALIZABLE_PACKAGES));
    }
}
