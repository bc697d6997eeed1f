package dev.keel.diagnose.trace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalTextTest {
    @Test
    void aLineRedrawnWithCarriageReturnsKeepsEachStateInOrderAndNoLeftoverTail() {
        assertThat(TerminalText.lines("\r 10%|█ | 1/10 loss=2.0\r100%|██| 10/10 loss=1\n"))
                .containsExactly(List.of(" 10%|█ | 1/10 loss=2.0", "100%|██| 10/10 loss=1"));
    }

    @Test
    void kerasBackspacesToTheStartOfTheLineStartANewState() {
        String first = " 1/10 [>.....] - loss: 2.0000";
        String last = "10/10 [======] - loss: 1.0000";
        assertThat(TerminalText.lines(first + "\b".repeat(first.length()) + "\r" + last + "\n").get(0))
                .last().isEqualTo(last);
        assertThat(TerminalText.lines(first + "\b".repeat(first.length()) + last).get(0)).last().isEqualTo(last);
    }

    @Test
    void aBackspaceWithinALineOverwritesOneCharacter() {
        assertThat(TerminalText.lines("loss: 0.59\b8\n")).containsExactly(List.of("loss: 0.58"));
    }

    @Test
    void dropsColoursKeepsBlankLinesAsNoStatesAndReadsWindowsLineEnds() {
        assertThat(TerminalText.lines("\u001B[1mloss\u001B[0m: 0.5\r\n\r\nnext"))
                .containsExactly(List.of("loss: 0.5"), List.of(), List.of("next"));
    }
}
