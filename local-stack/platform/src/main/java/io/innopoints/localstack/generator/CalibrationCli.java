package io.innopoints.localstack.generator;

import io.innopoints.scoring.model.ModelValidationException;
import io.innopoints.scoring.model.ScoringModel;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code generate calibration}: generates the sample in memory, scores it with the batch reference scorer under a zone
 * model and prints the pilot report's figures next to the results ({@link SeedZoneCalibration}). Exit code 0 when
 * every figure is within its tolerance, 3 when one is not, 2 on bad options or an invalid model.
 */
@Command(name = "calibration", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores the generated seed zone with a zone model and prints the pilot report's figures: target vs result.")
final class CalibrationCli implements Callable<Integer> {
    static final int OFF_TARGET = 3;
    private static final GeneratorConfig D = GeneratorConfig.defaults();

    @Option(names = "--model", description = "Zone model: built-in id or YAML file (default: ${DEFAULT-VALUE}).")
    String model = SeedZoneCalibration.DEFAULT_MODEL;

    @Option(names = "--seed", description = "Random seed of the sample (default: ${DEFAULT-VALUE}).")
    long seed = D.seed();

    @Option(names = "--enterprises", description = "Enterprises generated; the seed zone is the first 2,807 (default: ${DEFAULT-VALUE}).")
    int enterprises = D.enterprises();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ScoringModel zoneModel;
        GeneratorConfig config;
        try {
            zoneModel = ScoringModel.resolve(model);
            config = D.withSeed(seed).withEnterprises(enterprises);
        } catch (IllegalArgumentException | ModelValidationException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        SeedZoneCalibration calibration = SeedZoneCalibration.of(config, zoneModel);
        spec.commandLine().getOut().print(calibration.table());
        spec.commandLine().getOut().flush();
        return calibration.holds() ? 0 : OFF_TARGET;
    }
}
