package dk.albertslund.signage.web;

/** The model of {@code views/error.hbs}; {@code heading} and {@code advice} are message keys. */
public record ErrorPage(int status, String heading, String advice, String detail) {
}
