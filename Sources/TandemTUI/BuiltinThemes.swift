// Generated from Themes/*.theme; ThemeFileTests checks it is current (TANDEM_RECORD=1 rewrites it). Do not edit.

extension ThemeCatalog {
    /// The text of each built-in theme file, in cycling order.
    static let builtInFiles: [(name: String, text: String)] = [
        ("default", #"""
# Tandem's default theme: the terminal's own background, colour for emphasis, and attributes so that it still reads
# without colour. Every role is listed here; other themes may leave roles out and get these.
#
# role                      foreground      background      attributes
text                        default         default
text.dim                    default         default         dim
title.bar                   black           cyan
title.banner                black           yellow          bold
pane.border                 default         default         dim
pane.border.focused         cyan            default         bold
pane.title                  default         default         bold
pane.title.focused          black           cyan            bold
list.header                 default         default         underline
list.selected               black           cyan            bold
list.selected.unfocused     default         default         reverse
key                         default         default
value                       cyan            default
label                       default         default         dim
marker.changed              yellow          default         bold
marker.added                green           default         bold
marker.deleted              red             default         bold
marker.conflicted           magenta         default         bold reverse
status.ok                   green           default         bold
status.busy                 yellow          default         bold
status.warning              yellow          default         bold
status.error                bright-white    red             bold
status.offline              red             default         bold underline
conflict.base               default         default         dim
conflict.local              green           default         bold
conflict.remote             blue            default         bold
conflict.new                magenta         default         bold
conflict.deleted            red             default         italic
conflict.chosen             black           green           bold
conflict.unresolved         yellow          default         bold
diff.changed                black           yellow          bold underline
dialog.border               cyan            default         bold
dialog.title                black           cyan            bold
dialog.text                 default         default
dialog.field                default         default         underline
dialog.field.focused        black           white           bold
dialog.error                red             default         bold
progress.done               black           green
progress.todo               default         default         dim
activity.time               default         default         dim
activity.info               default         default
activity.warning            yellow          default
activity.error              red             default         bold
footer                      default         default
footer.key                  black           cyan            bold
footer.hint                 yellow          default
help.group                  cyan            default         bold underline
help.key                    yellow          default         bold
filter                      black           yellow
"""#),
        ("light", #"""
# For terminals with a light background: darker foregrounds, white panels, blue accents.
#
# role                      foreground      background      attributes
text                        black           default
text.dim                    bright-black    default
title.bar                   white           blue            bold
title.banner                black           yellow          bold
pane.border                 bright-black    default
pane.border.focused         blue            default         bold
pane.title                  black           default         bold
pane.title.focused          white           blue            bold
list.header                 black           default         underline
list.selected               white           blue            bold
list.selected.unfocused     black           white           reverse
key                         black           default
value                       blue            default
label                       bright-black    default
marker.changed              magenta         default         bold
marker.added                green           default         bold
marker.deleted              red             default         bold
marker.conflicted           white           magenta         bold
status.ok                   green           default         bold
status.busy                 magenta         default         bold
status.warning              magenta         default         bold
status.error                white           red             bold
status.offline              red             default         bold underline
conflict.base               bright-black    default
conflict.local              green           default         bold
conflict.remote             blue            default         bold
conflict.new                magenta         default         bold
conflict.deleted            red             default         italic
conflict.chosen             white           green           bold
conflict.unresolved         magenta         default         bold
diff.changed                default         yellow          bold underline
dialog.border               blue            default         bold
dialog.title                white           blue            bold
dialog.text                 black           default
dialog.field                black           default         underline
dialog.field.focused        white           black           bold
dialog.error                red             default         bold
progress.done               white           blue
progress.todo               bright-black    default
activity.time               bright-black    default
activity.info               black           default
activity.warning            magenta         default
activity.error              red             default         bold
footer                      black           default
footer.key                  white           blue            bold
footer.hint                 magenta         default
help.group                  blue            default         bold underline
help.key                    magenta         default         bold
filter                      white           magenta
"""#),
        ("high-contrast", #"""
# Maximum contrast: bright white on black, bold everywhere it matters, and only the brightest accent colours.
#
# role                      foreground      background      attributes
text                        bright-white    black
text.dim                    white           black
title.bar                   black           bright-white    bold
title.banner                black           bright-yellow   bold
pane.border                 white           black
pane.border.focused         bright-yellow   black           bold
pane.title                  bright-white    black           bold
pane.title.focused          black           bright-yellow   bold
list.header                 bright-white    black           bold underline
list.selected               black           bright-yellow   bold
list.selected.unfocused     black           white           bold
key                         bright-white    black           bold
value                       bright-cyan     black           bold
label                       white           black
marker.changed              bright-yellow   black           bold
marker.added                bright-green    black           bold
marker.deleted              bright-red      black           bold
marker.conflicted           black           bright-magenta  bold
status.ok                   bright-green    black           bold
status.busy                 bright-yellow   black           bold
status.warning              black           bright-yellow   bold
status.error                bright-white    red             bold
status.offline              black           bright-red      bold
conflict.base               white           black
conflict.local              bright-green    black           bold underline
conflict.remote             bright-cyan     black           bold underline
conflict.new                bright-magenta  black           bold underline
conflict.deleted            bright-red      black           bold
conflict.chosen             black           bright-green    bold
conflict.unresolved         black           bright-yellow   bold
diff.changed                black           bright-yellow   bold underline
dialog.border               bright-yellow   black           bold
dialog.title                black           bright-yellow   bold
dialog.text                 bright-white    black
dialog.field                bright-white    black           underline
dialog.field.focused        black           bright-white    bold
dialog.error                bright-white    red             bold
progress.done               black           bright-green
progress.todo               white           black
activity.time               white           black
activity.info               bright-white    black
activity.warning            bright-yellow   black           bold
activity.error              bright-red      black           bold
footer                      bright-white    black
footer.key                  black           bright-white    bold
footer.hint                 bright-yellow   black           bold
help.group                  bright-yellow   black           bold underline
help.key                    bright-cyan     black           bold
filter                      black           bright-yellow   bold
"""#),
        ("monochrome", #"""
# No colour at all, only attributes: what Tandem uses when NO_COLOR is set or the terminal has no colours.
# Every role is listed so nothing falls back to a coloured default.
#
# role                      foreground      background      attributes
text                        default         default
text.dim                    default         default         dim
title.bar                   default         default         reverse
title.banner                default         default         reverse bold
pane.border                 default         default
pane.border.focused         default         default         bold
pane.title                  default         default         bold
pane.title.focused          default         default         reverse bold
list.header                 default         default         underline
list.selected               default         default         reverse
list.selected.unfocused     default         default         underline
key                         default         default
value                       default         default
label                       default         default         dim
marker.changed              default         default         bold
marker.added                default         default         bold
marker.deleted              default         default         bold
marker.conflicted           default         default         bold reverse
status.ok                   default         default         bold
status.busy                 default         default         bold
status.warning              default         default         bold underline
status.error                default         default         reverse bold
status.offline              default         default         bold underline
conflict.base               default         default         dim
conflict.local              default         default         bold
conflict.remote             default         default         bold underline
conflict.new                default         default         italic bold
conflict.deleted            default         default         italic
conflict.chosen             default         default         reverse bold
conflict.unresolved         default         default         bold
diff.changed                default         default         reverse underline
dialog.border               default         default         bold
dialog.title                default         default         reverse bold
dialog.text                 default         default
dialog.field                default         default         underline
dialog.field.focused        default         default         reverse
dialog.error                default         default         bold
progress.done               default         default         reverse
progress.todo               default         default         dim
activity.time               default         default         dim
activity.info               default         default
activity.warning            default         default         bold
activity.error              default         default         reverse bold
footer                      default         default
footer.key                  default         default         reverse
footer.hint                 default         default         bold
help.group                  default         default         bold underline
help.key                    default         default         bold
filter                      default         default         reverse
"""#),
    ]
}
