package io.innopoints.sink.release;

import io.innopoints.schemas.release.IndicatorStatistic;
import io.innopoints.schemas.release.PeriodRelease;
import io.innopoints.schemas.release.ReleasedCohort;
import io.innopoints.schemas.release.ReleasedEntry;
import io.innopoints.schemas.release.StageShare;
import io.innopoints.scoring.metric.Dates;
import io.innopoints.scoring.model.ScoringModel;
import io.innopoints.scoring.model.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The printable report of a release, drawn with Apache PDFBox: a cover page with the release's identity (period,
 * version, as-of, cut-off, model, digest, inputs), the stage distribution and the mean and median R&D intensity per
 * stage as bar charts; then every cohort's top-N table. Text is set in the given TrueType font (a file or a
 * collection, e.g. WenQuanYi Micro Hei for Chinese names) or, without one, Helvetica — whose encoding has no Chinese:
 * such characters then print as '?'.
 */
public final class ReleaseReport {
    private static final float MARGIN = 50;
    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'Asia/Shanghai'",
            Locale.ROOT).withZone(Dates.ZONE);

    private ReleaseReport() {
    }

    /** The report as PDF bytes in Helvetica. */
    public static byte[] pdf(PeriodRelease release, ScoringModel model) {
        return pdf(release, model, null);
    }

    /**
     * The report as PDF bytes.
     *
     * @param model the release's model (stage names), or null for stage ids
     * @param font  a TrueType font or collection file, or null for Helvetica
     */
    public static byte[] pdf(PeriodRelease release, ScoringModel model, Path font) {
        try (PDDocument doc = new PDDocument()) {
            Writer w = new Writer(doc, font(doc, font));
            cover(w, release, model);
            for (ReleasedCohort c : release.getCohorts()) {
                topTable(w, release, c, model);
            }
            w.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the report of " + release.getPeriodId(), e);
        }
    }

    private static PDFont font(PDDocument doc, Path file) throws IOException {
        if (file == null) {
            return new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        }
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
            List<TrueTypeFont> fonts = new ArrayList<>();
            collection.processAllFonts(fonts::add);
            return PDType0Font.load(doc, fonts.get(0), true);
        }
        return PDType0Font.load(doc, file.toFile());
    }

    private static void cover(Writer w, PeriodRelease r, ScoringModel model) throws IOException {
        w.text(18, "InnoPoints official release " + r.getPeriodId() + " v" + r.getVersion());
        w.gap(6);
        w.text(10, "As of " + TIME.format(r.getAsOf()) + "    data cut-off " + TIME.format(r.getCutOff()));
        w.text(10, "Model " + r.getModelId() + " " + r.getModelVersion() + "    top-" + r.getTopN() + " per cohort"
                + (r.getPreviousVersion() == null ? "" : "    replaces v" + r.getPreviousVersion() + " ("
                + r.getChanges().size() + " changes)"));
        w.text(10, "Events counted " + r.getEventsCounted() + ", after the cut-off " + r.getEventsAfterCutOff()
                + ", rejected " + r.getEventsRejected() + "; enterprises " + r.getEnterprises() + ", ranked "
                + r.getRanked());
        w.text(8, "SHA-256 " + r.getDigest());
        w.gap(14);

        w.text(12, "Stage distribution (ranked enterprises)");
        List<String> labels = new ArrayList<>();
        List<Double> counts = new ArrayList<>();
        for (StageShare s : r.getStages()) {
            labels.add(stageName(model, s.getStage()) + String.format(Locale.ROOT, "  %d (%.1f%%)", s.getCount(),
                    s.getShare()));
            counts.add((double) s.getCount());
        }
        w.bars(labels, counts, new float[] {0.20f, 0.45f, 0.75f});
        w.gap(14);

        w.text(12, "R&D intensity by stage, % (upper bar mean, lower bar median)");
        labels.clear();
        List<Double> means = new ArrayList<>();
        List<Double> medians = new ArrayList<>();
        for (IndicatorStatistic s : r.getStatistics()) {
            if (s.getIndicatorId().equals("rd-intensity")) {
                String stage = s.getStage() == null ? "all" : stageName(model, s.getStage());
                labels.add(stage + String.format(Locale.ROOT, "  n=%d  %s / %s", s.getCount(), num(s.getMean()),
                        num(s.getMedian())));
                means.add(s.getMean() == null ? 0 : s.getMean());
                medians.add(s.getMedian() == null ? 0 : s.getMedian());
            }
        }
        if (labels.isEmpty()) {
            w.text(10, "(the model has no rd-intensity indicator)");
        } else {
            w.pairedBars(labels, means, medians);
        }
    }

    private static void topTable(Writer w, PeriodRelease r, ReleasedCohort c, ScoringModel model) throws IOException {
        w.gap(16);
        w.need(60);
        w.text(12, "Top-" + r.getTopN() + " " + c.getCohortId() + " (" + stageName(model, c.getStage()) + ", "
                + c.getSize() + " ranked)");
        w.row(true, "rank", "credit code", "name", "total", "tier");
        for (ReleasedEntry e : c.getMembers()) {
            if (e.getRank() > r.getTopN()) {
                break;
            }
            w.row(false, String.valueOf(e.getRank()), e.getCreditCode(), e.getName(),
                    String.format(Locale.ROOT, "%.2f", e.getTotalCents() / 100.0), e.getTier());
        }
    }

    private static String num(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String stageName(ScoringModel model, String stageId) {
        if (model == null) {
            return stageId;
        }
        return model.stage(stageId).map(Stage::names).map(n -> n.en() + " " + n.zh()).orElse(stageId);
    }

    /** Pages and a cursor: text lines, table rows and bars flow down and onto new pages. */
    private static final class Writer {
        private static final float[] COLUMNS = {0, 40, 170, 400, 450};
        private final PDDocument doc;
        private final PDFont font;
        private PDPageContentStream cs;
        private float y;

        Writer(PDDocument doc, PDFont font) throws IOException {
            this.doc = doc;
            this.font = font;
            newPage();
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            PDPage page = new PDPage(PAGE);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = PAGE.getHeight() - MARGIN;
        }

        void need(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void gap(float height) {
            y -= height;
        }

        void text(float size, String text) throws IOException {
            need(size * 1.5f);
            y -= size * 1.4f;
            show(MARGIN, y, size, text);
        }

        void row(boolean header, String... cells) throws IOException {
            need(14);
            y -= 13;
            if (header) {
                cs.setNonStrokingColor(0.90f, 0.90f, 0.90f);
                cs.addRect(MARGIN - 2, y - 3, PAGE.getWidth() - 2 * MARGIN + 4, 13);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
            }
            for (int i = 0; i < cells.length; i++) {
                String cell = cells[i] == null ? "" : cells[i];
                if (i == 2 && cell.length() > 28) {
                    cell = cell.substring(0, 27) + "…";
                }
                show(MARGIN + COLUMNS[i], y, 9, cell);
            }
        }

        /** Horizontal bars scaled to the largest value, one per label. */
        void bars(List<String> labels, List<Double> values, float[] rgb) throws IOException {
            double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            float width = 250;
            for (int i = 0; i < labels.size(); i++) {
                need(18);
                y -= 16;
                float w = max <= 0 ? 0 : (float) (values.get(i) / max * width);
                cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
                cs.addRect(MARGIN, y - 2, Math.max(w, 1), 11);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
                show(MARGIN + width + 10, y, 9, labels.get(i));
            }
        }

        /** Two bars per label (mean above, median below), on one scale. */
        void pairedBars(List<String> labels, List<Double> first, List<Double> second) throws IOException {
            double max = 0;
            for (int i = 0; i < labels.size(); i++) {
                max = Math.max(max, Math.max(first.get(i), second.get(i)));
            }
            float width = 250;
            for (int i = 0; i < labels.size(); i++) {
                need(24);
                y -= 22;
                float a = max <= 0 ? 0 : (float) (first.get(i) / max * width);
                float b = max <= 0 ? 0 : (float) (second.get(i) / max * width);
                cs.setNonStrokingColor(0.85f, 0.45f, 0.15f);
                cs.addRect(MARGIN, y + 5, Math.max(a, 1), 8);
                cs.fill();
                cs.setNonStrokingColor(0.35f, 0.55f, 0.25f);
                cs.addRect(MARGIN, y - 4, Math.max(b, 1), 8);
                cs.fill();
                cs.setNonStrokingColor(0f, 0f, 0f);
                show(MARGIN + width + 10, y, 9, labels.get(i));
            }
        }

        private void show(float x, float atY, float size, String text) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, atY);
            cs.showText(printable(text));
            cs.endText();
        }

        /** The text with every character the font cannot encode replaced by '?'. */
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                try {
                    font.encode(ch);
                    out.append(ch);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        void finish() throws IOException {
            cs.close();
        }
    }
}
