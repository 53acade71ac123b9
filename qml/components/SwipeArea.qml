import QtQuick
import ByteWave.UI

// Content that follows a horizontal drag and reports a swipe past the threshold; it slides
// out in the swipe's direction, or springs back when the finger did not go far enough.
// Vertical drags are left to the enclosing list so it still scrolls.
Item {
    id: area
    property alias content: holder.data
    property real threshold: Theme.swipeThreshold
    property bool enabledLeft: true
    property bool enabledRight: true
    readonly property real offset: holder.x
    readonly property bool dragging: drag.active
    property bool slideOut: true
    signal swipedLeft()
    signal swipedRight()
    signal tapped()
    signal longPressed()

    clip: false

    Item {
        id: holder
        width: area.width
        height: area.height
        Behavior on x {
            enabled: !drag.active
            NumberAnimation { duration: Theme.anim; easing.type: Easing.OutCubic }
        }
    }

    DragHandler {
        id: drag
        target: null
        xAxis.enabled: true
        yAxis.enabled: false
        property real startX: 0
        onActiveChanged: {
            if (active)
                return;
            const dx = holder.x;
            if (dx <= -area.threshold && area.enabledLeft) {
                holder.x = area.slideOut ? -area.width : 0;
                area.swipedLeft();
            } else if (dx >= area.threshold && area.enabledRight) {
                holder.x = area.slideOut ? area.width : 0;
                area.swipedRight();
            } else {
                holder.x = 0;
            }
        }
        onTranslationChanged: {
            if (!active)
                return;
            let dx = translation.x;
            if ((dx < 0 && !area.enabledLeft) || (dx > 0 && !area.enabledRight))
                dx = dx / 4; // resist in a direction that does nothing
            holder.x = dx;
        }
    }
    TapHandler {
        // Qt 6.4 can still report a tap when a long press is released; one gesture, one action.
        property bool longPressFired: false
        onPressedChanged: if (pressed) longPressFired = false
        onTapped: if (!longPressFired) area.tapped()
        onLongPressed: {
            longPressFired = true;
            area.longPressed();
        }
    }

    // Put the content back (after a slide-out whose action did not remove the row).
    function reset() {
        holder.x = 0;
    }
}
