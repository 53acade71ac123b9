import QtQuick
import QtQuick.VirtualKeyboard

// Qt Virtual Keyboard for the touchscreen; slides up while a text field has focus.
InputPanel {
    id: panel
    objectName: "keyboard"
    width: parent ? parent.width : 800
    visible: active
}
