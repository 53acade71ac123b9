import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// The page switcher down the left edge: big icons with short labels.
Rectangle {
    id: rail
    property int currentIndex: 0
    property var pages: []
    signal selected(int index)

    color: Theme.surface
    width: Theme.navWidth

    Column {
        anchors.fill: parent
        anchors.topMargin: Theme.spacingSmall
        anchors.bottomMargin: Theme.spacingSmall
        Repeater {
            model: rail.pages
            delegate: AbstractButton {
                id: navButton
                required property var modelData
                required property int index
                objectName: "nav_" + modelData.key
                width: rail.width
                height: (rail.height - 2 * Theme.spacingSmall) / rail.pages.length
                checked: rail.currentIndex === index
                Accessible.name: modelData.label
                onClicked: rail.selected(index)
                background: Rectangle {
                    anchors.fill: parent
                    anchors.margins: 6
                    radius: Theme.radius
                    color: navButton.checked ? Theme.surfaceRaised : "transparent"
                    Rectangle {
                        visible: navButton.checked
                        width: 4
                        height: parent.height * 0.5
                        radius: 2
                        anchors.left: parent.left
                        anchors.verticalCenter: parent.verticalCenter
                        color: Theme.accent
                    }
                }
                contentItem: Column {
                    spacing: 4
                    Item { width: 1; height: Math.max(0, (navButton.height - Theme.icon - 22) / 2 - 4) }
                    Icon {
                        anchors.horizontalCenter: parent.horizontalCenter
                        name: navButton.modelData.icon
                        color: navButton.checked ? Theme.accent : Theme.textDim
                    }
                    Text {
                        anchors.horizontalCenter: parent.horizontalCenter
                        text: navButton.modelData.label
                        color: navButton.checked ? Theme.text : Theme.textDim
                        font.family: Theme.fontFamily
                        font.pixelSize: 13
                        font.bold: navButton.checked
                    }
                }
            }
        }
    }
}
