import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// The whole screen: the page rail, the current page, first start, notices and dimming.
// Takes its objects as properties so tests can hand it doubles; Main.qml gives it the App's.
Item {
    id: shell
    required property var player
    required property var queue
    required property var library
    required property var taste
    required property var settings
    property var idle: null
    property int currentIndex: 0
    readonly property var pages: [
        { key: "nowPlaying", label: qsTr("Playing"), icon: "play" },
        { key: "upNext", label: qsTr("Up Next"), icon: "queue" },
        { key: "library", label: qsTr("Library"), icon: "library" },
        { key: "taste", label: qsTr("Taste"), icon: "taste" },
        { key: "settings", label: qsTr("Settings"), icon: "settings" }
    ]
    readonly property bool firstStart: library.loaded && library.trackCount === 0 && !player.hasTrack
    property var visited: [true, false, false, false, false]

    function notify(text, undoable) {
        snackbar.show(text, undoable);
    }
    function showPage(index) {
        currentIndex = index;
        if (!visited[index]) {
            const v = visited.slice();
            v[index] = true;
            visited = v;
        }
    }

    Rectangle { anchors.fill: parent; color: Theme.background }

    NavRail {
        id: rail
        anchors.left: parent.left
        anchors.top: parent.top
        anchors.bottom: parent.bottom
        pages: shell.pages
        currentIndex: shell.currentIndex
        onSelected: (index) => shell.showPage(index)
    }

    Item {
        id: pageArea
        anchors.left: rail.right
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.bottom: parent.bottom

        // Pages are created the first time they are shown, so start-up builds one page.
        Loader {
            objectName: "nowPlayingLoader"
            anchors.fill: parent
            active: shell.visited[0]
            visible: shell.currentIndex === 0
            sourceComponent: NowPlayingPage { player: shell.player }
        }
        Loader {
            objectName: "upNextLoader"
            anchors.fill: parent
            active: shell.visited[1]
            visible: shell.currentIndex === 1
            sourceComponent: UpNextPage { player: shell.player; queue: shell.queue }
        }
        Loader {
            objectName: "libraryLoader"
            anchors.fill: parent
            active: shell.visited[2]
            visible: shell.currentIndex === 2
            sourceComponent: LibraryPage { library: shell.library; player: shell.player }
        }
        Loader {
            objectName: "tasteLoader"
            anchors.fill: parent
            active: shell.visited[3]
            visible: shell.currentIndex === 3
            sourceComponent: TastePage { taste: shell.taste }
        }
        Loader {
            objectName: "settingsLoader"
            anchors.fill: parent
            active: shell.visited[4]
            visible: shell.currentIndex === 4
            sourceComponent: SettingsPage {
                library: shell.library
                settings: shell.settings
                player: shell.player
                taste: shell.taste
            }
        }
    }

    Loader {
        objectName: "firstStartLoader"
        anchors.fill: parent
        active: shell.firstStart && shell.currentIndex !== 4
        sourceComponent: FirstStartPage { library: shell.library }
    }

    Snackbar {
        id: snackbar
        objectName: "snackbar"
        anchors.horizontalCenter: pageArea.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spacingLarge
        onUndoRequested: shell.player.undo()
    }

    // Dimmed after a while without a touch; the tap that wakes it is not passed on.
    Rectangle {
        objectName: "dimOverlay"
        anchors.fill: parent
        color: "black"
        opacity: shell.idle && shell.idle.idle ? 0.85 : 0
        visible: opacity > 0
        Behavior on opacity { NumberAnimation { duration: 600 } }
        MouseArea {
            anchors.fill: parent
            onPressed: if (shell.idle) shell.idle.wake()
        }
    }
}
