import QtQuick
import QtTest
import ByteWave.UI

Item {
    id: root
    width: 708
    height: 480

    PlayerDouble { id: player }
    ListModel {
        id: queue
        ListElement { trackId: 11; title: "Angel"; artist: "Massive Attack"; album: "Mezzanine"; cover: ""; reason: "Because you liked Teardrop"; duration: 379 }
        ListElement { trackId: 12; title: "Hunter"; artist: "Björk"; album: "Homogenic"; cover: ""; reason: "Exploring: new to you"; duration: 255 }
        ListElement { trackId: 13; title: "Jóga"; artist: "Björk"; album: "Homogenic"; cover: ""; reason: "Not heard for 4 months"; duration: 305 }
    }

    UpNextPage {
        id: page
        anchors.fill: parent
        player: player
        queue: queue
    }

    TestCase {
        name: "UpNext"
        when: windowShown

        function init() {
            player.calls = [];
            queue.clear();
            queue.append({ trackId: 11, title: "Angel", artist: "Massive Attack", album: "Mezzanine", cover: "", reason: "Because you liked Teardrop", duration: 379 });
            queue.append({ trackId: 12, title: "Hunter", artist: "Björk", album: "Homogenic", cover: "", reason: "Exploring: new to you", duration: 255 });
            queue.append({ trackId: 13, title: "Jóga", artist: "Björk", album: "Homogenic", cover: "", reason: "Not heard for 4 months", duration: 305 });
            wait(400); // let add transitions settle so rows are where they will be tapped
        }

        function row(i) {
            const r = findChild(page, "queueRow_" + i);
            verify(r, "row " + i);
            return r;
        }

        function swipe(item, dx) {
            const y = item.height / 2;
            const x0 = item.width / 2;
            mousePress(item, x0, y);
            for (let i = 1; i <= 12; ++i)
                mouseMove(item, x0 + dx * i / 12, y, 16);
            mouseRelease(item, x0 + dx, y);
        }

        function test_rowsShowReasons() {
            tryCompare(findChild(page, "queueList"), "count", 3);
            verify(row(0));
        }

        function test_swipeLeftSkipsThatTrack() {
            swipe(row(1), -300);
            compare(player.calls, ["skipQueued:12"]);
        }

        function test_swipeRightLikesThatTrack() {
            swipe(row(0), 300);
            compare(player.calls, ["likeQueued:11"]);
        }

        function test_tapPlaysNow() {
            mouseClick(row(2));
            compare(player.calls, ["playTrack:13"]);
        }

        function test_longPressOffersPlayNextAndNeverPlay() {
            const r = row(0);
            mousePress(r, r.width / 2, r.height / 2);
            wait(1000);
            mouseRelease(r, r.width / 2, r.height / 2);
            const menu = findChild(page, "queueMenu");
            tryCompare(menu, "opened", true);
            compare(menu.count, 3);
            compare(menu.itemAt(0).text, "Play next");
            compare(menu.itemAt(2).text, "Never play");
            menu.itemAt(0).triggered();
            compare(player.calls, ["playNext:11"]);
            menu.itemAt(2).triggered();
            compare(player.calls, ["playNext:11", "neverPlay:11"]);
            menu.close();
        }

        function test_changesAnimateWithoutReset() {
            const list = findChild(page, "queueList");
            queue.move(2, 0, 1);
            queue.remove(1);
            queue.append({ trackId: 14, title: "Roads", artist: "Portishead", album: "Dummy", cover: "", reason: "Exploring", duration: 302 });
            tryCompare(list, "count", 3);
        }
    }
}
