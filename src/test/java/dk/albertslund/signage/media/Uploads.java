package dk.albertslund.signage.media;

import dk.albertslund.signage.testing.Api;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Uploads as a browser form would send them, and what the test expects on disk afterwards. */
final class Uploads {

    private Uploads() {
    }

    /** POST /api/v1/media with the file first, then the other fields as name/value pairs. */
    static Api.Response upload(Api api, String fileName, String declaredType, byte[] bytes, String... fields) {
        MultipartBody.Builder body = MultipartBody.builder().addPart("file", fileName, MediaType.of(declaredType), bytes);
        for (int i = 0; i < fields.length; i += 2) {
            body.addPart(fields[i], fields[i + 1]);
        }
        return api.send(HttpRequest.POST("/api/v1/media", body.build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file under the test class's media directory, temporary ones included. */
    static List<Path> filesUnder(String testClass) throws java.io.IOException {
        Path dir = Path.of("target", "test-media", testClass);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }
}
