import QtQuick
import ByteWave.UI

// A cover thumbnail, or a music note on a tinted square when the track has none.
Rectangle {
    id: cover
    property string source
    property int decodeSize: Math.max(width, height)

    color: Theme.surfaceRaised
    radius: Math.min(Theme.radius, width / 6)
    clip: true

    Icon {
        anchors.centerIn: parent
        name: "note"
        size: Math.round(parent.width * 0.42)
        color: Theme.textDim
        visible: image.status !== Image.Ready
    }
    Image {
        id: image
        anchors.fill: parent
        source: cover.source
        sourceSize: Qt.size(cover.decodeSize, cover.decodeSize)
        fillMode: Image.PreserveAspectCrop
        asynchronous: true
        cache: true
        visible: status === Image.Ready
    }
}
