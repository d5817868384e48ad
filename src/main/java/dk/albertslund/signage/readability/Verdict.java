package dk.albertslund.signage.readability;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * What the checks say about a slide: {@code ok}, {@code warning} or {@code problem} (the
 * worst of the findings), the words a passer-by has to read, and the findings.
 */
// every field is always written, so a client never guesses what a missing one means
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Verdict(String result, int words, List<Finding> findings) {

    static Verdict of(int words, List<Finding> findings) {
        String result = findings.stream().anyMatch(Finding::isProblem) ? Finding.PROBLEM
                : findings.isEmpty() ? "ok" : Finding.WARNING;
        return new Verdict(result, words, List.copyOf(findings));
    }

    /**
     * One verdict on a slide that shows several texts in turn (a message's languages): the
     * worst result, the most words one reader meets, every distinct finding.
     */
    public static Verdict worstOf(List<Verdict> verdicts) {
        int words = verdicts.stream().mapToInt(Verdict::words).max().orElse(0);
        return of(words, verdicts.stream().flatMap(v -> v.findings().stream()).distinct().toList());
    }

    public boolean hasProblems() {
        return Finding.PROBLEM.equals(result);
    }
}
