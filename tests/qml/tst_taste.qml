import QtQuick
import QtTest
import ByteWave.UI

Item {
    id: root
    width: 708
    height: 480

    TasteDouble { id: taste }

    TastePage {
        id: page
        anchors.fill: parent
        taste: taste
    }

    TestCase {
        name: "Taste"
        when: windowShown

        function test_sliderPersistsAndExplains() {
            const slider = findChild(page, "adventurousnessSlider");
            const text = findChild(page, "adventurousnessText");
            compare(text.text, "A good mix");
            taste.saved = [];
            mousePress(slider, slider.width / 2, slider.height / 2);
            mouseMove(slider, slider.width * 0.8, slider.height / 2, 16);
            mouseMove(slider, slider.width - 2, slider.height / 2, 16);
            mouseRelease(slider, slider.width - 2, slider.height / 2);
            compare(taste.saved.length, 1, "written once, on release");
            verify(taste.adventurousness > 0.9);
            compare(text.text, "Explore");

            taste.adventurousness = 0.1;
            compare(text.text, "Mostly favourites");
        }

        function test_undoTheLastSignal() {
            const undo = findChild(page, "undoSignal_0");
            verify(undo && undo.visible);
            verify(!findChild(page, "undoSignal_1").visible, "only the newest can be undone");
            mouseClick(undo);
            compare(taste.undoCalls, 1);
        }

        function test_showsWhatWasLearned() {
            const artists = findChild(page, "topArtists");
            const tracks = findChild(page, "topTracks");
            compare(artists.count, 2);
            compare(artists.itemAt(0).children[0].text, "Massive Attack");
            compare(tracks.count, 1);
            compare(tracks.itemAt(0).text, "Teardrop · Massive Attack");
            taste.topArtists = ["Björk"];
            compare(artists.count, 1);
        }

        function test_analysisProgress() {
            const progress = findChild(page, "analysisProgress");
            compare(progress.value, 0.4);
            verify(progress.caption.indexOf("40 of 100") >= 0, progress.caption);
            verify(progress.caption.indexOf("could not be read") < 0, progress.caption);
        }

        // Files that cannot be analysed count as done (the bar can complete) and are named.
        function test_analysisFailuresAreShown() {
            const progress = findChild(page, "analysisProgress");
            taste.analysisFailed = 5;
            compare(progress.value, 0.45);
            verify(progress.caption.indexOf("40 of 100 tracks analysed · 5 could not be read") >= 0, progress.caption);
            taste.analysisFailed = 0;
        }
    }
}
