extension DevicePanel {
    /// The Preferences pane's rows as a `ScrollingList` (selection and first row shown).
    var preferenceList: ScrollingList {
        get {
            var list = ScrollingList(count: rowCount)
            list.selection = selection
            list.top = top
            return list
        }
        set {
            selection = newValue.selection
            top = newValue.top
        }
    }

    /// The conflicts view's rows as a `ScrollingList`.
    var conflictList: ScrollingList {
        get {
            var list = ScrollingList(count: conflictRows.count)
            list.selection = conflictSelection
            list.top = conflictTop
            return list
        }
        set {
            conflictSelection = newValue.selection
            conflictTop = newValue.top
        }
    }
}
