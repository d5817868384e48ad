package dk.albertslund.signage.readability;

import dk.albertslund.signage.readability.PlayerLayout.Part;
import dk.albertslund.signage.readability.PlayerLayout.Text;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * Checks a slide for what a passer-by can read in the time it is shown: how fast the words
 * must be read, the contrast of the text on its background, the size of its smallest text
 * from where people stand, and the length of the headline. Plain Java: the caller gives
 * the slide as the screen shows it and the displays it plays on.
 */
public final class ReadabilityCheck {

    /**
     * Faster than this the words cannot be read in passing. Adults read running text at
     * about 4 words a second at a desk; someone walking past a screen reads headlines and
     * short lines, and signage guidance keeps to 2 to 3.
     */
    public static final double MAX_WORDS_PER_SECOND = 3;
    /** WCAG 2.x success criterion 1.4.3 (AA): 4.5:1, or 3:1 for large text. */
    public static final double NORMAL_TEXT_CONTRAST = 4.5;
    public static final double LARGE_TEXT_CONTRAST = 3;
    /**
     * Height of a capital letter as an angle at the eye, in minutes of arc: ANSI/HFES
     * 100-2007 (section 6.2.1) and ISO 9241-303 prefer 20 to 22 and accept no less than 16
     * where reading matters. At 3 m, 20' is a capital 17.5 mm tall (16' is 14.0 mm).
     */
    public static final double PREFERRED_ARCMIN = 20;
    public static final double MINIMUM_ARCMIN = 16;
    /** Capital height of Noto Sans, the player's font, as a share of its font size (714/1000 units). */
    static final double CAP_HEIGHT_EM = 0.714;
    /**
     * WCAG's "large text" is 18 point (24 CSS px), or 14 point (18.66 px) in bold, in CSS
     * reference pixels: a pixel of a 96 dpi screen seen at arm's length (28 inches), 1.28'
     * (CSS Values 4, section 6.2). A screen across the room is judged by the same angle.
     */
    static final double REFERENCE_PIXEL_ARCMIN = Math.toDegrees(Math.atan(1.0 / 96 / 28)) * 60;
    static final double LARGE_TEXT_PX = 24;
    static final double LARGE_BOLD_TEXT_PX = 18.66;
    /**
     * A headline is read at a glance, and the side column and the ticker show only the
     * headline: beyond about 8 words or 60 characters it takes more than one look (and
     * breaks into a third line at the title size of a landscape slide). Beyond 12 words or
     * 90 characters it is running text, not a headline.
     */
    public static final int HEADLINE_WORDS = 8;
    public static final int HEADLINE_CHARACTERS = 60;
    static final int HEADLINE_WORDS_PROBLEM = 12;
    static final int HEADLINE_CHARACTERS_PROBLEM = 90;

    private static final Locale DANISH = Locale.forLanguageTag("da");
    private final ResourceBundle danish = bundle(DANISH);
    private final ResourceBundle english = bundle(Locale.ENGLISH);

    /** The verdict for {@code slide} on the displays it plays on (at least one). */
    public Verdict check(Slide slide, List<Display> displays) {
        if (displays.isEmpty()) {
            throw new IllegalArgumentException("a slide is checked on at least one display");
        }
        List<Finding> findings = new ArrayList<>();
        readingSpeed(slide).ifPresent(findings::add);
        Map<Part, Double> smallestAngle = new EnumMap<>(Part.class);
        Measured smallest = null;
        for (Display display : displays) {
            for (Text text : PlayerLayout.texts(slide, display)) {
                Measured m = Measured.of(text, display);
                smallestAngle.merge(text.part(), m.fontArcmin(), Math::min);
                if (m.shortfall() > 0 && (smallest == null || m.shortfall() > smallest.shortfall()
                        || m.shortfall() == smallest.shortfall() && m.capArcmin() < smallest.capArcmin())) {
                    smallest = m;
                }
            }
        }
        contrast(slide, smallestAngle).ifPresent(findings::add);
        if (smallest != null) {
            textSize(smallest).ifPresent(findings::add);
        }
        headline(slide).ifPresent(findings::add);
        if (slide.link() != null) {
            QrCode code = QrCode.encode(slide.link());
            qrSize(code, displays).ifPresent(findings::add);
            qrContrast(QrCode.DARK, QrCode.LIGHT).ifPresent(findings::add);
        }
        return Verdict.of(slide.words(), findings);
    }

