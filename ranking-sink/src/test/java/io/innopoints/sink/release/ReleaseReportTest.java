package io.innopoints.sink.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.sink.testing.ReleaseEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The report's text: Chinese set in a CJK font when one is configured, '?' in Helvetica. */
class ReleaseReportTest {
    /** Debian's fonts-wqy-microhei, as the CI image installs it for the browser screenshots. */
    static final Path WQY = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    @Test
    void shouldSetChineseStageNamesInAConfiguredCjkFontAndReplaceThemInHelvetica() throws Exception {
        assumeTrue(Files.isRegularFile(WQY), "no " + WQY + " (apt-get install fonts-wqy-microhei)");
        PeriodRelease release = ReleaseEvents.twoVersions().get(1);

        String cjk = text(ReleaseReport.pdf(release, ReleaseEvents.MODEL, WQY));
        String helvetica = text(ReleaseReport.pdf(release, ReleaseEvents.MODEL, null));

        assertThat(cjk).contains("Start-up 初创期", "2024-annual v2", "replaces v1");
        assertThat(helvetica).contains("Start-up ???").doesNotContain("初创期");
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
