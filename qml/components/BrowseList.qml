import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// A long, fast list: reused delegates and a small cache buffer, so 10,000 rows scroll smoothly.
ListView {
    clip: true
    reuseItems: true
    cacheBuffer: Theme.rowHeight * 4
    boundsBehavior: Flickable.StopAtBounds
    ScrollBar.vertical: ScrollBar { width: 10; policy: ScrollBar.AsNeeded }
}
