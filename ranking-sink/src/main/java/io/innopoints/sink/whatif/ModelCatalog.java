package io.innopoints.sink.whatif;

import io.innopoints.scoring.model.ScoringModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scoring models the sink can evaluate with (what-if, and the names the dashboard shows): every built-in model
 * plus the model files configured ({@code whatif.model.files}), keyed by {@code id:version}; a file overrides a
 * built-in model with the same key. Loaded once at start-up; a broken file fails start-up listing its problems.
 */
public final class ModelCatalog {
    private final Map<String, ScoringModel> byKey = new LinkedHashMap<>();

    public ModelCatalog(List<ScoringModel> models) {
        for (ScoringModel m : models) {
            byKey.put(m.key(), m);
        }
    }

    /** The built-in models and the given files. */
    public static ModelCatalog load(List<Path> files) {
        List<ScoringModel> models = new ArrayList<>();
        for (String id : ScoringModel.BUILTIN) {
            models.add(ScoringModel.builtin(id));
        }
        for (Path f : files) {
            models.add(ScoringModel.load(f));
        }
        return new ModelCatalog(models);
    }

    /** Parses the option value: comma-separated model file paths, empty for none. */
    public static ModelCatalog fromOption(String files) {
        List<Path> paths = new ArrayList<>();
        if (files != null) {
            for (String f : files.split(",")) {
                if (!f.isBlank()) {
                    paths.add(Path.of(f.trim()));
                }
            }
        }
        return load(paths);
    }

    /** The model with exactly this id and version. */
    public Optional<ScoringModel> find(String id, String version) {
        return Optional.ofNullable(byKey.get(id + ":" + version));
    }

    public List<ScoringModel> all() {
        return List.copyOf(byKey.values());
    }

    public List<String> keys() {
        return List.copyOf(byKey.keySet());
    }
}
