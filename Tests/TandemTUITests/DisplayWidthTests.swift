import Testing
@testable import TandemTUI

@Suite struct DisplayWidthTests {
    @Test func asciiWideAndCombining() {
        #expect(DisplayWidth.of("abc") == 3)
        #expect(DisplayWidth.of("日本") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("👍") == 2)
    }
}
