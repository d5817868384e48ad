package dk.albertslund.signage.report;

import java.util.List;

/**
 * CSV as RFC 4180 has it (comma-separated, CRLF line ends, quoted when a cell holds a
 * comma, quote or line break), safe to open in a spreadsheet: a text cell starting with
 * = + - @ (or a tab or carriage return) gets a leading apostrophe, so a title such as
 * "=HYPERLINK(...)" is shown as text, never run as a formula. Starts with a byte order
 * mark so Excel reads æ, ø and å as UTF-8.
 */
final class Csv {

    static final String MEDIA_TYPE = "text/csv; charset=utf-8";
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final StringBuilder text = new StringBuilder(BYTE_ORDER_MARK);

    Csv row(List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Object cell = cells.get(i);
            text.append(cell instanceof Number ? cell.toString() : cell(String.valueOf(cell)));
        }
        text.append("\r\n");
        return this;
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') < 0 && safe.indexOf('"') < 0 && safe.indexOf('\n') < 0 && safe.indexOf('\r') < 0) {
            return safe;
        }
        return '"' + safe.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
