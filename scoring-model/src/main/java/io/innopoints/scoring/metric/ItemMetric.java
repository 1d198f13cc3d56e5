package io.innopoints.scoring.metric;

import io.innopoints.scoring.profile.CredentialState;
import io.innopoints.scoring.profile.FactView;
import java.util.List;

/** A metric whose value counts credentials; table scorers read the items themselves (their level, kind, grade). */
public interface ItemMetric extends Metric {

    /** The credentials counted on {@code view.day()}. */
    List<CredentialState> items(FactView view);
}
