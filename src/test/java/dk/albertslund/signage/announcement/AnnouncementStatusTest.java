package dk.albertslund.signage.announcement;

import dk.albertslund.signage.announcement.AnnouncementStatus.Action;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnnouncementStatusTest {

    @ParameterizedTest(name = "{0} -{1}-> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            DRAFT     | SUBMIT  | SUBMITTED
            SUBMITTED | APPROVE | APPROVED
            SUBMITTED | REJECT  | REJECTED
            DRAFT     | ARCHIVE | ARCHIVED
            APPROVED  | ARCHIVE | ARCHIVED
            REJECTED  | ARCHIVE | ARCHIVED
            DRAFT     | EDIT    | DRAFT
            SUBMITTED | EDIT    | DRAFT
            APPROVED  | EDIT    | DRAFT
            REJECTED  | EDIT    | DRAFT
            DRAFT     | DELETE  | DRAFT
            """)
    void allowed_transitions(AnnouncementStatus from, Action action, AnnouncementStatus to) {
        assertThat(from.apply(action)).isEqualTo(to);
    }

    @ParameterizedTest(name = "{0} -{1}-> refused")
    @CsvSource(delimiter = '|', textBlock = """
            SUBMITTED | SUBMIT  | Only a draft can be submitted; this one is submitted.
            APPROVED  | SUBMIT  | Only a draft can be submitted; this one is approved.
            REJECTED  | SUBMIT  | Only a draft can be submitted; this one is rejected.
            ARCHIVED  | SUBMIT  | Only a draft can be submitted; this one is archived.
            DRAFT     | APPROVE | Only a submitted announcement can be approved; this one is a draft.
            APPROVED  | APPROVE | Only a submitted announcement can be approved; this one is approved.
            REJECTED  | APPROVE | Only a submitted announcement can be approved; this one is rejected.
            ARCHIVED  | APPROVE | Only a submitted announcement can be approved; this one is archived.
            DRAFT     | REJECT  | Only a submitted announcement can be rejected; this one is a draft.
            APPROVED  | REJECT  | Only a submitted announcement can be rejected; this one is approved.
            REJECTED  | REJECT  | Only a submitted announcement can be rejected; this one is rejected.
            ARCHIVED  | REJECT  | Only a submitted announcement can be rejected; this one is archived.
            SUBMITTED | ARCHIVE | Only a draft, approved or rejected announcement can be archived; this one is submitted.
            ARCHIVED  | ARCHIVE | Only a draft, approved or rejected announcement can be archived; this one is archived.
            ARCHIVED  | EDIT    | An archived announcement can no longer be edited.
            SUBMITTED | DELETE  | Only a draft can be deleted; this one is submitted.
            APPROVED  | DELETE  | Only a draft can be deleted; this one is approved.
            REJECTED  | DELETE  | Only a draft can be deleted; this one is rejected.
            ARCHIVED  | DELETE  | Only a draft can be deleted; this one is archived.
            """)
    void refused_transitions_say_why(AnnouncementStatus from, Action action, String why) {
        assertThatThrownBy(() -> from.apply(action))
                .isInstanceOf(AnnouncementStatus.IllegalTransition.class)
                .hasMessage(why);
    }

    @ParameterizedTest
    @CsvSource({"draft, DRAFT", "submitted, SUBMITTED", "approved, APPROVED", "rejected, REJECTED", "archived, ARCHIVED"})
    void statuses_are_stored_in_lower_case(String stored, AnnouncementStatus status) {
        assertThat(status.value()).isEqualTo(stored);
        assertThat(AnnouncementStatus.parse(stored)).contains(status);
    }
}
