package dk.albertslund.signage.submission;

import dk.albertslund.signage.announcement.AnnouncementEditor;
import dk.albertslund.signage.announcement.Senders;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.MediaService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes in a message sent through a submission link: the link must still work, the
 * sender and the link must be under their hourly limits and the link under its weekly
 * one, the honeypot must be empty; then the picture is stored as media stores uploads
 * (sniffed, capped) and the words go through the staff editor's own checks
 * ({@link AnnouncementEditor#receive}) straight into the approval queue. Nothing about the
 * sender is kept beyond what they typed (README "Submission links").
 */
@Singleton
class SubmissionDesk {

    /** Messages from groups are youth and association life; the approver may change it. */
    static final String CATEGORY = "youth";

    private final SubmissionLinks links;
    private final SubmissionThrottle throttle;
    private final AnnouncementEditor editor;
    private final MediaService media;
    private final InstitutionService institutions;
    private final AuditLog audit;
    private final ZoneId zone;
    private final Clock clock;

    SubmissionDesk(SubmissionLinks links, SubmissionThrottle throttle, AnnouncementEditor editor, MediaService media,
                   InstitutionService institutions, AuditLog audit, SignageConfiguration configuration, Clock clock) {
        this.links = links;
        this.throttle = throttle;
        this.editor = editor;
        this.media = media;
        this.institutions = institutions;
        this.audit = audit;
        this.zone = configuration.getTimeZone();
        this.clock = clock;
    }

    /** What the form sends. {@code website} is the honeypot: hidden from people, filled in by form-filling robots. */
    record Form(@Nullable String titleDa, @Nullable String bodyDa, @Nullable String titleEn, @Nullable String bodyEn,
                @Nullable String publishFrom, @Nullable String publishUntil, List<String> places, @Nullable String website) {
    }

    /** A picture as it arrives: its name and its bytes, read once. */
    record Picture(@Nullable String fileName, InputStream content) {
    }

    /** The audit log's view of a message sent through a link: which message, nothing about who. */
    @Serdeable
    record Sent(String announcement) {
    }

    /**
     * The receipt's secret of the message sent, or null when the honeypot was filled in: then
     * nothing is stored and the robot is told nothing it could learn from. Refusals are
     * {@link ProblemException}s: 410 for a revoked or expired link, 429 over a limit, 400
     * with the fields to mend.
     */
    @Transactional
    @Nullable
    String send(SubmissionLinks.Link link, String clientAddress, Form form, @Nullable Picture picture) {
        if (!link.usableAt(clock.instant())) {
            throw gone(link);
        }
        if (!throttle.allowSend(clientAddress, link.id())) {
            throw new ProblemException(429, "Too Many Requests", Message.of("submission.throttled"), List.of());
        }
        if (form.website() != null && !form.website().isBlank()) {
            return null;
        }
        if (links.lockAndCountWeek(link.id()) >= link.weeklyLimit()) {
            throw new ProblemException(429, "Too Many Requests", Message.of("submission.weekFull", link.weeklyLimit()), List.of());
        }
        String sender = Senders.ACTOR_PREFIX + link.id();
        List<Problem.FieldError> formErrors = new ArrayList<>();
        String from = day(form.publishFrom(), 0, "publishFrom", formErrors);
        String until = day(form.publishUntil(), 1, "publishUntil", formErrors);
        String sha256 = null;
        if (picture != null) {
            try {
                sha256 = media.storeSubmittedPicture(sender, link.institutionId(), picture.fileName(), picture.content()).sha256();
            } catch (ProblemException e) {
                if (e.status() != 400 && e.status() != 413) {
                    throw e;
                }
                formErrors.add(e.errors().isEmpty() ? new Problem.FieldError("file", e.detail()) : e.errors().get(0));
            }
        }
        AnnouncementEditor.Shared shared = new AnnouncementEditor.Shared(institutions.require(link.institutionId()).slug(), CATEGORY,
                sha256, from, until, null, form.places(), null);
        Map<String, AnnouncementEditor.Text> texts = Map.of("da", new AnnouncementEditor.Text(form.titleDa(), form.bodyDa()),
                "en", new AnnouncementEditor.Text(form.titleEn(), form.bodyEn()));
        if (texts.get("da").isEmpty() && texts.get("en").isEmpty()) {
            formErrors.add(new Problem.FieldError("titleDa", "submission.words.required"));
        }
        String slug = editor.receive(sender, shared, texts, formErrors);
        long announcementId = editor.idOf(slug);
        String receipt = links.recordSubmission(link.id(), announcementId);
        audit.record(sender, SubmissionLinks.ENTITY, link.id(), "submit", null, new Sent(slug));
        return receipt;
    }

    static ProblemException gone(SubmissionLinks.Link link) {
        return new ProblemException(410, "Gone", Message.of(link.revokedAt() != null ? "submission.revoked" : "submission.expired"), List.of());
    }

    /** A day typed as yyyy-MM-dd, as the instant its start (or, with {@code plusDays} 1, its end) in the campus time zone. */
    private String day(@Nullable String value, int plusDays, String field, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(zone).toInstant().toString();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "submission.date.unreadable"));
            return null;
        }
    }
}
