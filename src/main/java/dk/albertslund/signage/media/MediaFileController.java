package dk.albertslund.signage.media;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Serves media files to kiosks and browsers, without signing in. A file never changes
 * under its URL, so it is cached for a year and revalidated only by its hash; parts of
 * it can be asked for, so videos seek and interrupted downloads resume.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/media")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class MediaFileController {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    /** A sanitised SVG opened on its own is still a document: give it nothing to run or fetch. */
    static final String LOCKED_DOWN = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    private final MediaService media;
    private final MediaStore store;
    private final MediaIntegrity integrity;
    private final Clock clock;

    MediaFileController(MediaService media, MediaStore store, MediaIntegrity integrity, Clock clock) {
        this.media = media;
        this.store = store;
        this.integrity = integrity;
        this.clock = clock;
    }

    @Get(value = "/{name}", headRoute = false)
    HttpResponse<?> get(String name, HttpRequest<?> request) {
        return serve(name, request, true);
    }

    @Head("/{name}")
    HttpResponse<?> head(String name, HttpRequest<?> request) {
        return serve(name, request, false);
    }

    private HttpResponse<?> serve(String name, HttpRequest<?> request, boolean withBody) {
        int dot = name.lastIndexOf('.');
        Media file = (dot < 0 ? Optional.<Media>empty() : media.find(name.substring(0, dot), name.substring(dot + 1)))
                .orElseThrow(() -> ProblemException.notFound("media.notFound", name));
        if (file.fileProblem() == FileProblem.CORRUPT) {
            // bytes that are not the ones named by the URL must not be cached for a year by anyone
            throw ProblemException.notFound("media.notFound", name);
        }
        Path path = store.file(file.sha256(), file.extension());
        long size;
        long lastModified;
        try {
            size = Files.size(path);
            lastModified = Files.getLastModifiedTime(path).toMillis();
        } catch (NoSuchFileException e) {
            // marked (and logged) once per file, not once per request; manifests leave it out from then on
            integrity.foundMissing(file);
            throw ProblemException.notFound("media.notFound", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String etag = "\"" + file.sha256() + "\"";
        HttpHeaders headers = request.getHeaders();
        if (matches(headers.get(HttpHeaders.IF_NONE_MATCH), etag)) {
            return cacheable(common(HttpResponse.notModified(), etag));
        }
        String ifRange = headers.get(HttpHeaders.IF_RANGE);
        ByteRange range = ifRange == null || ifRange.strip().equals(etag)
                ? ByteRange.of(headers.get(HttpHeaders.RANGE), size)
                : ByteRange.whole(size);
        if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
            return common(HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE), etag)
                    .header(HttpHeaders.CONTENT_RANGE, range.contentRange());
        }
        MediaType type = MediaType.of(file.contentType());
        MutableHttpResponse<?> response = range.kind() == ByteRange.Kind.PART
                ? HttpResponse.status(HttpStatus.PARTIAL_CONTENT).header(HttpHeaders.CONTENT_RANGE, range.contentRange())
                : HttpResponse.ok();
        cacheable(common(response, etag));
        if (!withBody) {
            return response.contentType(type).contentLength(range.length());
        }
        return response.body(new StreamedFile(open(path, range), type, lastModified, range.length()));
    }

    private static MutableHttpResponse<?> common(MutableHttpResponse<?> response, String etag) {
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", LOCKED_DOWN);
    }

    /**
     * A year, said twice: Cache-Control for HTTP/1.1 caches, and Expires because the file
     * writer would otherwise add its own one-minute Expires.
     */
    private MutableHttpResponse<?> cacheable(MutableHttpResponse<?> response) {
        return response.header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header(HttpHeaders.EXPIRES, DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        clock.instant().plus(Duration.ofDays(365)).atZone(ZoneOffset.UTC)));
    }

    /** If-None-Match: "*", or a list of tags compared weakly (a W/ prefix still matches). */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** The requested bytes straight from the file: skipping seeks, and the stream ends after the range. */
    private static InputStream open(Path path, ByteRange range) {
        try {
            InputStream in = Files.newInputStream(path);
            in.skipNBytes(range.start());
            return new Limited(in, range.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long left) {
            super(in);
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), left);
        }
    }
}