    /**
     * The QR code's modules on the display where they are smallest for its distance: below
     * {@link QrCode#MINIMUM_MODULE_MM_PER_METRE} a phone at that distance cannot be relied on
     * to read it (docs/LINKS.md). The layout sets the size, so the advice is what the writer
     * can do: put the address in the words too.
     */
    private Optional<Finding> qrSize(QrCode code, List<Display> displays) {
        Display worst = null;
        double worstShare = Double.MAX_VALUE;
        for (Display display : displays) {
            double share = code.moduleMm(display) / (display.viewingDistanceMetres() * QrCode.MINIMUM_MODULE_MM_PER_METRE);
            if (share < worstShare) {
                worstShare = share;
                worst = display;
            }
        }
        if (worstShare >= 1) {
            return Optional.empty();
        }
        double moduleMm = code.moduleMm(worst);
        double neededMm = worst.viewingDistanceMetres() * QrCode.MINIMUM_MODULE_MM_PER_METRE;
        return Optional.of(finding("QR_SIZE", Finding.PROBLEM, round(moduleMm, 1), round(neededMm, 1), "mm", Part.QR,
                worst.name(), worst.name(), moduleMm, worst.diagonalInches(), worst.viewingDistanceMetres(), neededMm,
                code.modules()));
    }

    /** Dark modules on the light square: a camera in the glare of a station hall needs a clear difference. */
    Optional<Finding> qrContrast(String dark, String light) {
        double ratio = Colours.contrast(dark, light);
        if (ratio >= QrCode.MINIMUM_CONTRAST && Colours.luminance(dark) < Colours.luminance(light)) {
            return Optional.empty();
        }
        double shown = Math.floor(ratio * 100) / 100;
        return Optional.of(finding("QR_CONTRAST", Finding.PROBLEM, shown, QrCode.MINIMUM_CONTRAST, ":1", Part.QR, null,
                dark, light, shown, QrCode.MINIMUM_CONTRAST));
    }

    private Optional<Finding> readingSpeed(Slide slide) {
        int words = slide.words();
        double perSecond = (double) words / slide.durationSeconds();
        if (perSecond <= MAX_WORDS_PER_SECOND) {
            return Optional.empty();
        }
        int seconds = (int) Math.ceil(words / MAX_WORDS_PER_SECOND);
        return Optional.of(finding("READING_SPEED", Finding.PROBLEM, round(perSecond, 2), MAX_WORDS_PER_SECOND,
                "words/s", null, null, words, slide.durationSeconds(), perSecond, MAX_WORDS_PER_SECOND, seconds));
    }

    /**
     * The text the player puts on the institution's colour: white, or near-black where white
     * does not reach 4.5:1 (kiosk-client/js/colour.js). On a text slide that is all of it;
     * with a picture only the title, the body sitting on a near-black panel. The slide's
     * light and shade overlays (7 % white, up to 28 % black, in the corners) are left out:
     * they are texture, and the words sit on the colour itself.
     */
    private Optional<Finding> contrast(Slide slide, Map<Part, Double> smallestAngle) {
        String background = Colours.safe(slide.accentColour());
        String text = Colours.textOn(background);
        double ratio = Colours.contrast(text, background);
        List<Part> onAccent = slide.withPicture() ? List.of(Part.TITLE) : List.of(Part.BODY, Part.TITLE);
        for (Part part : onAccent) {
            Double angle = smallestAngle.get(part);
            if (angle == null) {
                continue;
            }
            double referencePx = angle / REFERENCE_PIXEL_ARCMIN;
            boolean large = referencePx >= (part == Part.TITLE ? LARGE_BOLD_TEXT_PX : LARGE_TEXT_PX);
            double required = large ? LARGE_TEXT_CONTRAST : NORMAL_TEXT_CONTRAST;
            if (ratio < required) {
                // shown rounded, but never rounded up to the limit it misses
                double shown = round(ratio, 2) >= required ? Math.floor(ratio * 100) / 100 : round(ratio, 2);
                return Optional.of(finding("CONTRAST", Finding.PROBLEM, shown, required, ":1", part, null,
                        partName(part), text, background, shown, required));
            }
        }
        return Optional.empty();
    }

