package dk.albertslund.signage.core;

/** Published inside the server, with the transaction, for every audited change of content. */
public record ContentChanged(String entityType) {
}
