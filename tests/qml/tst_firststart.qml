import QtQuick
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
        function addFolder(u) {}
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

        function test_busyWhileScanning() {
            library.scanning = true;
            verify(!findChild(page, "chooseFolderButton").enabled);
            library.scanning = false;
        }
    }
}
