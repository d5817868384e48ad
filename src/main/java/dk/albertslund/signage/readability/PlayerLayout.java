package dk.albertslund.signage.readability;

import java.util.ArrayList;
import java.util.List;

/**
 * How big the kiosk player draws a slide's words on a display: the numbers of
 * kiosk-client/styles.css (keep them in step), and an estimate of the player's fit(),
 * which shrinks the title and body together, in steps of 5 % down to half size, until
 * they fit their box. The browser measures real glyphs; here lines are filled word by
 * word with an average letter width, which is close enough to tell a slide that keeps
 * its full size from one that is shrunk.
 */
final class PlayerLayout {

    /** Where a slide's words appear. */
    enum Part { TITLE, BODY, SIDE, TICKER, QR }

    /** One place the slide's words appear, and the font size there in screen pixels. */
    record Text(Part part, double fontPx) {
    }

    /** Average advance of a letter (spaces included) in Noto Sans, in em: regular body, extra-bold title. */
    private static final double BODY_LETTER_EM = 0.52;
    private static final double TITLE_LETTER_EM = 0.58;
    /** line-height: normal of Noto Sans, for the footer. */
    private static final double NORMAL_LINE = 1.36;
    private static final double TITLE_LINE = 1.06;
    private static final double BODY_LINE = 1.3;
    private static final double PARAGRAPH_GAP_EM = 0.55;
    private static final double BODY_MAX_WIDTH_EM = 32;

    private PlayerLayout() {
    }

    /**
     * The QR code of a link takes at most this share of the slide area's shorter side: big
     * enough to be scanned from 3 m on a 55-inch screen, small enough to leave the words
     * their room (kiosk-client/styles.css, .slide-link).
     */
    static final double QR_SHARE = 0.5;
    /** The gap between the words and the QR code, and the code's margin, in cqmin. */
    private static final double QR_GAP_CQ = 4;
    /** The short address under the code: at most the footer's size, smaller when it is long. */
    private static final double QR_LABEL_CQ = 2.6;
    private static final double QR_LABEL_LETTER_EM = 0.55;
    private static final double QR_LABEL_PAD_CQ = 1.2;

    /** Screen pixels per module of a code {@code modules} wide (quiet zone included) on {@code display}. */
    static int qrModulePx(Display display, int modules) {
        double[] main = mainArea(display);
        int fits = (int) Math.floor(QR_SHARE * Math.min(main[0], main[1]) / modules);
        int wanted = (int) Math.ceil(display.viewingDistanceMetres() * QrCode.PREFERRED_MODULE_MM_PER_METRE
                / display.pixelPitchMm());
        return Math.max(1, Math.min(wanted, fits));
    }

    /** The room the QR code and its address take beside (landscape) or under (portrait) the words, in pixels. */
    private static double[] qrReserve(Slide slide, Display display, double mainW, double mainH) {
        if (slide.link() == null) {
            return new double[]{0, 0};
        }
        QrCode code = QrCode.encode(slide.link());
        double side = (double) code.modules() * qrModulePx(display, code.modules());
        double cq = Math.min(mainW, mainH) / 100;
        int labelChars = shortLabel(slide.link()).length();
        double label = Math.min(QR_LABEL_CQ * cq, side / (labelChars * QR_LABEL_LETTER_EM));
        return mainH > mainW ? new double[]{0, side + label * NORMAL_LINE + (QR_LABEL_PAD_CQ + QR_GAP_CQ) * cq}
                : new double[]{side + QR_GAP_CQ * cq, 0};
    }

    /** The address as the kiosk writes it under the code: without "https://" or "http://". */
    static String shortLabel(String address) {
        return address.replaceFirst("^https?://", "");
    }

    /** Width and height of the slide area (.main) on {@code display}: the stage less the side column, ticker or band. */
    private static double[] mainArea(Display display) {
        double w = display.widthPx();
        double h = display.heightPx();
        if (display.hasSideAndTicker()) {
            // grid-template: "main side" 1fr "ticker ticker" 8.5% / 1fr 27% (portrait: main / side 19% / ticker 5.5%), of the stage
            double tickerH = (display.portrait() ? 0.055 : 0.085) * h;
            return display.portrait() ? new double[]{w, h - 0.19 * h - tickerH} : new double[]{w - 0.27 * w, h - tickerH};
        }
        if (display.hasInfoBand()) {
            // .info-band: a row under the slide of 9% of the stage (portrait 8%), see kiosk-client/README.md
            return new double[]{w, h * (display.portrait() ? 0.92 : 0.91)};
        }
        return new double[]{w, h};
    }

    /** Every place on {@code display} where words of {@code slide} appear, with their size after fitting. */
    static List<Text> texts(Slide slide, Display display) {
        double w = display.widthPx();
        double h = display.heightPx();
        double[] main = mainArea(display);
        double mainW = main[0];
        double mainH = main[1];
        List<Text> texts = new ArrayList<>();
        if (display.hasSideAndTicker()) {
            double tickerH = (display.portrait() ? 0.055 : 0.085) * h;
            double sideW;
            double sideH;
            if (display.portrait()) {
                sideW = w - 2 * 0.06 * w;                       // padding 3.5% 6% (of the width)
                sideH = 0.19 * h - 2 * 0.035 * w - 0.005 * h;  // border-top 0.5cqh
            } else {
                sideW = 0.27 * w - 2 * 0.09 * 0.27 * w - 0.005 * w; // padding 9%, border-left 0.5cqw
                sideH = h - tickerH - 2 * 0.09 * 0.27 * w;
            }
            // .side-next li: 8.4cqw, or 11.5cqh when the side column is wider than tall
            texts.add(new Text(Part.SIDE, sideW > sideH ? 0.115 * sideH : 0.084 * sideW));
            texts.add(new Text(Part.TICKER, 0.46 * tickerH));        // .ticker-item: 46cqh
        }
        double[] reserve = qrReserve(slide, display, mainW, mainH);
        texts.addAll(slide.withPicture() ? panel(slide, mainW, mainH, reserve) : textSlide(slide, mainW, mainH, reserve));
        return texts;
    }

