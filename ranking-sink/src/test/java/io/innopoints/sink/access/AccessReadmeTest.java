package io.innopoints.sink.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's access table is the declared policy, word for word. */
class AccessReadmeTest {
    @Test
    void shouldDocumentEveryEndpointAndRoleInReadmeExactlyAsDeclared() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String begin = "<!-- access:begin -->\n";
        String end = "<!-- access:end -->";
        assertThat(readme).contains(begin, end);
        String table = readme.substring(readme.indexOf(begin) + begin.length(), readme.indexOf(end));

        assertThat(table).as("README access table; regenerate from AccessPolicy.markdownTable():%n%s",
                AccessPolicy.markdownTable()).isEqualTo(AccessPolicy.markdownTable());
    }
}
