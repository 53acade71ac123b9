import QtQuick
import QtQuick.Controls.Basic
import ByteWave.UI

// The adventurousness slider with its meaning in plain words. Commits on release, so a drag
// writes the setting once.
Column {
    id: control
    property real value: 0.5
    signal committed(real value)

    spacing: Theme.spacingSmall

    Text {
        objectName: "adventurousnessText"
        text: Theme.adventurousnessText(slider.value)
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontTitle - 2
        font.bold: true
    }
    Slider {
        id: slider
        objectName: "adventurousnessSlider"
        width: parent.width
        height: Theme.touch
        from: 0
        to: 1
        stepSize: 0.05
        snapMode: Slider.SnapOnRelease
        value: pressed ? value : control.value
        onMoved: if (!pressed) control.committed(value)
        onPressedChanged: if (!pressed) control.committed(value)
        Accessible.name: qsTr("Adventurousness")
        background: Rectangle {
            x: slider.leftPadding
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: slider.availableWidth
            height: 8
            radius: 4
            gradient: Gradient {
                orientation: Gradient.Horizontal
                GradientStop { position: 0; color: Theme.like }
                GradientStop { position: 1; color: Theme.accent }
            }
        }
        handle: Rectangle {
            x: slider.leftPadding + slider.visualPosition * (slider.availableWidth - width)
            y: slider.topPadding + slider.availableHeight / 2 - height / 2
            width: 32
            height: 32
            radius: 16
            color: Theme.text
            border.color: Theme.background
            border.width: 3
        }
    }
    Item {
        width: parent.width
        height: favLabel.implicitHeight
        Text {
            id: favLabel
            text: qsTr("Favourites")
            color: Theme.textDim
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
        Text {
            anchors.right: parent.right
            text: qsTr("Discover")
            color: Theme.textDim
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontSmall
        }
    }
}
