import Testing
@testable import TandemTUI

@Suite struct ScrollingListTests {
    @Test func selectionMovesAndStaysVisible() {
        var list = ScrollingList(count: 100)
        list.move(.pageDown, rows: 10)
        #expect(list.selection == 10 && list.top == 1)
        list.move(.moveBottom, rows: 10)
        #expect(list.selection == 99 && list.top == 90)
        #expect(list.hiddenAbove(rows: 10) == 90 && list.hiddenBelow(rows: 10) == 0)
        list.move(.moveTop, rows: 10)
        #expect(list.selection == 0 && list.top == 0 && list.hiddenBelow(rows: 10) == 90)
        list.move(.moveUp, rows: 10)
        #expect(list.selection == 0)
    }

    @Test func aTextScrollsItsTopAndStopsAtTheEnd() {
        var text = ScrollingList(count: 30, selectable: false)
        text.move(.moveDown, rows: 10)
        #expect(text.top == 1)
        text.move(.pageDown, rows: 10)
        text.move(.pageDown, rows: 10)
        #expect(text.top == 20, "never past the last full page")
        #expect(text.visible(rows: 10) == 20..<30)
        text.move(.moveTop, rows: 10)
        #expect(text.top == 0)
    }

    @Test func wheelDragsTheSelectionAndClicksSelectVisibleRows() {
        var list = ScrollingList(count: 50)
        list.scroll(by: 3, rows: 10)
        #expect(list.top == 3 && list.selection == 3)
        let selected = list.select(visibleLine: 4, rows: 10)
        #expect(selected && list.selection == 7)
        let below = list.select(visibleLine: 12, rows: 10)
        #expect(!below && list.selection == 7, "below the visible rows")
        var short = ScrollingList(count: 2)
        let under = short.select(visibleLine: 5, rows: 10)
        #expect(!under, "a click under the last row selects nothing")
    }

    @Test func aSmallerCountOrHeightClampsTheView() {
        var list = ScrollingList(count: 100)
        list.move(.moveBottom, rows: 10)
        list.resize(count: 5)
        #expect(list.selection == 4)
        #expect(list.visible(rows: 10) == 0..<5)
        var empty = ScrollingList(count: 0)
        empty.move(.moveDown, rows: 10)
        #expect(empty.selection == 0 && empty.visible(rows: 10).isEmpty)
    }
}
