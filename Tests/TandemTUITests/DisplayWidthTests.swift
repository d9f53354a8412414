import Testing
@testable import TandemTUI

@Suite struct DisplayWidthTests {
    @Test func asciiWideAndCombining() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("🇫🇷") == 2)
        #expect(DisplayWidth.of("❤️") == 2, "an emoji variation selector makes a text symbol wide")
        #expect(DisplayWidth.of("\u{200B}") == 0)
    }

    @Test func truncationCountsColumnsAndEndsWithAnEllipsis() {
        #expect(DisplayWidth.truncate("preferences", to: 6) == "prefe…")
        #expect(DisplayWidth.truncate("日本語テーマ", to: 7) == "日本語…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.of(DisplayWidth.truncate("naïve café\u{301} 世界", to: 9)) <= 9)
    }

    @Test func wrappingBreaksAtSpacesAndCutsLongWords() {
        #expect(DisplayWidth.wrap("Pulled sequence 4 and merged 2 changes", width: 16) == ["Pulled sequence", "4 and merged 2", "changes"])
        #expect(DisplayWidth.wrap("http://127.0.0.1:8090/api", width: 10) == ["http://127", ".0.0.1:809", "0/api"])
        #expect(DisplayWidth.wrap("", width: 5) == [""])
    }

    @Test func screenCellsHoldWideCharactersAndShowControlCharacters() {
        var screen = Screen(size: Size(width: 6, height: 2))
        #expect(screen.write("a日b", x: 0, y: 0, role: .value) == 4)
        #expect(screen[1, 0].text == "日" && screen[2, 0].text.isEmpty)
        // A wide character that would straddle the edge becomes a space.
        screen.write("xyz日", x: 2, y: 1, role: .text, width: 4)
        #expect(screen.text == "a日b\n  xyz")
        var control = Screen(size: Size(width: 8, height: 1))
        control.write("a\nb\tc", x: 0, y: 0, role: .text)
        #expect(control.text == "a↵b⇥c")
    }
}
