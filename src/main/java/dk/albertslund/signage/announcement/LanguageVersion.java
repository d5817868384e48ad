package dk.albertslund.signage.announcement;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A message's words in one language: its headline and Markdown body, kept with the
 * sanitised HTML made from it. A message has one in its main language and may have more
 * (docs/MESSAGES.md); all are written, approved and shown as one.
 */
@Serdeable
public record LanguageVersion(String language, String title, String bodyMarkdown, String bodyHtml) {
}
