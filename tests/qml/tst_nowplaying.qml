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
            player.playing = false;
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

        function test_analysisDetails_data() {
            return [
                { tag: "not analysed", tempo: 0, key: "", energy: -1, title: "Teardrop", text: "", shown: false },
                { tag: "everything", tempo: 123.6, key: "A minor", energy: 0.8, title: "Teardrop",
                  text: "124 BPM · A minor · high energy", shown: true },
                { tag: "no pulse, no key", tempo: 0, key: "", energy: 0.2, title: "Teardrop",
                  text: "low energy", shown: true },
                { tag: "tempo and key", tempo: 80, key: "C major", energy: 0.5, title: "Teardrop",
                  text: "80 BPM · C major · medium energy", shown: true },
                { tag: "a title on two lines leaves no room", tempo: 80, key: "C major", energy: 0.5,
                  title: "A very long title that needs two lines on this narrow page to be read in full",
                  text: "80 BPM · C major · medium energy", shown: false },
            ];
        }

        function test_analysisDetails(data) {
            player.tempoBpm = data.tempo;
            player.keyName = data.key;
            player.energy = data.energy;
            player.title = data.title;
            const details = findChild(page, "analysisDetails");
            compare(details.text, data.text);
            compare(details.visible, data.shown);
            player.title = "Teardrop";
            player.tempoBpm = 0;
            player.keyName = "";
            player.energy = -1;
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

        function test_verdictButtonsAreLargeAndOnScreen_data() {
            return [{ tag: "dislike", name: "dislikeButton" }, { tag: "skip", name: "skipButton" },
                    { tag: "like", name: "likeButton" }];
        }

        function test_verdictButtonsAreLargeAndOnScreen(data) {
            const button = findChild(page, data.name);
            verify(button.height >= Theme.touchLarge, "height " + button.height);
            verify(button.width >= 96, "width " + button.width);
            const corner = button.mapToItem(page, button.width, button.height);
            verify(corner.x <= page.width && corner.y <= page.height, "clipped at " + corner);
            const label = findChild(button, "label");
            verify(!label.truncated, "label fits: " + label.text);
        }

        function test_skipShowsFeedbackAtOnce() {
            const skip = findChild(page, "skipButton");
            tryVerify(() => !skip.flashing, 2000, "an earlier tap's flash has faded");
            mouseClick(skip);
            compare(player.calls, ["skip"]);
            verify(skip.flashing, "the tap flashes before the next track arrives");
        }

        function test_quickSecondTapIsNotLost_data() {
            return [{ tag: "skip", name: "skipButton", call: "skip" },
                    { tag: "dislike", name: "dislikeButton", call: "dislike" },
                    { tag: "play", name: "playButton", call: "togglePlay" },
                    { tag: "previous", name: "previousButton", call: "previous" },
                    { tag: "cover", name: "coverSwipe", call: "togglePlay" }];
        }

        // Qt 6.4's AbstractButton reports a quick second tap only as doubleClicked once anything
        // handles that signal; the buttons here must never lose it.
        function test_quickSecondTapIsNotLost(data) {
            mouseDoubleClickSequence(findChild(page, data.name));
            compare(player.calls, [data.call, data.call]);
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
