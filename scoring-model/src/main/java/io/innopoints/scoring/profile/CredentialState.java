package io.innopoints.scoring.profile;

import io.innopoints.schemas.event.CredentialCategory;
import io.innopoints.schemas.event.CredentialEvent;
import io.innopoints.schemas.event.CredentialLevel;
import java.time.LocalDate;

/**
 * One credential as its events define it: the attributes of its latest grant and the interval it counts,
 * {@code [validFrom, end)} with {@code end} the earlier of the grant's validUntil and the earliest revocation
 * recorded after that grant ({@code null} = open-ended).
 */
public record CredentialState(CredentialEvent grant, LocalDate validFrom, LocalDate end) {

    public String credentialId() {
        return grant.getCredentialId();
    }

    public CredentialCategory category() {
        return grant.getCategory();
    }

    public String kind() {
        return grant.getKind();
    }

    public CredentialLevel level() {
        return grant.getLevel();
    }

    public String grade() {
        return grant.getGrade();
    }

    /** Amount in fen, 0 when the grant carries none. */
    public long amountFen() {
        Long amount = grant.getAmountFen();
        return amount == null ? 0L : amount;
    }

    /** True when the credential counts on {@code day}. */
    public boolean validOn(LocalDate day) {
        return !validFrom.isAfter(day) && (end == null || day.isBefore(end));
    }
}
