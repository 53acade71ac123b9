import QtQuick
import QtTest
import ByteWave.UI

// The whole screen with doubles: the rail switches pages, first start shows for an empty
// library, and the dimmed screen eats the tap that wakes it.
Item {
    id: root
    width: 800
    height: 480

    PlayerDouble { id: player }
    TasteDouble { id: taste }
    ListModel { id: queue }
    QtObject {
        id: library
        property bool loaded: true
        property int trackCount: 10
        property bool scanning: false
        property int scanDone: 0
        property int scanTotal: 0
        property var folders: []
        property bool creatingDemo: false
        property int demoDone: 0
        property int demoTotal: 0
        property string search: ""
        property string selectedArtist: ""
        property string selectedAlbum: ""
        property string selectedAlbumTitle: ""
        property var artists: ListModel {}
        property var albums: ListModel {}
        property var tracks: ListModel {}
        function selectArtist(n) {}
        function selectAlbum(k) {}
    }
    QtObject {
        id: settings
        property int dimMinutes: 5
        property bool analysisEnabled: true
        property int analysisJobs: 1
        property int maxAnalysisJobs: 2
    }
    QtObject {
        id: idleDouble
        property bool idle: false
        property int wakes: 0
        function wake() { idleDouble.wakes++; idleDouble.idle = false; }
    }

    Shell {
        id: shell
        anchors.fill: parent
        player: player
        queue: queue
        library: library
        taste: taste
        settings: settings
        idle: idleDouble
    }

    TestCase {
        name: "Shell"
        when: windowShown

        function test_railSwitchesPages() {
            compare(shell.currentIndex, 0);
            mouseClick(findChild(shell, "nav_taste"));
            compare(shell.currentIndex, 3);
            tryVerify(() => findChild(shell, "tasteLoader").item !== null);
            verify(findChild(shell, "tasteLoader").visible);
            verify(!findChild(shell, "nowPlayingLoader").visible);
            mouseClick(findChild(shell, "nav_nowPlaying"));
            compare(shell.currentIndex, 0);
        }

        function test_firstStartWhenEmpty() {
            verify(!shell.firstStart);
            library.trackCount = 0;
            player.hasTrack = false;
            verify(shell.firstStart);
            verify(findChild(shell, "firstStartLoader").active);
            library.trackCount = 10;
            player.hasTrack = true;
        }

        function test_dimmedScreenEatsTheWakingTap() {
            idleDouble.idle = true;
            const overlay = findChild(shell, "dimOverlay");
            tryCompare(overlay, "opacity", 0.85);
            player.calls = [];
            const play = findChild(shell, "playButton");
            mouseClick(play);
            compare(idleDouble.wakes, 1);
            compare(player.calls, [], "the tap woke the screen and did nothing else");
            tryCompare(overlay, "visible", false);
            mouseClick(play);
            compare(player.calls, ["togglePlay"]);
        }

        function test_noticeShowsAndUndoes() {
            shell.notify("Liked “Teardrop”", true);
            const bar = findChild(shell, "snackbar");
            tryCompare(bar, "opacity", 1);
            compare(findChild(bar, "snackbarText").text, "Liked “Teardrop”");
            player.calls = [];
            mouseClick(findChild(bar, "snackbarUndo"));
            compare(player.calls, ["undo"]);
        }
    }
}
