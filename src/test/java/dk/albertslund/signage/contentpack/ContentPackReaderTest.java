package dk.albertslund.signage.contentpack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentPackReaderTest {

    private static final Path PACK = Path.of("content");

    @Test
    void the_campus_pack_reads_with_everything_the_foundation_promises() {
        ContentPack pack = ContentPackReader.read(PACK);

        assertThat(pack.institutions()).extracting(ContentPack.Institution::slug)
                .contains("albertslund-bibliotek", "albertslund-musikskole", "musikteatret-albertslund", "forbraendingen");
        assertThat(pack.groups()).extracting(ContentPack.Group::slug).contains("station", "library", "schools");
        assertThat(pack.screens()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(pack.screens()).extracting(ContentPack.Screen::orientation).contains("landscape", "portrait");
        long danish = pack.announcements().stream().filter(a -> a.language().equals("da")).count();
        long translated = pack.announcements().stream().filter(a -> a.languages().contains("en")).count();
        assertThat(danish).isGreaterThanOrEqualTo(24);
        assertThat(translated * 2).isGreaterThanOrEqualTo(danish);
        assertThat(pack.screens()).filteredOn(ContentPack.Screen::infoBand).extracting(ContentPack.Screen::slug)
                .containsExactlyInAnyOrder("station-hal", "station-underfoering");
        // the station's screens show the next trains as a slide of their own (README "Departures at the station")
        assertThat(pack.screens()).filteredOn(s -> s.departures().equals("slide")).extracting(ContentPack.Screen::slug)
                .containsExactlyInAnyOrder("station-hal", "station-underfoering");
        assertThat(pack.schedules()).anySatisfy(s -> assertThat(s.endTime()).isBefore(s.startTime()));
        assertThat(pack.schedules()).anySatisfy(s -> assertThat(s.rrule()).isNotNull());
    }

    @Test
    void a_bad_pack_is_refused_with_every_problem_located_by_file_line_and_field(@TempDir Path copy) throws IOException {
        copyPack(copy);
        Path jazz = copy.resolve("announcements/jazz-i-foyeren.md");
        Files.writeString(jazz, Files.readString(jazz).replaceFirst("duration: \\d+", "duration: 900")
                .replaceFirst("category: culture", "category: concerts"));
        Files.writeString(copy.resolve("schedules.yml"),
                Files.readString(copy.resolve("schedules.yml")).replaceFirst("start_time: \"\\d\\d:\\d\\d\"", "start_time: \"25:99\""));

        assertThatThrownBy(() -> ContentPackReader.read(copy))
                .isInstanceOf(ContentPackException.class)
                .satisfies(e -> {
                    var errors = ((ContentPackException) e).errors();
                    assertThat(errors).extracting(PackError::toString).anySatisfy(s -> assertThat(s)
                            .matches("announcements/jazz-i-foyeren\\.md:\\d+: duration: must be 3–300 seconds, not 900"));
                    assertThat(errors).extracting(PackError::toString).anySatisfy(s -> assertThat(s)
                            .matches("announcements/jazz-i-foyeren\\.md:\\d+: category: must be one of .*, not 'concerts'"));
                    assertThat(errors).extracting(PackError::toString).anySatisfy(s -> assertThat(s)
                            .matches("schedules\\.yml:\\d+: start_time: must be a quoted time like \"07:30\", not '25:99'"));
                    assertThat(errors).hasSize(3);
                });
    }

    @Test
    void the_line_named_is_the_line_of_the_field_in_the_file(@TempDir Path copy) throws IOException {
        copyPack(copy);
        Path jazz = copy.resolve("announcements/jazz-i-foyeren.md");
        Files.writeString(jazz, Files.readString(jazz).replaceFirst("institution: [a-z-]+", "institution: no-such-place"));
        int expectedLine = lineOf(jazz, "institution: no-such-place");

        assertThatThrownBy(() -> ContentPackReader.read(copy))
                .isInstanceOfSatisfying(ContentPackException.class, e -> assertThat(e.errors()).containsExactly(
                        new PackError("announcements/jazz-i-foyeren.md", expectedLine, "institution",
                                "refers to the institution 'no-such-place', which is not in the pack")));
    }

    @Test
    void broken_yaml_and_unknown_fields_are_named(@TempDir Path copy) throws IOException {
        copyPack(copy);
        Files.writeString(copy.resolve("institutions.yml"), "institutions:\n  - slug: a\n    name: [unclosed\n");
        Files.writeString(copy.resolve("playlists.yml"), Files.readString(copy.resolve("playlists.yml"))
                .replaceFirst("name:", "nmae:"));

        assertThatThrownBy(() -> ContentPackReader.read(copy))
                .isInstanceOfSatisfying(ContentPackException.class, e -> {
                    assertThat(e.errors()).anySatisfy(err -> {
                        assertThat(err.file()).isEqualTo("institutions.yml");
                        assertThat(err.message()).startsWith("is not valid YAML");
                    });
                    assertThat(e.errors()).anySatisfy(err -> {
                        assertThat(err.file()).isEqualTo("playlists.yml");
                        assertThat(err.field()).isEqualTo("nmae");
                        assertThat(err.message()).startsWith("is not a known field");
                    });
                });
    }

    @Test
    void a_schedule_is_read_with_its_target_days_and_wall_clock_times() {
        ContentPack pack = ContentPackReader.read(PACK);

        ContentPack.Schedule weekendNights = pack.schedules().stream()
                .filter(s -> s.slug().equals("weekend-nat")).findFirst().orElseThrow();
        assertThat(weekendNights.targetKind()).isEqualTo("group");
        assertThat(weekendNights.target()).isEqualTo("station");
        assertThat(weekendNights.days()).containsExactly("FRI", "SAT");
        assertThat(weekendNights.startTime()).isEqualTo(LocalTime.of(22, 0));
        assertThat(weekendNights.endTime()).isEqualTo(LocalTime.of(2, 0));
        assertThat(weekendNights.priority()).isEqualTo(15);
        assertThat(weekendNights.kind()).isEqualTo("normal");
    }

    private static int lineOf(Path file, String text) throws IOException {
        var lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(text + " not in " + file);
    }

    static void copyPack(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(PACK)) {
            for (Path source : files.toList()) {
                Path destination = target.resolve(PACK.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
