package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.LanguageVersion;
import dk.albertslund.signage.feed.StartsIn;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaFormat;
import dk.albertslund.signage.playlist.AirtimeShares;
import dk.albertslund.signage.readability.Display;
import dk.albertslund.signage.readability.QrCode;
import dk.albertslund.signage.schedule.ScheduleResolver;
import dk.albertslund.signage.screen.Screen;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Turns the resolver's answer for a screen into the kiosk's manifest. Plain Java: the
 * caller brings the answer, the institutions and media it refers to, and the instant.
 */
public final class ManifestBuilder {

    /** Shown when an announcement's institution has vanished between reads. */
    private static final Manifest.Institution UNKNOWN = new Manifest.Institution("", "#1d3557");

    private ManifestBuilder() {
    }

    /**
     * {@code zone} is the campus time zone, for the "starts in 20 min" words of imported
     * events ({@link StartsIn}). While such words are on a slide, the manifest
     * changes when they do, so kiosks get them fresh each minute near the start.
     */
    public static Manifest build(Screen screen, ScheduleResolver.Now answer, Map<Long, Institution> institutions,
                                 Map<Long, Media> media, Instant generatedAt, ZoneId zone) {
        return build(screen, answer, institutions, media, generatedAt, zone, Map.of());
    }

    /**
     * As above; {@code shortAddresses} are this screen's short addresses of the messages
     * with a link, by message id. A message with a link but no address here (a manifest
     * built from memory while the database is away, before its code was made) shows
     * without its QR code rather than with one that would lead nowhere.
     */
    public static Manifest build(Screen screen, ScheduleResolver.Now answer, Map<Long, Institution> institutions,
                                 Map<Long, Media> media, Instant generatedAt, ZoneId zone, Map<Long, String> shortAddresses) {
        return build(screen, answer, institutions, media, generatedAt, zone, shortAddresses, Map.of());
    }

    /**
     * As above, on a screen whose institutions have airtime shares ({@code percents},
     * institution id → percent; empty for none): the manifest's {@code turns} then give the
     * play order by share ({@link AirtimeShares}, docs/ARCHITECTURE.md "Fair airtime"). An
     * emergency plays alone and in its own order, whatever the shares.
     */
    public static Manifest build(Screen screen, ScheduleResolver.Now answer, Map<Long, Institution> institutions,
                                 Map<Long, Media> media, Instant generatedAt, ZoneId zone, Map<Long, String> shortAddresses,
                                 Map<Long, Integer> percents) {
        return build(screen, answer, institutions, media, generatedAt, zone, shortAddresses, percents, null);
    }

    /** The days "Hvad sker der? / What's on" lists on a touch screen: today and the six after. */
    public static final int WEEK_DAYS = 7;

