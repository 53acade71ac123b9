import QtQuick
import QtQuick.Templates as T
import QtTest
import ByteWave.UI

Item {
    id: root
    width: 708
    height: 480

    PlayerDouble { id: player }
    TasteDouble { id: taste }
    QtObject {
        id: library
        property var folders: ["/home/pi/Music"]
        property bool scanning: false
        property int scanDone: 0
        property int scanTotal: 0
        property int rescans: 0
        property var removed: []
        function rescan() { rescans++; }
        function removeFolder(p) { removed = removed.concat([p]); }
        property var added: []
        function addFolder(u) { added = added.concat([String(u)]); }
    }
    QtObject {
        id: settings
        property int dimMinutes: 5
        property bool analysisEnabled: true
        property int analysisJobs: 1
        property int maxAnalysisJobs: 2
    }

    SettingsPage {
        id: page
        anchors.fill: parent
        library: library
        settings: settings
        player: player
        taste: taste
    }

    TestCase {
        name: "Settings"
        when: windowShown

        function test_normalisationSwitch() {
            const sw = findChild(page, "normaliseSwitch");
            verify(sw.checked);
            mouseClick(sw);
            compare(player.normalise, false);
        }

        function test_volume() {
            const slider = findChild(page, "volumeSlider");
            mouseClick(slider, slider.width * 0.25, slider.height / 2);
            verify(player.volume < 0.4, "volume follows the slider: " + player.volume);
        }

        function test_dimSteps() {
            const stepper = findChild(page, "dimStepper");
            mouseClick(findChild(stepper, "stepUp"));
            compare(settings.dimMinutes, 10);
            mouseClick(findChild(stepper, "stepDown"));
            mouseClick(findChild(stepper, "stepDown"));
            compare(settings.dimMinutes, 2);
        }

        function test_rescanAndRemoveFolder() {
            mouseClick(findChild(page, "rescanButton"));
            compare(library.rescans, 1);
            mouseClick(findChild(page, "removeFolder_0"));
            compare(library.removed, ["/home/pi/Music"]);
        }

        function test_addFolderPicksAFolder() {
            const dialog = findChild(page, "folderDialog");
            verify(dialog);
            dialog.startFolder = "file:///usr";
            mouseClick(findChild(page, "addFolderButton"));
            tryCompare(dialog, "opened", true);
            // Centred on the whole window, over the navigation rail, not on the page.
            compare(dialog.parent, T.Overlay.overlay);
            // Into a folder by tapping its row, back with Up, then take it.
            const list = findChild(dialog.contentItem, "folderList") || dialog.contentItem;
            // FolderListModel reads off the GUI thread: until /usr is read, the rows can still be
            // those of the folder it listed before (the working directory).
            tryVerify(() => list.count > 0 && list.itemAtIndex(0) !== null
                      && String(list.itemAtIndex(0).fileUrl).startsWith("file:///usr/"));
            const first = list.itemAtIndex(0);
            mouseClick(first);
            compare(String(dialog.selectedFolder), "file:///usr/" + first.fileName);
            tryVerify(() => findChild(dialog.header, "folderUp").enabled);
            mouseClick(findChild(dialog.header, "folderUp"));
            compare(String(dialog.selectedFolder), "file:///usr");
            mouseClick(findChild(dialog.footer, "folderUse"));
            compare(library.added, ["file:///usr"]);
            tryCompare(dialog, "visible", false);
        }

        // The model keeps the previous folder's rows for a moment after a tap (it reads the
        // new folder off the GUI thread); they must not show, or a second tap would land on them.
        function test_folderPickerHidesThePreviousFoldersRows() {
            const dialog = findChild(page, "folderDialog");
            dialog.startFolder = "file:///usr";
            mouseClick(findChild(page, "addFolderButton"));
            tryCompare(dialog, "opened", true);
            const list = findChild(dialog.contentItem, "folderList") || dialog.contentItem;
            // The visible row named name, scrolled into view; null if there is none yet.
            const rowOf = name => {
                for (let i = 0; i < list.count; ++i) {
                    const item = list.itemAtIndex(i);
                    if (item && item.fileName === name && item.visible) {
                        list.positionViewAtIndex(i, ListView.Contain);
                        return item;
                    }
                }
                return null;
            };
            tryVerify(() => rowOf("share") !== null && String(rowOf("share").fileUrl) === "file:///usr/share");
            const usrRow = rowOf("share");
            waitForRendering(list);
            mouseClick(usrRow);
            compare(String(dialog.selectedFolder), "file:///usr/share");
            verify(!usrRow.visible, "a row of /usr still shows after moving into /usr/share");
            tryVerify(() => list.count > 0 && list.itemAtIndex(0) && list.itemAtIndex(0).visible
                      && String(list.itemAtIndex(0).fileUrl).startsWith("file:///usr/share/"));
            const shareRow = list.itemAtIndex(0);
            mouseClick(findChild(dialog.header, "folderUp"));
            compare(String(dialog.selectedFolder), "file:///usr");
            verify(!shareRow.visible, "a row of /usr/share still shows after going up to /usr");
            tryVerify(() => rowOf("share") !== null);
        }

        function init() {
            findChild(page, "settingsFlick").contentY = 0;
        }

        // A test that failed with the folder picker open must not leave it over the page.
        function cleanup() {
            const dialog = findChild(page, "folderDialog");
            if (dialog.opened)
                dialog.close();
            tryCompare(dialog, "visible", false);
        }

        // Scrolls the settings so the item is on screen, as a finger would.
        function reveal(item) {
            const flick = findChild(page, "settingsFlick");
            const y = item.mapToItem(flick.contentItem, 0, 0).y;
            flick.contentY = Math.max(0, Math.min(y - 20, flick.contentHeight - flick.height));
            waitForRendering(flick);
        }

        function test_analysisOnOffAndJobs() {
            const sw = findChild(page, "analysisSwitch");
            const jobs = findChild(page, "jobsStepper");
            reveal(jobs);
            verify(sw.checked);
            mouseClick(findChild(jobs, "stepUp"));
            compare(settings.analysisJobs, 2);
            mouseClick(findChild(jobs, "stepUp"));
            compare(settings.analysisJobs, 2, "never more jobs than the machine allows");
            mouseClick(sw);
            compare(settings.analysisEnabled, false);
            verify(!jobs.enabled, "jobs mean nothing while analysis is off");
            mouseClick(sw);
            compare(settings.analysisEnabled, true);
        }

        function test_resetTasteAsksFirst() {
            const reset = findChild(page, "resetTasteButton");
            const dialog = findChild(page, "confirmReset");
            reset.clicked();
            tryCompare(dialog, "opened", true);
            compare(taste.resetCalls, 0, "nothing happens before confirming");
            dialog.reject();
            tryCompare(dialog, "opened", false);
            compare(taste.resetCalls, 0);
            reset.clicked();
            tryCompare(dialog, "opened", true);
            dialog.accept();
            compare(taste.resetCalls, 1);
        }
    }
}
