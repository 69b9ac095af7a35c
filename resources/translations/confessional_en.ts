<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB">
<context>
    <name>ConnectHelp</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/connect_help.py" line="+97"/>
        <source>phones connected</source>
        <translation>
            <numerusform>phone connected</numerusform>
            <numerusform>phones connected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source> A rehearsal runs: its %n simulated phones are counted too.</source>
        <translation>
            <numerusform> A rehearsal runs: its %n simulated phone is counted too.</numerusform>
            <numerusform> A rehearsal runs: its %n simulated phones are counted too.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/console.py" line="+192"/>
        <source>%n phones connected now</source>
        <translation>
            <numerusform>%n phone connected now</numerusform>
            <numerusform>%n phones connected now</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+615"/>
        <source>%n confessions that were shown, with their agreements</source>
        <translation>
            <numerusform>%n confession that was shown, with its agreements</numerusform>
            <numerusform>%n confessions that were shown, with their agreements</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n confessions never shown</source>
        <translation>
            <numerusform>%n confession never shown</numerusform>
            <numerusform>%n confessions never shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %n removed from the record (only their number is kept)</source>
        <translation>
            <numerusform>, %n removed from the record (only its number is kept)</numerusform>
            <numerusform>, %n removed from the record (only their number is kept)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+548"/>
        <source>≈ %n alike: Merge…</source>
        <translation>
            <numerusform>≈ %n alike: Merge…</numerusform>
            <numerusform>≈ %n alike: Merge…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndedPanel</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/ended_panel.py" line="+94"/>
        <source> (%n taken out of the record)</source>
        <translation>
            <numerusform> (%n taken out of the record)</numerusform>
            <numerusform> (%n taken out of the record)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>“{title}” ended with %n confessions shown{taken_out}.</source>
        <translation>
            <numerusform>“{title}” ended with %n confession shown{taken_out}.</numerusform>
            <numerusform>“{title}” ended with %n confessions shown{taken_out}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LikeGroups</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/like_groups.py" line="+25"/>
        <source>≈ %n alike</source>
        <translation>
            <numerusform>≈ %n alike</numerusform>
            <numerusform>≈ %n alike</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>merged from %n</source>
        <translation>
            <numerusform>merged from %n</numerusform>
            <numerusform>merged from %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MergeView</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/merge_view.py" line="+59"/>
        <source>Merge %n into one</source>
        <translation>
            <numerusform>Merge %n into one</numerusform>
            <numerusform>Merge %n into one</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n agreed</source>
        <translation>
            <numerusform>%n agreed</numerusform>
            <numerusform>%n agreed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RehearsalControl</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/rehearsal_control.py" line="+56"/>
        <source>Rehearsal: %n simulated phones</source>
        <translation>
            <numerusform>Rehearsal: %n simulated phone</numerusform>
            <numerusform>Rehearsal: %n simulated phones</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Replies</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/replies.py" line="+24"/>
        <source>%n helped too</source>
        <translation>
            <numerusform>%n helped too</numerusform>
            <numerusform>%n helped too</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepliesPanel</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/replies_panel.py" line="+32"/>
        <source>What helped: %n shown</source>
        <translation>
            <numerusform>What helped: %n shown</numerusform>
            <numerusform>What helped: %n shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+76"/>
        <source>WHAT HELPED · %n SHOWN UNDER IT ON THE SCREEN</source>
        <translation>
            <numerusform>WHAT HELPED · %n SHOWN UNDER IT ON THE SCREEN</numerusform>
            <numerusform>WHAT HELPED · %n SHOWN UNDER IT ON THE SCREEN</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomBanner</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/room_banner.py" line="+46"/>
        <source>%n phones share a network address: a venue network, or someone adding votes. Their “{agree}” is counted apart.</source>
        <translation>
            <numerusform>%n phone is on a shared network address: a venue network, or someone adding votes. Its “{agree}” is counted apart.</numerusform>
            <numerusform>%n phones share a network address: a venue network, or someone adding votes. Their “{agree}” is counted apart.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%n phones on a shared address are counted.</source>
        <translation>
            <numerusform>%n phone on a shared address is counted.</numerusform>
            <numerusform>%n phones on a shared address are counted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n more waiting (sent too fast)</source>
        <translation>
            <numerusform>%n more waiting (sent too fast)</numerusform>
            <numerusform>%n more waiting (sent too fast)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionLibrary</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/session_library.py" line="+372"/>
        <source>Learning log of %n sessions saved as {path}.</source>
        <translation>
            <numerusform>Learning log of %n session saved as {path}.</numerusform>
            <numerusform>Learning log of %n sessions saved as {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionSetupDialog</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/session_setup.py" line="+746"/>
        <source>Session set-up applied; %n warm-up confessions added to Up next.</source>
        <translation>
            <numerusform>Session set-up applied; %n warm-up confession added to Up next.</numerusform>
            <numerusform>Session set-up applied; %n warm-up confessions added to Up next.</numerusform>
        </translation>
    </message>
</context>
</TS>
