package dev.slipway.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void joinsLowerCaseWordsAndEndsWithTheId() {
        assertThat(Slugs.of("Notes on the Analytical Engine", 42)).isEqualTo("notes-on-the-analytical-engine-42");
    }

    @Test
    void dropsAccentsAndPunctuation() {
        assertThat(Slugs.of("  Café: notes (part 2)!  ", 7)).isEqualTo("cafe-notes-part-2-7");
    }

    @Test
    void fallsBackToPostWithoutLettersOrDigits() {
        assertThat(Slugs.of("???", 3)).isEqualTo("post-3");
    }

    @Test
    void cutsLongTitlesWithoutATrailingDash() {
        String slug = Slugs.of("a".repeat(59) + " bcd", 1);
        assertThat(slug).isEqualTo("a".repeat(59) + "-1");
    }

    @Test
    void keepsSlugsOfDifferentPostsApartEvenWhenTitlesEndInNumbers() {
        assertThat(Slugs.of("x 1", 2)).isNotEqualTo(Slugs.of("x", 12)).isNotEqualTo(Slugs.of("x 12", 2));
    }
}
