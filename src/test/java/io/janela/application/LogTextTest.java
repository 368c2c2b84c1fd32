package io.janela.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A value from outside, made one short line that says what it was. */
class LogTextTest {

    @Test
    void lineBreaksNulAndOtherControlsAreEscapedNeverWritten() {
        assertEquals("read\\nevent=forged\\r\\u0000\\t\\u001b[31m\\u0085\\u2028",
                LogText.of("read\nevent=forged\r\u0000\t\u001b[31m\u0085\u2028"));
    }

    @Test
    void quotesAndBackslashesCannotCloseAQuotedField() {
        assertEquals("a\\\" forged=\\\"1\\\\", LogText.of("a\" forged=\"1\\"));
    }

    @Test
    void aLongValueIsCutAtTwoHundredCharactersAndSaysHowMuchWasLeftOut() {
        String cut = LogText.of("a".repeat(1024 * 1024));
        assertEquals("a".repeat(200) + "…[+1048376]", cut);
        assertEquals("b".repeat(200), LogText.of("b".repeat(200)), "exactly the limit is kept whole");
    }

    @Test
    void theCutNeverSplitsACharacterAndPlainTextIsLeftAsItIs() {
        String emoji = "👍".repeat(250);
        String cut = LogText.of(emoji);
        assertEquals("👍".repeat(200) + "…[+50]", cut);
        assertTrue(cut.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
        assertEquals("Olá, ação", LogText.of("Olá, ação"));
        assertEquals("-", LogText.of(null));
    }
}
