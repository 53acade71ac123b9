import QtQuick
import QtQuick.Templates as T
import QtTest
import ByteWave.UI

Item {
    id: root
    width: 800
    height: 480

    QtObject {
        id: library
        property bool scanning: false
        property int scanDone: 0
        property var folders: []
        property bool creatingDemo: false
        property int demoDone: 0
        property int demoTotal: 0
        property int scanTotal: 0
        property int demoCalls: 0
        function createDemoLibrary() { demoCalls++; }
        property var added: []
        function addFolder(u) { added = added.concat([String(u)]); }
    }

    FirstStartPage {
        id: page
        anchors.fill: parent
        library: library
    }

    TestCase {
        name: "FirstStart"
        when: windowShown

        function test_offersFolderAndDemo() {
            const demo = findChild(page, "demoButton");
            verify(findChild(page, "chooseFolderButton").enabled);
            verify(demo.enabled);
            mouseClick(demo);
            compare(library.demoCalls, 1);
            library.creatingDemo = true;
            verify(!demo.enabled, "one demo at a time");
            verify(!findChild(page, "chooseFolderButton").enabled);
            library.creatingDemo = false;
        }

        function test_chooseFolderAddsIt() {
            const dialog = findChild(page, "folderDialog");
            verify(dialog);
            mouseClick(findChild(page, "chooseFolderButton"));
            tryCompare(dialog, "visible", true);
            compare(dialog.parent, T.Overlay.overlay); // centred on the window
            dialog.selectedFolder = "file:///home/pi/Music";
            dialog.accept();
            compare(library.added, ["file:///home/pi/Music"]);
        }

        function test_busyWhileScanning() {
            library.scanning = true;
            verify(!findChild(page, "chooseFolderButton").enabled);
            library.scanning = false;
        }
    }
}
