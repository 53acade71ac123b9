import QtQuick
import ByteWave.UI

// A hand-drawn SVG icon from resources/icons in any colour.
Image {
    id: icon
    property string name
    property color color: Theme.text
    property int size: Theme.icon

    width: size
    height: size
    sourceSize: Qt.size(size, size)
    source: name.length > 0 ? Theme.iconUrl(name, color) : ""
    fillMode: Image.PreserveAspectFit
    asynchronous: false
    smooth: true
}