    /** The instants the touch view's days span from {@code now}: from today's start on campus, {@link #WEEK_DAYS} days. */
    public record WeekSpan(LocalDate firstDay, Instant from, Instant until, Instant tomorrow) {
        public static WeekSpan of(Instant now, ZoneId zone) {
            LocalDate today = now.atZone(zone).toLocalDate();
            return new WeekSpan(today, today.atStartOfDay(zone).toInstant(), today.plusDays(WEEK_DAYS).atStartOfDay(zone).toInstant(),
                    today.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    /**
     * As above, on a touch screen ({@code week} not null): {@code week} is the screen's
     * timeline over {@link WeekSpan#of} the instant, from which the manifest's {@code week}
     * is made, and the manifest then changes at midnight too, when the days move on.
     */
    public static Manifest build(Screen screen, ScheduleResolver.Now answer, Map<Long, Institution> institutions,
                                 Map<Long, Media> media, Instant generatedAt, ZoneId zone, Map<Long, String> shortAddresses,
                                 Map<Long, Integer> percents, List<ScheduleResolver.Segment> week) {
        Display display = Display.of(screen.name(), screen.widthPx(), screen.heightPx(), screen.layout())
                .withInfoBand(screen.infoBand());
        List<Announcement> shown = answer.announcements().stream()
                .filter(a -> !pictureOnlyWithoutPicture(a, screen.languages(), media))
                .toList();
        List<Manifest.Slide> slides = shown.stream()
                .map(a -> slide(a, screen.languages(), institutions.get(a.institutionId()),
                        servable(a, media), generatedAt, zone, link(a, shortAddresses.get(a.id()), display)))
                .toList();
        boolean emergency = answer.reason().kind() == ScheduleResolver.Kind.EMERGENCY;
        AirtimeShares.Rotation rotation = emergency ? null : AirtimeShares.rotate(
                IntStream.range(0, slides.size()).boxed().toList(), i -> shown.get(i).institutionId(),
                i -> slides.get(i).durationSeconds(), percents);
        Instant nextChange = answer.nextChange();
        for (Announcement a : answer.announcements()) {
            for (LanguageVersion version : a.shownIn(screen.languages())) {
                Instant wordsChange = StartsIn.nextChange(version.bodyHtml(), generatedAt);
                if (wordsChange != null && (nextChange == null || wordsChange.isBefore(nextChange))) {
                    nextChange = wordsChange;
                }
            }
        }
        Manifest.Week coming = null;
        if (week != null) {
            WeekSpan span = WeekSpan.of(generatedAt, zone);
            coming = week(week, span, slides, screen.languages(), institutions, media, generatedAt, zone, shortAddresses, display);
            if (nextChange == null || span.tomorrow().isBefore(nextChange)) {
                nextChange = span.tomorrow();
            }
        }
        return new Manifest(
                new Manifest.ScreenInfo(screen.slug(), screen.name(), screen.orientation(), screen.layout(),
                        List.copyOf(screen.languages()), screen.widthPx(), screen.heightPx(),
                        screen.infoBand() && Display.FULL.equals(screen.layout()), screen.departures(), screen.touch()),
                generatedAt, nextChange, emergency, slides, rotation == null ? null : rotation.turns(), coming);
    }

    /**
     * The touch view's week from the screen's timeline: what the screen shows by schedule or
     * by default, never an emergency's message (over when it is over) nor a message the
     * rotation would leave out; a message's neighbouring times are one showing.
     */
    private static Manifest.Week week(List<ScheduleResolver.Segment> timeline, WeekSpan span, List<Manifest.Slide> onShow,
                                      List<String> languages, Map<Long, Institution> institutions, Map<Long, Media> media,
                                      Instant now, ZoneId zone, Map<Long, String> shortAddresses, Display display) {
        Map<Long, Announcement> byId = new LinkedHashMap<>();
        Map<Long, List<Manifest.Showing>> showings = new LinkedHashMap<>();
        for (ScheduleResolver.Segment segment : timeline) {
            ScheduleResolver.Kind kind = segment.reason().kind();
            if (kind == ScheduleResolver.Kind.EMERGENCY || kind == ScheduleResolver.Kind.STANDBY) {
                continue;
            }
            Instant from = segment.start().isBefore(span.from()) ? span.from() : segment.start();
            Instant until = segment.end().isAfter(span.until()) ? span.until() : segment.end();
            if (!from.isBefore(until)) {
                continue;
            }
            for (Announcement a : segment.announcements()) {
                if (pictureOnlyWithoutPicture(a, languages, media) || a.shownIn(languages).isEmpty()) {
                    continue;
                }
                byId.putIfAbsent(a.id(), a);
                List<Manifest.Showing> times = showings.computeIfAbsent(a.id(), id -> new ArrayList<>());
                Manifest.Showing last = times.isEmpty() ? null : times.get(times.size() - 1);
                if (last != null && !last.until().isBefore(from)) {
                    times.set(times.size() - 1, new Manifest.Showing(a.id(), last.from(), until.isAfter(last.until()) ? until : last.until()));
                } else {
                    times.add(new Manifest.Showing(a.id(), from, until));
                }
            }
        }
        Set<Long> shown = onShow.stream().map(Manifest.Slide::id).collect(Collectors.toSet());
        List<Manifest.Slide> coming = byId.values().stream()
                .filter(a -> !shown.contains(a.id()))
                .map(a -> slide(a, languages, institutions.get(a.institutionId()), null, now, zone,
                        link(a, shortAddresses.get(a.id()), display)))
                .toList();
        List<Manifest.Showing> all = showings.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparing(Manifest.Showing::from).thenComparingLong(Manifest.Showing::id))
                .toList();
        return new Manifest.Week(span.firstDay(), WEEK_DAYS, coming, all);
    }

    /**
     * The message's picture or video, if the server can serve it: a file the media check
     * found missing or corrupt is never handed to a kiosk (README "Media integrity").
     */
    private static Media servable(Announcement announcement, Map<Long, Media> media) {
        Media file = announcement.mediaId() == null ? null : media.get(announcement.mediaId());
        return file != null && file.servable() ? file : null;
    }

    /**
     * A message that is its picture, with no words beyond a title in the screen's languages,
     * whose picture cannot be served. The kiosk shows such a slide as the picture alone (the
     * title is not on it), so without the picture a passer-by would get a bare title card
     * that looks like a fault; the other messages get its time instead. A message with
     * words is shown as text only.
     */
    public static boolean pictureOnlyWithoutPicture(Announcement announcement, List<String> languages, Map<Long, Media> media) {
        if (announcement.mediaId() == null || servable(announcement, media) != null) {
            return false;
        }
        return announcement.shownIn(languages).stream().noneMatch(v -> hasWords(v.bodyHtml()));
    }

    /** As the kiosk decides it: text left once the tags are taken out. */
    private static boolean hasWords(String html) {
        return html != null && !html.replaceAll("<[^>]*>", "").isBlank();
    }

    /**
     * The message's time is shared by its languages (docs/MESSAGES.md): a screen that plays
     * only some of them shows those for their share, not the whole, so a Danish screen does
     * not hold a Danish-and-English message twice as long. Never under the kiosk's 3 s.
     */
    static int shownSeconds(Announcement announcement, int shownLanguages) {
        int all = announcement.languages().size();
        return shownLanguages >= all ? announcement.durationSeconds()
                : Math.max(3, Math.round((float) announcement.durationSeconds() * shownLanguages / all));
    }

    /** The QR code of the message's short address on {@code display}, or null without a link. */
    private static Manifest.Link link(Announcement announcement, String shortAddress, Display display) {
        if (announcement.link() == null || shortAddress == null) {
            return null;
        }
        QrCode code = QrCode.encode(shortAddress);
        return new Manifest.Link(shortAddress, QrCode.label(shortAddress), code.path(), code.modules(), code.modulePx(display));
    }

    private static Manifest.Slide slide(Announcement announcement, List<String> languages, Institution institution, Media file,
                                        Instant now, ZoneId zone, Manifest.Link link) {
        Manifest.MediaFile mediaFile = file == null ? null
                : new Manifest.MediaFile(file.url(), file.sha256(), file.bytes(), file.contentType(), file.width(), file.height());
        String kind = MediaFormat.slideKind(file == null ? null : file.contentType());
        List<Manifest.Text> texts = announcement.shownIn(languages).stream()
                .map(v -> new Manifest.Text(v.language(), v.title(), StartsIn.render(v.bodyHtml(), v.language(), now, zone)))
                .toList();
        Manifest.Text first = texts.get(0);
        return new Manifest.Slide(announcement.id(), kind, first.title(), first.html(), first.language(), texts,
                shownSeconds(announcement, texts.size()), announcement.publishUntil(),
                institution == null ? UNKNOWN : new Manifest.Institution(institution.name(), institution.colour()), mediaFile,
                link);
    }
}
