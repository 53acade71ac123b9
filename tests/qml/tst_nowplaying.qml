import QtQuick
import QtTest
import ByteWave.UI

Item {
    id: root
    width: 708
    height: 480

    PlayerDouble { id: player }

    NowPlayingPage {
        id: page
        anchors.fill: parent
        player: player
    }

    TestCase {
        name: "NowPlaying"
        when: windowShown

        function init() {
            player.calls = [];
            player.liked = false;
            player.likePending = false;
        }

        function swipe(item, dx) {
            const y = item.height / 2;
            const x0 = item.width / 2;
            mousePress(item, x0, y);
            for (let i = 1; i <= 10; ++i)
                mouseMove(item, x0 + dx * i / 10, y, 16);
            mouseRelease(item, x0 + dx, y);
        }

        function test_showsTrackAndReason() {
            compare(findChild(page, "title").text, "Teardrop");
            compare(findChild(page, "reason").text, "Because you liked Angel");
        }

        function test_likeShowsPendingThenDone() {
            const like = findChild(page, "likeButton");
            mouseClick(like);
            compare(player.calls, ["like"]);
            verify(like.pending, "the tap shows at once");
            verify(!like.done, "not done before the signal is committed");
            player.commitLike();
            verify(like.done);
            compare(like.text, "Liked");
        }

        function test_dislike() {
            mouseClick(findChild(page, "dislikeButton"));
            compare(player.calls, ["dislike"]);
        }

        function test_transport() {
            mouseClick(findChild(page, "playButton"));
            mouseClick(findChild(page, "skipButton"));
            mouseClick(findChild(page, "previousButton"));
            compare(player.calls, ["togglePlay", "skip", "previous"]);
        }

        function test_swipeCoverLeftSkips() {
            swipe(findChild(page, "coverSwipe"), -200);
            compare(player.calls, ["skip"]);
        }

        function test_swipeCoverRightGoesBack() {
            swipe(findChild(page, "coverSwipe"), 200);
            compare(player.calls, ["previous"]);
        }

        function test_shortSwipeDoesNothing() {
            swipe(findChild(page, "coverSwipe"), -40);
            compare(player.calls, []);
        }

        function test_dragToSeek() {
            const slider = findChild(page, "seekSlider");
            mousePress(slider, slider.width * 0.1, slider.height / 2);
            mouseMove(slider, slider.width * 0.5, slider.height / 2, 16);
            mouseRelease(slider, slider.width * 0.5, slider.height / 2);
            compare(player.calls.length, 1);
            verify(player.calls[0].startsWith("seek:"));
            const seconds = Number(player.calls[0].split(":")[1]);
            verify(seconds > 120 && seconds < 210, "seeked to about the middle: " + seconds);
        }
    }
}
