import Testing
import TandemTUI

@Suite struct UserSettingsTests {
    @Test func parsesKeyValueLinesWithCommentsAndNamesBadLines() {
        let text = """
        # tandem settings
        theme = light   # a comment
        mouse=on
        auto-sync = off

        colour = red
        mouse
        auto-sync = maybe
        """
        let (settings, problems) = UserSettings.parse(text)
        #expect(settings == UserSettings(theme: "light", mouse: true, autoSync: false))
        #expect(problems == [
            "line 6: unknown setting 'colour' (known: theme, mouse, auto-sync)",
            "line 7: 'mouse' is not 'key = value'",
            "line 8: auto-sync is 'maybe', not on or off",
        ])
    }

    @Test func settingRewritesItsLineAndKeepsTheRest() {
        let text = "# mine\ntheme = light  # chosen with t\nmouse = off\n"
        #expect(UserSettings.setting("theme", to: "default", in: text) == "# mine\ntheme = default  # chosen with t\nmouse = off\n")
        #expect(UserSettings.setting("auto-sync", to: "off", in: text) == text + "auto-sync = off\n")
        #expect(UserSettings.setting("theme", to: "light", in: "") == "# tandem settings (see README: Settings)\ntheme = light\n")
        #expect(UserSettings.parse(UserSettings.setting("mouse", to: "on", in: text)).settings.mouse == true)
    }

    @Test func readlineEditingInTextFields() {
        var field = TextField("hello brave new world")
        field.deleteWordBackward()
        #expect(field.text == "hello brave new " && field.cursor == 16)
        field.moveWordLeft()
        #expect(field.cursor == 12)
        field.moveWordLeft()
        #expect(field.cursor == 6)
        field.moveWordRight()
        #expect(field.cursor == 11)
        field.deleteToEnd()
        #expect(field.text == "hello brave")
        field.moveWordLeft()
        field.deleteToStart()
        #expect(field.text == "brave" && field.cursor == 0)
        field.insert(String(repeating: "x", count: 5000))
        #expect(field.text.count == 5005 && field.cursor == 5000)
    }
}
