<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AlarmTray</name>
    <message numerus="yes">
        <location filename="../ui/alarm/alarm_tray.py" line="53"/>
        <source>%n new order(s) waiting to be accepted.</source>
        <translation>
            <numerusform>%n new order waiting to be accepted.</numerusform>
            <numerusform>%n new orders waiting to be accepted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatabaseRecoveredBox</name>
    <message numerus="yes">
        <location filename="../ui/application.py" line="73"/>
        <source>This device&apos;s database was damaged and has been set aside. %n action(s) that had not reached the hub yet were rescued and will be sent; the orders are being loaded again from the hub.

Damaged file: {kept_at}
Rescued actions: {exported_to}</source>
        <translation>
            <numerusform>This device&apos;s database was damaged and has been set aside. %n action that had not reached the hub yet was rescued and will be sent; the orders are being loaded again from the hub.

Damaged file: {kept_at}
Rescued actions: {exported_to}</numerusform>
            <numerusform>This device&apos;s database was damaged and has been set aside. %n actions that had not reached the hub yet were rescued and will be sent; the orders are being loaded again from the hub.

Damaged file: {kept_at}
Rescued actions: {exported_to}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExceptionMappingDialog</name>
    <message numerus="yes">
        <location filename="../ui/cashier/exception_mapping_dialog.py" line="180"/>
        <source>%n line(s) still without a catalogue item.</source>
        <translation>
            <numerusform>%n line still without a catalogue item.</numerusform>
            <numerusform>%n lines still without a catalogue item.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PackPage</name>
    <message numerus="yes">
        <location filename="../ui/handheld/pack_page.py" line="104"/>
        <source>Printing %n bag label(s).</source>
        <translation>
            <numerusform>Printing %n bag label.</numerusform>
            <numerusform>Printing %n bag labels.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusCounts</name>
    <message numerus="yes">
        <location filename="../ui/sync_status_bar.py" line="106"/>
        <source>%n record(s) could not be read</source>
        <translation>
            <numerusform>%n record could not be read</numerusform>
            <numerusform>%n records could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/sync_status_bar.py" line="109"/>
        <source>%n action(s) waiting</source>
        <translation>
            <numerusform>%n action waiting</numerusform>
            <numerusform>%n actions waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TaskCard</name>
    <message numerus="yes">
        <location filename="../ui/handheld/task_list_page.py" line="66"/>
        <source>%n line(s)</source>
        <translation>
            <numerusform>%n line</numerusform>
            <numerusform>%n lines</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TasksView</name>
    <message numerus="yes">
        <location filename="../ui/manager/tasks_view.py" line="215"/>
        <source>%n task(s) waiting for a picker</source>
        <translation>
            <numerusform>%n task waiting for a picker</numerusform>
            <numerusform>%n tasks waiting for a picker</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayMenu</name>
    <message numerus="yes">
        <location filename="../ui/tray_menu.py" line="57"/>
        <source>Quit (%n action(s) not sent to the hub yet)</source>
        <translation>
            <numerusform>Quit (%n action not sent to the hub yet)</numerusform>
            <numerusform>Quit (%n actions not sent to the hub yet)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/tray_menu.py" line="97"/>
        <source>%n action(s) have not reached the hub yet. They are kept on this device and sent when Storeside runs again with the network up.</source>
        <translation>
            <numerusform>%n action has not reached the hub yet. It is kept on this device and sent when Storeside runs again with the network up.</numerusform>
            <numerusform>%n actions have not reached the hub yet. They are kept on this device and sent when Storeside runs again with the network up.</numerusform>
        </translation>
    </message>
</context>
</TS>
