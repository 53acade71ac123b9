import QtQuick
import QtTest
import ByteWave.UI

Item {
    id: root
    width: 708
    height: 480

    PlayerDouble { id: player }

    // Stands in for App.library; filters its tracks like the C++ model does (by words).
    QtObject {
        id: library
        property bool loaded: true
        property int trackCount: all.count
        property string search: ""
        property string selectedArtist: ""
        property string selectedAlbum: ""
        property string selectedAlbumTitle: ""
        property var artists: ListModel {
            ListElement { name: "Björk"; albumCount: 1; trackCount: 2; cover: "" }
            ListElement { name: "Massive Attack"; albumCount: 1; trackCount: 2; cover: "" }
        }
        property var albums: ListModel {
            ListElement { albumKey: "mezz"; title: "Mezzanine"; artist: "Massive Attack"; year: 1998; trackCount: 2; cover: "" }
        }
        property var tracks: ListModel {}
        property var all: ListModel {
            ListElement { trackId: 1; title: "Hunter"; artist: "Björk"; album: "Homogenic"; trackNumber: 1; duration: 255; cover: "" }
            ListElement { trackId: 2; title: "Jóga"; artist: "Björk"; album: "Homogenic"; trackNumber: 2; duration: 305; cover: "" }
            ListElement { trackId: 3; title: "Angel"; artist: "Massive Attack"; album: "Mezzanine"; trackNumber: 1; duration: 379 ; cover: "" }
            ListElement { trackId: 4; title: "Teardrop"; artist: "Massive Attack"; album: "Mezzanine"; trackNumber: 3; duration: 330; cover: "" }
        }
        function refill() {
            tracks.clear();
            const q = search.toLowerCase();
            for (let i = 0; i < all.count; ++i) {
                const t = all.get(i);
                const inAlbum = selectedAlbum === "mezz" ? t.album === "Mezzanine" : true;
                const hay = (t.title + " " + t.artist + " " + t.album).toLowerCase();
                if (q.length > 0 ? hay.indexOf(q) >= 0 : inAlbum)
                    tracks.append(t);
            }
        }
        onSearchChanged: refill()
        function selectArtist(name) { selectedArtist = name; }
        function selectAlbum(key) { selectedAlbum = key; selectedAlbumTitle = "Mezzanine"; refill(); }
        Component.onCompleted: refill()
    }

    LibraryPage {
        id: page
        anchors.fill: parent
        library: library
        player: player
    }

    TestCase {
        name: "Library"
        when: windowShown

        function init() {
            player.calls = [];
        }

        function test_browseArtistAlbumTrack() {
            const artists = findChild(page, "artistList");
            tryCompare(artists, "count", 2);
            page.openArtist("Massive Attack");
            compare(library.selectedArtist, "Massive Attack");
            compare(page.level, "albums");
            page.openAlbum("mezz");
            compare(page.level, "tracks");
            const tracks = findChild(page, "trackList");
            tryCompare(tracks, "count", 2);
            mouseClick(findChild(page, "playAlbumButton"));
            compare(player.calls, ["playAlbum:mezz/0"]);
            const back = findChild(page, "libraryBack");
            // One pass of the event loop between two taps, as a finger always leaves; not a
            // double-click pause (a quick second tap is never lost: tst_nowplaying).
            wait(0);
            mouseClick(back);
            compare(page.level, "albums");
            page.back();
            compare(page.level, "artists");
        }

        function test_holdATrackForPlaySimilarAndPlayNext() {
            page.openArtist("Massive Attack");
            page.openAlbum("mezz");
            const tracks = findChild(page, "trackList");
            tryCompare(tracks, "count", 2);
            tryVerify(() => findChild(page, "trackRow_0") !== null);
            const row = findChild(page, "trackRow_0");
            waitForRendering(row);
            mousePress(row, row.width / 2, row.height / 2);
            wait(1000); // a long press
            mouseRelease(row, row.width / 2, row.height / 2);
            const menu = findChild(page, "trackMenu");
            tryCompare(menu, "opened", true);
            compare(player.calls, [], "a hold is not a tap");
            compare(menu.itemAt(1).text, "Play similar");
            menu.itemAt(1).triggered();
            compare(player.calls, ["playSimilar:" + row.trackId]);
            menu.itemAt(2).triggered();
            compare(player.calls, ["playSimilar:" + row.trackId, "playNext:" + row.trackId]);
            menu.close();
            page.back();
            page.back();
            compare(page.level, "artists");
        }

        function test_searchFilters() {
            const field = findChild(page, "librarySearch");
            mouseClick(field);
            keyClick(Qt.Key_T);
            keyClick(Qt.Key_E);
            keyClick(Qt.Key_A);
            keyClick(Qt.Key_R);
            tryCompare(library, "search", "tear");
            verify(page.searching);
            const tracks = findChild(page, "trackList");
            tryCompare(tracks, "count", 1);
            tryVerify(() => findChild(page, "trackRow_0") !== null); // the list lays out on the next frame
            const first = findChild(page, "trackRow_0");
            waitForRendering(first);
            mouseClick(first);
            compare(player.calls, ["playTrack:4"]);
            field.clear();
            field.query = "";
            tryCompare(library, "search", "");
        }

        function test_enterSearchesAndLetsGoOfTheKeyboard() {
            const field = findChild(page, "librarySearch");
            mouseClick(field);
            verify(field.activeFocus);
            keyClick(Qt.Key_M);
            keyClick(Qt.Key_E);
            keyClick(Qt.Key_Return);
            compare(library.search, "me", "at once, without the typing pause");
            verify(!field.activeFocus, "focus (and with it the on-screen keyboard) goes");
            field.clear();
            field.query = "";
            tryCompare(library, "search", "");
        }
    }
}
