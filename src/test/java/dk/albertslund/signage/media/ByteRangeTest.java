package dk.albertslund.signage.media;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangeTest {

    @Test
    void a_closed_range_is_that_part_and_is_clipped_to_the_file() {
        assertThat(ByteRange.of("bytes=10-19", 100).contentRange()).isEqualTo("bytes 10-19/100");
        assertThat(ByteRange.of("bytes=90-500", 100).contentRange()).isEqualTo("bytes 90-99/100");
        assertThat(ByteRange.of("bytes=10-19", 100).length()).isEqualTo(10);
    }

    @Test
    void an_open_range_runs_to_the_end_and_a_suffix_is_the_last_bytes() {
        assertThat(ByteRange.of("bytes=95-", 100).contentRange()).isEqualTo("bytes 95-99/100");
        assertThat(ByteRange.of("bytes=-5", 100).contentRange()).isEqualTo("bytes 95-99/100");
        assertThat(ByteRange.of("bytes=-500", 100).contentRange()).isEqualTo("bytes 0-99/100");
    }

    @Test
    void a_range_past_the_end_cannot_be_satisfied() {
        assertThat(ByteRange.of("bytes=100-", 100).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
        assertThat(ByteRange.of("bytes=100-", 100).contentRange()).isEqualTo("bytes */100");
        assertThat(ByteRange.of("bytes=-0", 100).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
        assertThat(ByteRange.of("bytes=0-", 0).kind()).isEqualTo(ByteRange.Kind.UNSATISFIABLE);
    }

    @Test
    void what_is_not_one_well_formed_byte_range_gets_the_whole_file() {
        for (String header : new String[]{null, "", "items=0-5", "bytes=5-1", "bytes=0-1,5-6", "bytes=-", "bytes=a-b",
                "bytes=99999999999999999999-"}) {
            assertThat(ByteRange.of(header, 100).kind()).as(String.valueOf(header)).isEqualTo(ByteRange.Kind.WHOLE);
        }
    }
}
