package dk.albertslund.signage.readability;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QR code the kiosk draws: what it holds, its quiet zone, and the size it gets on each
 * screen and layout, judged by the readability check from 3 m (docs/LINKS.md).
 */
class QrCodeTest {

    static final String ADDRESS = "https://signage.albertslund.dk/go/k3f9x2ab";
    private static final Display STATION = Display.of("Stationshallen", 1920, 1080, Display.FULL);
    private final ReadabilityCheck check = new ReadabilityCheck();

    @Test
    void the_path_draws_a_code_that_a_reader_decodes_back_to_the_short_address_with_four_light_modules_around_it() throws Exception {
        QrCode code = QrCode.encode(ADDRESS);

        // version 3 (29 modules) at level M, and the quiet zone on each side
        assertThat(code.modules()).isEqualTo(29 + 2 * 4);
        for (int i = 0; i < code.modules(); i++) {
            for (int edge = 0; edge < QrCode.QUIET_ZONE; edge++) {
                assertThat(code.dark(i, edge) || code.dark(edge, i) || code.dark(i, code.modules() - 1 - edge)
                        || code.dark(code.modules() - 1 - edge, i)).as("quiet zone at %d, %d", i, edge).isFalse();
            }
        }
        assertThat(code.path()).startsWith("M4 4h7v1h-7z");
        assertThat(decode(render(code, 4))).isEqualTo(ADDRESS);
    }

    @Test
    void on_a_55_inch_screen_the_code_is_read_from_3_m_in_every_layout_and_orientation() {
        QrCode code = QrCode.encode(ADDRESS);
        Map<Display, Integer> modulePx = Map.of(
                STATION, 14,
                Display.of("Stationshallen, stående", 1080, 1920, Display.FULL), 14,
                Display.of("Biblioteket", 1920, 1080, Display.MAIN_SIDE_TICKER), 13,
                Display.of("Biblioteket, stående", 1080, 1920, Display.MAIN_SIDE_TICKER), 14,
                Display.of("Foyeren i 4K", 3840, 2160, Display.FULL), 29);

        modulePx.forEach((display, px) -> {
            assertThat(code.modulePx(display)).as(display.name()).isEqualTo(px);
            assertThat(code.moduleMm(display)).as(display.name()).isGreaterThanOrEqualTo(7.5);
        });
        assertThat(check.check(slide(), List.copyOf(modulePx.keySet())).findings()).isEmpty();
    }

    @Test
    void on_a_32_inch_screen_the_squares_are_too_small_to_scan_from_3_m_and_the_finding_says_so_in_both_languages() {
        Display canteen = new Display("Kantinen", 1920, 1080, Display.FULL, 32, 3, false);

        List<Finding> findings = check.check(slide(), List.of(STATION, canteen)).findings();

        // the words are small there too (TEXT_SIZE), which is not what this test is about
        List<Finding> qr = findings.stream().filter(f -> f.code().startsWith("QR_")).toList();
        assertThat(qr).hasSize(1);
        Finding size = qr.get(0);
        assertThat(size.code()).isEqualTo("QR_SIZE");
        assertThat(size.severity()).isEqualTo(Finding.PROBLEM);
        assertThat(size.measured()).isEqualTo(5.2);
        assertThat(size.limit()).isEqualTo(7.5);
        assertThat(size.part()).isEqualTo("qr");
        assertThat(size.screen()).isEqualTo("Kantinen");
        assertThat(size.message().en()).isEqualTo("The QR code on Kantinen has squares 5.2 mm wide on a 32-inch screen (37 squares"
                + " across); a phone scanning it from 3 m needs at least 7.5 mm. The screen's layout sets this size: write the"
                + " address in the text as well, so people can type it.");
        assertThat(size.message().da()).isEqualTo("QR-koden på Kantinen har felter på 5,2 mm på en 32-tommers skærm (37 felter på"
                + " tværs); en telefon, der scanner den fra 3 m, skal have mindst 7,5 mm. Skærmens layout bestemmer størrelsen:"
                + " skriv også adressen i teksten, så folk kan taste den.");
    }

    @Test
    void grey_on_white_or_light_on_dark_is_refused_as_too_little_contrast_for_a_camera() {
        assertThat(check.qrContrast(QrCode.DARK, QrCode.LIGHT)).isEmpty();
        Finding grey = check.qrContrast("#777777", "#ffffff").orElseThrow();
        assertThat(grey.code()).isEqualTo("QR_CONTRAST");
        assertThat(grey.measured()).isEqualTo(4.47);
        assertThat(grey.limit()).isEqualTo(7);
        assertThat(grey.message().en()).isEqualTo("The QR code is drawn #777777 on #ffffff, a contrast of 4.47:1; a phone camera"
                + " needs dark squares on light with at least 7:1.");
        assertThat(check.qrContrast("#ffffff", "#111111")).as("inverted: many readers fail").isPresent();
    }

    @Test
    void the_code_takes_room_from_the_words_beside_them_in_landscape_and_under_them_in_portrait() {
        Slide without = new Slide("Ansøgningsfristen er 15. marts kl. 12", List.of(SENTENCE, SENTENCE, SENTENCE, SENTENCE), 60, "#1d4e89", false);
        Slide with = new Slide(without.title(), without.paragraphs(), 60, "#1d4e89", false, ADDRESS);

        for (Display display : List.of(STATION, Display.of("Stående", 1080, 1920, Display.FULL))) {
            double bodyWithout = body(PlayerLayout.texts(without, display));
            double bodyWith = body(PlayerLayout.texts(with, display));
            assertThat(bodyWith).as(display.name()).isLessThan(bodyWithout);
        }
    }

    private static final String SENTENCE = "Søg ind på optagelse.dk senest 15. marts kl. 12, og vælg gymnasiet i Albertslund som første ønske.";

    private static double body(List<PlayerLayout.Text> texts) {
        return texts.stream().filter(t -> t.part() == PlayerLayout.Part.BODY).findFirst().orElseThrow().fontPx();
    }

    private static Slide slide() {
        return new Slide("Ansøgningsfrist", List.of("Søg senest 15. marts."), 10, "#1d4e89", false, ADDRESS);
    }

    static BufferedImage render(QrCode code, int scale) {
        BufferedImage image = new BufferedImage(code.modules() * scale, code.modules() * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, code.dark(x / scale, y / scale) ? 0x111111 : 0xffffff);
            }
        }
        return image;
    }

    static String decode(BufferedImage image) throws Exception {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE)).getText();
    }
}
