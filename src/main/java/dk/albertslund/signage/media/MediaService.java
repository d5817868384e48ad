package dk.albertslund.signage.media;

import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Images and videos for announcements and logos. What a file is comes from its bytes
 * only; it is stored once per content and served under a URL that never changes.
 */
@Singleton
public class MediaService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("createdAt", "bytes"), "createdAt,desc",
            Set.of("institution", "type"));
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_ALT = 300;
    private static final int MAX_NAME = 255;
    /** The largest side and area accepted: a 4K screen is 3840 × 2160 (8.3 MP), so these leave room for cropping and print-sized photos. */
    static final int MAX_SIDE = 16_384;
    static final long MAX_PIXELS = 40_000_000L;

    private final MediaRepository media;
    private final InstitutionService institutions;
    private final AnnouncementsShowingMedia announcementsShowing;
    private final MediaStore store;
    private final MediaIntegrity integrity;
    private final AuditLog audit;
    private final long maxBytes;

    MediaService(MediaRepository media, InstitutionService institutions, AnnouncementsShowingMedia announcementsShowing,
                 MediaStore store, MediaIntegrity integrity, AuditLog audit, SignageConfiguration configuration) {
        this.media = media;
        this.institutions = institutions;
        this.announcementsShowing = announcementsShowing;
        this.store = store;
        this.integrity = integrity;
        this.audit = audit;
        this.maxBytes = configuration.getMedia().getMaxBytes();
    }

    /** What an uploader may say about a file besides its bytes. */
    @Serdeable
    public record Command(@Nullable String institution, @Nullable String alt) {
    }

    /** The API and audit view of a media file; {@code fileProblem} is "missing" or "corrupt" when the last check found so. */
    @Serdeable
    public record View(long id, String sha256, String url, String contentType, long bytes,
                       @Nullable Integer width, @Nullable Integer height, @Nullable Long durationMs,
                       @Nullable String originalName, @Nullable String alt, @Nullable String institution,
                       @Nullable String uploadedBy, @Nullable Instant createdAt, @Nullable String fileProblem) {
    }

    /** A stored file, and whether it is new or the same bytes were there already. */
    public record Stored(Media media, View view, boolean created) {
    }

    /**
     * Stores an upload from staff. The bytes are read once, into a temporary file, and only
     * then is it decided what they are; anything refused leaves neither file nor row.
     */
    public Stored upload(Staff actor, Command command, @Nullable String fileName, @Nullable InputStream content) {
        if (!actor.canApprove() && !actor.roles().contains(Role.EDITOR)) {
            throw ProblemException.forbidden("media.forbidden.upload");
        }
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "institution", command.institution(), false);
        Long institutionId = null;
        if (command.institution() != null && !errors.has("institution")) {
            institutionId = institutions.findBySlug(command.institution()).map(Institution::id).orElse(null);
            if (institutionId == null) {
                errors.add("institution", "institution.noSuch", command.institution());
            }
        }
        String alt = blankToNull(command.alt());
        if (alt != null && alt.length() > MAX_ALT) {
            errors.add("alt", "field.tooLong", MAX_ALT);
        }
        if (content == null) {
            errors.add("file", "field.required");
        }
        errors.throwIfAny();
        if (institutionId != null && !actor.canApprove() && !actor.canEdit(institutionId)) {
            throw ProblemException.forbidden("media.forbidden.institution");
        }
        try (MediaStore.Received received = receive(content)) {
            if (received.bytes() == 0) {
                throw ProblemException.badRequest("file", "field.empty");
            }
            MediaProbe.Probe probe = probe(received);
            MediaFormat format = MediaFormat.forUpload(probe.contentType())
                    .orElseThrow(() -> unsupported(Message.of("media.unsupported", probe.contentType())));
            return save(actor.username(), received, format, probe, originalName(fileName), alt, institutionId);
        }
    }

    /**
     * Stores a file from the content pack, for the importer. SVG is accepted here (and only
     * here), rebuilt by {@link SvgSanitizer} before it is hashed and stored; every other
     * file is sniffed as an upload is. The same bytes give the same row, so importing twice
     * changes nothing.
     */
    public Media importPackFile(String actor, String fileName, byte[] bytes) {
        try (MediaStore.Received raw = receive(new ByteArrayInputStream(bytes))) {
            MediaProbe.Probe probe = probe(raw);
            if (probe.contentType().equals(MediaFormat.SVG.contentType())) {
                byte[] sanitised;
                try {
                    sanitised = SvgSanitizer.sanitize(bytes);
                } catch (SvgSanitizer.NotSvg e) {
                    throw ProblemException.badRequest("file", "media.svg.unreadable", fileName, e.getMessage());
                }
                try (MediaStore.Received clean = receive(new ByteArrayInputStream(sanitised))) {
                    return save(actor, clean, MediaFormat.SVG, MediaProbe.Probe.only(MediaFormat.SVG.contentType()),
                            originalName(fileName), null, null).media();
                }
            }
            MediaFormat format = MediaFormat.of(probe.contentType())
                    .orElseThrow(() -> unsupported(Message.of("media.packUnsupported", fileName, probe.contentType())));
            return save(actor, raw, format, probe, originalName(fileName), null, null).media();
        }
    }

    /**
     * Stores an image an event feed pointed to, for the feed importer. It gets the checks an
     * upload gets, and fewer formats: only a PNG, JPEG or WebP picture (no SVG, which could
     * carry script, and no video). The same bytes give the existing row back, whoever stored
     * them first. A refusal is a {@link ProblemException} whose message says why.
     */
    public Media storeFeedImage(String actor, long institutionId, String url, @Nullable String alt, byte[] bytes) {
        try (MediaStore.Received received = receive(new ByteArrayInputStream(bytes))) {
            if (received.bytes() == 0) {
                throw unsupported(Message.of("media.feedImage.empty"));
            }
            MediaProbe.Probe probe = probe(received);
            MediaFormat format = MediaFormat.forUpload(probe.contentType()).filter(f -> f.contentType().startsWith("image/"))
                    .orElseThrow(() -> unsupported(Message.of("media.feedImage.unsupported", probe.contentType())));
            String name = originalName(url.replaceFirst("[?#].*$", ""));
            String text = blankToNull(alt);
            return save(actor, received, format, probe, name,
                    text == null || text.length() <= MAX_ALT ? text : text.substring(0, MAX_ALT), institutionId).media();
        }
    }

    /**
     * A picture sent with a message through a submission link by someone without an account
     * (README "Submission links"). Read once into a temporary file under the upload's size
     * cap, then sniffed as an upload is; only a PNG, JPEG or WebP picture is kept, as for a
     * feed's image: no SVG, which could carry script, and no video. A refusal is a 400 on
     * the field {@code file}, or the upload's 413 when it is too large.
     */
    public Media storeSubmittedPicture(String actor, long institutionId, @Nullable String fileName, InputStream content) {
        try (MediaStore.Received received = receive(content)) {
            if (received.bytes() == 0) {
                throw ProblemException.badRequest("file", "field.empty");
            }
            MediaProbe.Probe probe = probe(received);
            MediaFormat format = MediaFormat.forUpload(probe.contentType()).filter(f -> f.contentType().startsWith("image/"))
                    .orElseThrow(() -> ProblemException.badRequest("file", "media.submitted.unsupported"));
            return save(actor, received, format, probe, originalName(fileName), null, institutionId).media();
        }
    }

    /** Records a received file; the same bytes stored before give the existing row back. */
    @Transactional
    Stored save(String actor, MediaStore.Received received, MediaFormat format, MediaProbe.Probe probe,
                @Nullable String originalName, @Nullable String alt, @Nullable Long institutionId) {
        refuseHugePicture(probe);
        Optional<Media> existing = media.findBySha256(received.sha256());
        // the same bytes again mend a file that went missing or corrupt: they are the ones its hash names
        boolean mending = existing.isPresent() && !existing.get().servable();
        store.place(received, format, mending);
        if (existing.isPresent()) {
            Media found = existing.get();
            if (mending) {
                integrity.restored(found);
                found = media.findById(found.id()).orElse(found);
            }
            return new Stored(found, view(found, new HashMap<>()), false);
        }
        Media saved = media.save(new Media(null, received.sha256(), format.contentType(), format.extension(),
                received.bytes(), probe.width(), probe.height(), probe.durationMs(), originalName, alt,
                institutionId, actor, null, null, null));
        View view = view(saved, new HashMap<>());
        audit.record(actor, "media", saved.id(), "create", null, view);
        return new Stored(saved, view, true);
    }

    public Optional<Media> findById(long id) {
        return media.findById(id);
    }

    public Optional<Media> findBySha256(String sha256) {
        return media.findBySha256(sha256);
    }

    public List<Media> findByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : media.findByIdIn(ids);
    }

    @Transactional
    public Page<View> list(ListQuery query) {
        PredicateSpecification<Media> where = null;
        String type = query.filters().get("type");
        if (type != null) {
            if (!type.equals("image") && !type.equals("video")) {
                throw ProblemException.badRequest("type", "media.type.oneOf");
            }
            String prefix = type + "/%";
            where = (root, cb) -> cb.like(root.get("contentType"), prefix);
        }
        String institution = query.filters().get("institution");
        if (institution != null) {
            long id = institutions.findBySlug(institution).map(Institution::id).orElse(-1L);
            PredicateSpecification<Media> owned = (root, cb) -> cb.equal(root.get("institutionId"), id);
            where = where == null ? owned : where.and(owned);
        }
        Map<Long, String> slugs = new HashMap<>();
        return media.findAll(where, query.pageable()).map(m -> view(m, slugs));
    }

    @Transactional
    public View get(String sha256) {
        return view(require(sha256), new HashMap<>());
    }

    /** The stored file behind a media URL, if there is one with exactly this extension. */
    @Transactional
    public Optional<Media> find(String sha256, String extension) {
        if (!SHA256.matcher(sha256).matches()) {
            return Optional.empty();
        }
        return media.findBySha256(sha256).filter(m -> m.extension().equals(extension));
    }

    /**
     * Removes a file nobody uses any more. The row goes in a transaction; the file only
     * after it has committed, so a failed delete never leaves a row without its file.
     */
    public void delete(Staff actor, String sha256) {
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("media.forbidden.delete");
        }
        Media removed = deleteRow(actor, sha256);
        store.delete(removed.sha256(), removed.extension());
    }

    @Transactional
    Media deleteRow(Staff actor, String sha256) {
        Media existing = require(sha256);
        List<Message> users = new ArrayList<>();
        List<String> announcements = announcementsShowing.announcementsShowing(existing.id());
        List<String> logos = institutions.slugsWithLogo(existing.id());
        if (!announcements.isEmpty()) {
            users.add(Message.of(announcements.size() == 1 ? "media.usedBy.announcement" : "media.usedBy.announcements",
                    quoted(announcements)));
        }
        if (!logos.isEmpty()) {
            users.add(Message.of(logos.size() == 1 ? "media.usedBy.logo" : "media.usedBy.logos", quoted(logos)));
        }
        if (!users.isEmpty()) {
            throw ProblemException.conflict("media.inUse", Message.joined("list.and", users));
        }
        View before = view(existing, new HashMap<>());
        media.delete(existing);
        audit.record(actor.username(), "media", existing.id(), "delete", before, null);
        return existing;
    }

    private Media require(String sha256) {
        return (SHA256.matcher(sha256).matches() ? media.findBySha256(sha256) : Optional.<Media>empty())
                .orElseThrow(() -> ProblemException.notFound("media.notFound", sha256));
    }

    private MediaStore.Received receive(InputStream content) {
        try {
            return store.receive(content, maxBytes);
        } catch (MediaStore.TooLarge e) {
            throw new ProblemException(413, "Content Too Large", Message.of("media.tooLarge", e.limitInMegabytes()), List.of());
        }
    }

    private static MediaProbe.Probe probe(MediaStore.Received received) {
        try {
            return MediaProbe.probe(received.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PNG of a few hundred bytes may declare 2147483647 × 2147483647 pixels; a kiosk (or any
     * thumbnailing later) decoding it would need exabytes. The probe reads the dimensions from
     * the header only, so this refuses such files before anything decodes them. Every way in
     * (upload, content pack, feed image) passes through save, so the check lives there.
     */
    static void refuseHugePicture(MediaProbe.Probe probe) {
        if (!probe.contentType().startsWith("image/") || probe.width() == null || probe.height() == null) {
            return;
        }
        long pixels = (long) probe.width() * probe.height();
        if (probe.width() > MAX_SIDE || probe.height() > MAX_SIDE || pixels > MAX_PIXELS) {
            throw new ProblemException(400, "Bad Request", Message.of("media.tooManyPixels",
                    Integer.toString(probe.width()), Integer.toString(probe.height()),
                    Integer.toString(MAX_SIDE), Long.toString(MAX_PIXELS / 1_000_000)), List.of());
        }
    }

    private static ProblemException unsupported(Message detail) {
        return new ProblemException(415, "Unsupported Media Type", detail, List.of());
    }

    /** The institution slugs are looked up once per page, not once per file. */
    private View view(Media m, Map<Long, String> slugs) {
        String institution = m.institutionId() == null ? null : slugs.computeIfAbsent(m.institutionId(),
                id -> institutions.findById(id).map(Institution::slug).orElse(null));
        return new View(m.id(), m.sha256(), m.url(), m.contentType(), m.bytes(), m.width(), m.height(), m.durationMs(),
                m.originalName(), m.altText(), institution, m.uploadedBy(), m.createdAt(),
                m.fileProblem() == null ? null : m.fileProblem().value());
    }

    /** Only the last part of whatever path a browser sent, without control characters; kept to show, never used as a path. */
    private static String originalName(@Nullable String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1)
                .replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            return null;
        }
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }

    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String quoted(List<String> slugs) {
        return "'" + String.join("', '", slugs) + "'";
    }
}