    /**
     * The smallest text that falls short, on the display where it is smallest. The side
     * column and the ticker have the layout's fixed sizes, which no writer can change: they
     * are reported only below the minimum, when the layout itself is too small to read.
     */
    private Optional<Finding> textSize(Measured smallest) {
        Display display = smallest.display();
        double neededMm = display.viewingDistanceMetres() * 1000 * Math.tan(Math.toRadians(PREFERRED_ARCMIN / 60));
        String severity = smallest.shortfall() == 2 ? Finding.PROBLEM : Finding.WARNING;
        Part part = smallest.text().part();
        return Optional.of(finding("TEXT_SIZE", severity, round(smallest.capMm(), 1), round(neededMm, 1), "mm",
                part, display.name(), new Localised("readability.part." + part), display.name(), smallest.capMm(),
                display.viewingDistanceMetres(), neededMm, display.diagonalInches(),
                new Localised("readability.TEXT_SIZE.advice." + part)));
    }

    private Optional<Finding> headline(Slide slide) {
        int words = SlideText.words(slide.title());
        int characters = slide.title().codePointCount(0, slide.title().length());
        if (words <= HEADLINE_WORDS && characters <= HEADLINE_CHARACTERS) {
            return Optional.empty();
        }
        String severity = words > HEADLINE_WORDS_PROBLEM || characters > HEADLINE_CHARACTERS_PROBLEM
                ? Finding.PROBLEM : Finding.WARNING;
        boolean byWords = words > HEADLINE_WORDS;
        return Optional.of(finding("HEADLINE_LENGTH", severity, byWords ? words : characters,
                byWords ? HEADLINE_WORDS : HEADLINE_CHARACTERS, byWords ? "words" : "characters", Part.TITLE, null,
                words, characters, HEADLINE_WORDS, HEADLINE_CHARACTERS));
    }

    /** A size on a display, as the angle it makes at a passer-by's eye. */
    private record Measured(Text text, Display display, double capMm, double capArcmin, double fontArcmin) {
        static Measured of(Text text, Display display) {
            double distanceMm = display.viewingDistanceMetres() * 1000;
            double fontMm = text.fontPx() * display.pixelPitchMm();
            double capMm = fontMm * CAP_HEIGHT_EM;
            return new Measured(text, display, capMm, arcmin(capMm, distanceMm), arcmin(fontMm, distanceMm));
        }

        /** 0 when readable, 1 below the preferred size (only the slide's own words), 2 below the minimum. */
        int shortfall() {
            if (capArcmin < MINIMUM_ARCMIN) {
                return 2;
            }
            boolean ownWords = text.part() == Part.TITLE || text.part() == Part.BODY;
            return ownWords && capArcmin < PREFERRED_ARCMIN ? 1 : 0;
        }

        private static double arcmin(double sizeMm, double distanceMm) {
            return Math.toDegrees(Math.atan(sizeMm / distanceMm)) * 60;
        }
    }

    /** A message argument said in each language from the bundles. */
    private record Localised(String key) {
    }

    private Finding finding(String code, String severity, double measured, double limit, String unit, Part part,
                            String screen, Object... args) {
        String key = "readability." + code;
        return new Finding(code, severity, measured, limit, unit,
                part == null ? null : part.name().toLowerCase(Locale.ROOT), screen, key,
                new Finding.Message(format(danish, DANISH, key, args), format(english, Locale.ENGLISH, key, args)));
    }

    private static Localised partName(Part part) {
        return new Localised("readability.part." + part);
    }

    private static String format(ResourceBundle bundle, Locale locale, String key, Object[] args) {
        Object[] said = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            said[i] = args[i] instanceof Localised l ? bundle.getString(l.key()) : args[i];
        }
        return new MessageFormat(bundle.getString(key), locale).format(said);
    }

    private static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle("i18n.readability", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
