import QtQuick
import ByteWave.UI

// − value + with big buttons; the text shows the value as the caller formats it.
Row {
    id: stepper
    property int value
    property int from: 0
    property int to: 10
    property var steps: [] // optional list of allowed values
    property string text: value
    signal changed(int value)

    function move(direction) {
        if (steps.length > 0) {
            let i = steps.indexOf(value);
            if (i < 0)
                i = 0;
            i = Math.max(0, Math.min(steps.length - 1, i + direction));
            changed(steps[i]);
        } else {
            changed(Math.max(from, Math.min(to, value + direction)));
        }
    }

    spacing: 4
    IconButton {
        objectName: "stepDown"
        text: qsTr("Less")
        iconName: "back"
        fill: Theme.surfaceRaised
        enabled: stepper.steps.length > 0 ? stepper.value !== stepper.steps[0] : stepper.value > stepper.from
        onClicked: stepper.move(-1)
    }
    Text {
        width: 84
        height: Theme.touch
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        text: stepper.text
        color: Theme.text
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontBody
    }
    IconButton {
        objectName: "stepUp"
        text: qsTr("More")
        iconName: "back"
        rotation: 180
        fill: Theme.surfaceRaised
        enabled: stepper.steps.length > 0 ? stepper.value !== stepper.steps[stepper.steps.length - 1] : stepper.value < stepper.to
        onClicked: stepper.move(1)
    }
}
