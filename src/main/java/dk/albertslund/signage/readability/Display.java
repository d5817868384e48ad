package dk.albertslund.signage.readability;

/**
 * A screen as a passer-by meets it: its pixels, the player's layout on it, its physical
 * size and how far away people read it from. Screens do not record their size in inches,
 * so campus screens are taken to be the common 55-inch panel, read from 3 m.
 *
 * @param name      what staff call the screen, for the findings
 * @param layout    {@code full} or {@code main-side-ticker}, as on the screen
 * @param infoBand  the screen shows the band of date, time and next message (full layout only)
 */
public record Display(String name, int widthPx, int heightPx, String layout, double diagonalInches,
                      double viewingDistanceMetres, boolean infoBand) {

    public static final double DEFAULT_DIAGONAL_INCHES = 55;
    public static final double DEFAULT_VIEWING_DISTANCE_METRES = 3;
    public static final String FULL = "full";
    public static final String MAIN_SIDE_TICKER = "main-side-ticker";

    public Display {
        if (widthPx <= 0 || heightPx <= 0 || diagonalInches <= 0 || viewingDistanceMetres <= 0) {
            throw new IllegalArgumentException("a display needs a positive size and distance");
        }
    }

    /** A 55-inch screen read from 3 m. */
    public static Display of(String name, int widthPx, int heightPx, String layout) {
        return new Display(name, widthPx, heightPx, layout, DEFAULT_DIAGONAL_INCHES, DEFAULT_VIEWING_DISTANCE_METRES, false);
    }

    /** This display with or without the band of date, time and next message under a full-layout slide. */
    public Display withInfoBand(boolean band) {
        return new Display(name, widthPx, heightPx, layout, diagonalInches, viewingDistanceMetres, band);
    }

    /** Whether the band takes its share of the height: only on the full layout. */
    public boolean hasInfoBand() {
        return infoBand && FULL.equals(layout);
    }

    public boolean portrait() {
        return heightPx > widthPx;
    }

    public boolean hasSideAndTicker() {
        return MAIN_SIDE_TICKER.equals(layout);
    }

    /** Millimetres per pixel, for square pixels. */
    public double pixelPitchMm() {
        return diagonalInches * 25.4 / Math.hypot(widthPx, heightPx);
    }
}