    /**
     * .slide--text: the words on the institution's colour, the footer with its name below
     * them; a QR code's room ({@code reserve}: width, height) is kept free beside or under them.
     */
    private static List<Text> textSlide(Slide slide, double mainW, double mainH, double[] reserve) {
        boolean portrait = mainH > mainW;
        double cq = Math.min(mainW, mainH) / 100;
        double padTop = portrait ? 9 : 8;
        double padSide = portrait ? 7 : 9;
        double footer = (2.6 + 0.35 + 3.3 * NORMAL_LINE) * cq;
        double boxW = mainW - 2 * padSide * cq - reserve[0];
        double boxH = mainH - (padTop + 6) * cq - footer - reserve[1];
        double title = (portrait ? 11 : 9.5) * cq;
        double body = (portrait ? 6.2 : 5.4) * cq;
        double fit = fit(slide, boxW, boxH, title, body, 0, 0, 0.4);
        return sizes(slide, title * fit, body * fit);
    }

    /** .slide-panel: title on the institution's colour, the words on near-black, over the picture. */
    private static List<Text> panel(Slide slide, double mainW, double mainH, double[] reserve) {
        boolean portrait = mainH > mainW;
        double cq = Math.min(mainW, mainH) / 100;
        // with a QR code the panel keeps clear of it: beside it in landscape, under it in portrait
        double boxW = portrait ? mainW - 10 * cq
                : reserve[0] > 0 ? Math.min(0.6 * mainW, mainW - reserve[0] - 16 * cq) : 0.6 * mainW;
        double boxH = reserve[1] > 0 ? Math.min(0.62 * mainH, mainH - reserve[1] - 12 * cq) : (portrait ? 0.62 : 0.78) * mainH;
        double title = (portrait ? 9 : 7.6) * cq;
        double body = (portrait ? 5.6 : 4.8) * cq;
        // title padding 3.4/3, body padding-top 3.2, footer 3cqmin with padding 2.6/3.2, all 5cqmin from the sides
        double fixed = (3.4 + 3 + 3.2 + 2.6 + 3.2 + 3 * NORMAL_LINE) * cq;
        double fit = fit(slide, boxW, boxH - fixed, title, body, 10 * cq, 10 * cq, 0);
        return sizes(slide, title * fit, body * fit);
    }

    private static List<Text> sizes(Slide slide, double titlePx, double bodyPx) {
        List<Text> texts = new ArrayList<>();
        if (!slide.title().isEmpty()) {
            texts.add(new Text(Part.TITLE, titlePx));
        }
        if (!slide.paragraphs().isEmpty()) {
            texts.add(new Text(Part.BODY, bodyPx));
        }
        return texts;
    }

    /** The player's scale (1 down to 0.5) for title and body in a box of {@code boxW × boxH}. */
    private static double fit(Slide slide, double boxW, double boxH, double title, double body,
                              double titleInset, double bodyInset, double titleGapEm) {
        double scale = 1;
        while (scale > 0.5 && !fits(slide, boxW, boxH, title * scale, body * scale, titleInset, bodyInset, titleGapEm)) {
            scale = Math.round((scale - 0.05) * 100) / 100.0;
        }
        return scale;
    }

    private static boolean fits(Slide slide, double boxW, double boxH, double title, double body,
                                double titleInset, double bodyInset, double titleGapEm) {
        double titleWidth = boxW - titleInset;
        // .slide-html is box-sizing: border-box with max-width 32em, its padding inside that
        double bodyWidth = Math.min(boxW, BODY_MAX_WIDTH_EM * body) - bodyInset;
        Lines titleLines = lines(slide.title(), titleWidth, title * TITLE_LETTER_EM);
        double height = titleLines.count() * title * TITLE_LINE + titleGapEm * title;
        boolean wordTooWide = titleLines.wordTooWide();
        for (int i = 0; i < slide.paragraphs().size(); i++) {
            Lines lines = lines(slide.paragraphs().get(i), bodyWidth, body * BODY_LETTER_EM);
            height += lines.count() * body * BODY_LINE + (i == 0 ? 0 : PARAGRAPH_GAP_EM * body);
            wordTooWide |= lines.wordTooWide();
        }
        return height <= boxH + 1 && !wordTooWide;
    }

    private record Lines(int count, boolean wordTooWide) {
    }

    /** Lines of {@code text} filled word by word, as a browser wraps it without breaking words. */
    private static Lines lines(String text, double width, double letter) {
        if (text.isBlank()) {
            return new Lines(0, false);
        }
        int count = 1;
        double used = 0;
        boolean tooWide = false;
        for (String word : text.strip().split("\\s+")) {
            double wordWidth = word.length() * letter;
            tooWide |= wordWidth > width;
            double withSpace = used == 0 ? wordWidth : used + letter + wordWidth;
            if (withSpace <= width || used == 0) {
                used = withSpace;
            } else {
                count++;
                used = wordWidth;
            }
        }
        return new Lines(count, tooWide);
    }
}
