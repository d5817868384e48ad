package dk.albertslund.signage.core;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnknownFieldsTest {

    private static final List<String> ENTRY = List.of("slug", "name", "playlist", "targetKind", "target", "startDate",
            "endDate", "days", "rrule", "startTime", "endTime", "priority", "kind");

    @Test
    void the_name_meant_is_found_in_other_cases_beginnings_and_typos() {
        assertThat(UnknownFields.closest("start_date", ENTRY)).contains("startDate");
        assertThat(UnknownFields.closest("END-TIME", ENTRY)).contains("endTime");
        assertThat(UnknownFields.closest("prio", ENTRY)).contains("priority");
        assertThat(UnknownFields.closest("playlsit", ENTRY)).contains("playlist");
        assertThat(UnknownFields.closest("targt", ENTRY)).contains("target");
    }

    @Test
    void nothing_is_suggested_when_nothing_is_close() {
        assertThat(UnknownFields.closest("colour", ENTRY)).isEmpty();
        assertThat(UnknownFields.closest("x", ENTRY)).isEmpty();
        assertThat(UnknownFields.closest("da", ENTRY)).as("two letters are no beginning to go on").isEmpty();
    }

    @Test
    void the_field_is_read_from_the_json_readers_refusal_however_deep_it_is_wrapped() {
        Exception refusal = new IllegalStateException("binding failed",
                new RuntimeException("Unknown property [start_date] encountered during deserialization of type: Command"));

        assertThat(UnknownFields.named(refusal)).contains("start_date");
        assertThat(UnknownFields.named(new RuntimeException("Unexpected token"))).isEmpty();
    }
}
