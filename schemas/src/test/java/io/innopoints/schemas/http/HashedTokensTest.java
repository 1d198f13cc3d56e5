package io.innopoints.schemas.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HashedTokensTest {
    private record Grant(String id, List<String> hashes) {
    }

    private final HashedTokens<Grant> tokens = new HashedTokens<>(List.of(
            new Grant("tax-bureau", List.of(BearerTokens.sha256Hex("old"), BearerTokens.sha256Hex("new"))),
            new Grant("patent-office", List.of(BearerTokens.sha256Hex("patents")))), Grant::hashes);

    @Test
    void shouldFindTheGrantOfEveryConfiguredTokenIncludingRotatedOnes() {
        assertThat(tokens.grantOf("old")).map(Grant::id).contains("tax-bureau");
        assertThat(tokens.grantOf("new")).map(Grant::id).contains("tax-bureau");
        assertThat(tokens.grantOf("patents")).map(Grant::id).contains("patent-office");
    }

    @Test
    void shouldFindNothingForAnUnknownEmptyOrMissingTokenOrForAHashPresentedAsToken() {
        assertThat(tokens.grantOf("unknown")).isEmpty();
        assertThat(tokens.grantOf("")).isEmpty();
        assertThat(tokens.grantOf(null)).isEmpty();
        assertThat(tokens.grantOf(BearerTokens.sha256Hex("patents"))).isEmpty();
    }
}
