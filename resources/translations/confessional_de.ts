<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AddressNotice</name>
    <message>
        <location filename="../../facilitator/ui/address_notice.py" line="42"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/address_notice.py" line="42"/>
        <source>Hide this notice</source>
        <translation>Diesen Hinweis ausblenden</translation>
    </message>
</context>
<context>
    <name>AwakeNote</name>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="23"/>
        <source>Turn on Do Not Disturb so no notification reaches the projector.</source>
        <translation>Schalte „Nicht stören“ ein, damit keine Benachrichtigung auf dem Beamer landet.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="26"/>
        <source>Keeping the laptop awake · {do_not_disturb}</source>
        <translation>Laptop bleibt wach · {do_not_disturb}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="29"/>
        <source>Keeping the laptop awake · Turn on Do Not Disturb</source>
        <translation>Laptop bleibt wach · „Nicht stören“ einschalten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="30"/>
        <source>Do Not Disturb on?</source>
        <translation>„Nicht stören“ an?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="33"/>
        <source>This laptop may sleep: turn off sleep in its settings</source>
        <translation>Laptop kann einschlafen: Ruhezustand in den Einstellungen ausschalten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="34"/>
        <source>Laptop may sleep</source>
        <translation>Laptop kann einschlafen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="51"/>
        <source>This laptop may sleep: {detail}. Turn off sleep in its settings.</source>
        <translation>Dieser Laptop kann einschlafen: {detail}. Schalte den Ruhezustand in den Einstellungen aus.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/awake_note.py" line="69"/>
        <source>Keeping the laptop awake: {detail}.
{do_not_disturb}</source>
        <translation>Der Laptop bleibt wach: {detail}.
{do_not_disturb}</translation>
    </message>
</context>
<context>
    <name>ClosingNoteDialog</name>
    <message>
        <location filename="../../facilitator/ui/closing_note.py" line="20"/>
        <source>Closing note</source>
        <translation>Schlusswort</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/closing_note.py" line="21"/>
        <source>CLOSING NOTE FOR THE RECORD</source>
        <translation>SCHLUSSWORT FÜRS PROTOKOLL</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/closing_note.py" line="22"/>
        <source>A few words after the confessions in this session&apos;s record: what the room agreed to do, thanks, where to go next. Never write a participant&apos;s name.</source>
        <translation>Ein paar Worte nach den Geständnissen im Protokoll dieser Sitzung: was der Raum vereinbart hat, Dank, wie es weitergeht. Schreib nie den Namen einer teilnehmenden Person.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/closing_note.py" line="27"/>
        <source>Save in the record</source>
        <translation>Im Protokoll speichern</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/closing_note.py" line="28"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/closing_note.py" line="29"/>
        <source>The note is too long: shorten it to {limit:,} characters.</source>
        <translation>Das Schlusswort ist zu lang: Kürze es auf {limit:,} Zeichen.</translation>
    </message>
</context>
<context>
    <name>ConfessionList</name>
    <message>
        <location filename="../../facilitator/ui/confession_list.py" line="96"/>
        <source>⚠ CN</source>
        <translation>⚠ IH</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/confession_list.py" line="97"/>
        <source>Content note: the room is warned first and sees no count</source>
        <translation>Inhaltshinweis: Der Raum wird vorher gewarnt und sieht keine Zahl</translation>
    </message>
</context>
<context>
    <name>ConnectHelp</name>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="57"/>
        <source>Phones can&apos;t connect?</source>
        <translation>Handys kommen nicht rein?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="60"/>
        <source>Scan the QR code with your own phone now</source>
        <translation>Scanne jetzt den QR-Code mit deinem eigenen Handy</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="61"/>
        <source>Waiting for a phone to open the join link… Use your phone as a guest would: on the room&apos;s Wi-Fi, mobile data off. This laptop&apos;s own browser does not count.</source>
        <translation>Warte, bis ein Handy den Link öffnet … Nutze dein Handy wie ein Gast: im WLAN des Raums, mobile Daten aus. Der Browser dieses Laptops zählt nicht.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="66"/>
        <source>A phone opened the join page: phones can reach this laptop.</source>
        <translation>Ein Handy hat die Seite geöffnet: Handys erreichen diesen Laptop.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="69"/>
        <source>Asking Windows how it treats this network…</source>
        <translation>Frage Windows, wie es dieses Netzwerk behandelt …</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/connect_help.py" line="97"/>
        <source>phones connected</source>
        <translation>
            <numerusform>Handy verbunden</numerusform>
            <numerusform>Handys verbunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="102"/>
        <source>Phones on other devices, live. This laptop&apos;s own browser is not counted.</source>
        <translation>Handys auf anderen Geräten, live. Der Browser dieses Laptops zählt nicht mit.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/connect_help.py" line="106"/>
        <source> A rehearsal runs: its %n simulated phones are counted too.</source>
        <translation>
            <numerusform> Eine Probe läuft: Ihr %n simuliertes Handy zählt mit.</numerusform>
            <numerusform> Eine Probe läuft: Ihre %n simulierten Handys zählen mit.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="112"/>
        <source> Stop it to see real phones alone.</source>
        <translation> Beende sie, um nur echte Handys zu sehen.</translation>
    </message>
</context>
<context>
    <name>ConnectHelpDialog</name>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="210"/>
        <source>Wi-Fi for phones…</source>
        <translation>WLAN für Handys …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="212"/>
        <source>The network phones join: its QR code on the join slide</source>
        <translation>Das Netzwerk für die Handys: sein QR-Code auf der Einstiegsfolie</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="215"/>
        <source>Sheet for IT…</source>
        <translation>Blatt für die IT …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="217"/>
        <source>A page for the venue&apos;s IT: address, port, isolation off</source>
        <translation>Eine Seite für die IT vor Ort: Adresse, Port, Isolation aus</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="219"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="265"/>
        <source>2. What this laptop can check</source>
        <translation>2. Was dieser Laptop prüfen kann</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="270"/>
        <source>Check again</source>
        <translation>Erneut prüfen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="272"/>
        <source>Read this laptop&apos;s addresses again (and Windows&apos; network profile)</source>
        <translation>Die Adressen dieses Laptops neu lesen (und das Netzwerkprofil von Windows)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/connect_help.py" line="283"/>
        <source>3. What the laptop cannot see</source>
        <translation>3. Was der Laptop nicht sehen kann</translation>
    </message>
</context>
<context>
    <name>ConsoleWindow</name>
    <message>
        <location filename="../../facilitator/ui/console.py" line="115"/>
        <source>Cannot save — phones will retry; free disk space or make sure the data folder is writable. Nothing is lost that phones were told was received.</source>
        <translation>Speichern nicht möglich – die Handys versuchen es erneut. Schaffe Speicherplatz oder sorge dafür, dass der Datenordner beschreibbar ist. Was den Handys als empfangen gemeldet wurde, geht nicht verloren.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="125"/>
        <source>No confession on screen: the room sees the title and how to join.</source>
        <translation>Kein Geständnis auf der Leinwand: Der Raum sieht den Titel und wie man mitmacht.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="128"/>
        <source>No confession on screen: the big screen is black.</source>
        <translation>Kein Geständnis auf der Leinwand: Die Leinwand ist schwarz.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="131"/>
        <source>No confession on screen: the room sees the break slide.</source>
        <translation>Kein Geständnis auf der Leinwand: Der Raum sieht die Pausenfolie.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="134"/>
        <source>No confession on screen: the room sees the closing slide.</source>
        <translation>Kein Geständnis auf der Leinwand: Der Raum sieht die Abschlussfolie.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="139"/>
        <source>Content note: the room was warned first and sees no count; the count here is for you</source>
        <translation>Inhaltshinweis: Der Raum wurde vorher gewarnt und sieht keine Zahl; die Zahl hier ist nur für dich</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="144"/>
        <source>Removed from the record (Put back restores it)</source>
        <translation>Aus dem Protokoll entfernt („Zurückholen“ stellt es wieder her)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="174"/>
        <source>↳ What helped, for #{number}</source>
        <translation>↳ Was geholfen hat, zu #{number}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/console.py" line="192"/>
        <source>%n phones connected now</source>
        <translation>
            <numerusform>%n Handy gerade verbunden</numerusform>
            <numerusform>%n Handys gerade verbunden</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="207"/>
        <source>Learned: {text}</source>
        <translation>Gelernt: {text}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="297"/>
        <source>The last save failed.</source>
        <translation>Das letzte Speichern ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="332"/>
        <source>Merge alike…</source>
        <translation>Ähnliche zusammenführen …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="334"/>
        <source>Merge the confessions very like this one into one (Ctrl+G)</source>
        <translation>Die Geständnisse, die diesem sehr ähneln, zu einem zusammenführen (Strg+G)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="379"/>
        <source>ON SCREEN NOW</source>
        <translation>JETZT AUF DER LEINWAND</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="398"/>
        <source>Approved replies shown under it: select it to see or set them aside</source>
        <translation>Freigegebene Antworten darunter: Wähle es aus, um sie zu sehen oder zu parken</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="423"/>
        <source>Project next  ▶</source>
        <translation>Nächstes zeigen  ▶</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="425"/>
        <source>Put the first confession of the queue on screen (Space or N)</source>
        <translation>Das erste Geständnis der Warteschlange auf die Leinwand bringen (Leertaste oder N)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="435"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="437"/>
        <source>Take back the last moderation action (Ctrl+Z)</source>
        <translation>Die letzte Moderationsaktion zurücknehmen (Strg+Z)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="458"/>
        <source>New confessions from phones appear here.</source>
        <translation>Neue Geständnisse von den Handys erscheinen hier.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="459"/>
        <source>Approve a confession to queue it for the screen.</source>
        <translation>Gib ein Geständnis frei, um es für die Leinwand einzureihen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="463"/>
        <source>Nothing shown yet.</source>
        <translation>Noch nichts gezeigt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="464"/>
        <source>Nothing set aside.</source>
        <translation>Nichts geparkt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="467"/>
        <location filename="../../facilitator/ui/console.py" line="1340"/>
        <source>Approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="467"/>
        <source>Queue it for the screen (Enter)</source>
        <translation>Für die Leinwand einreihen (Eingabe)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="470"/>
        <location filename="../../facilitator/ui/console.py" line="476"/>
        <location filename="../../facilitator/ui/console.py" line="1341"/>
        <location filename="../../facilitator/ui/console.py" line="1342"/>
        <source>Set aside</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="470"/>
        <source>Keep it off the screen (Delete)</source>
        <translation>Nicht auf die Leinwand bringen (Entf)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="473"/>
        <source>Project</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="473"/>
        <source>Put the selected one on screen now</source>
        <translation>Das ausgewählte jetzt auf die Leinwand bringen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="476"/>
        <source>Take it out of the queue (Delete)</source>
        <translation>Aus der Warteschlange nehmen (Entf)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="479"/>
        <source>Show</source>
        <translation>Wieder zeigen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="479"/>
        <source>Put it on the screen again</source>
        <translation>Noch einmal auf die Leinwand bringen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="482"/>
        <location filename="../../facilitator/ui/console.py" line="1353"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="482"/>
        <source>Take it off the screen and out of the record (Delete)</source>
        <translation>Von der Leinwand und aus dem Protokoll nehmen (Entf)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="485"/>
        <source>Restore</source>
        <translation>Zurückholen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="485"/>
        <source>Move it back to Incoming</source>
        <translation>Zurück in den Eingang</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="490"/>
        <source>Incoming</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="491"/>
        <source>Up next</source>
        <translation>Als Nächstes</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="492"/>
        <source>Shown</source>
        <translation>Gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="493"/>
        <source>Set aside</source>
        <comment>lane</comment>
        <translation>Geparkt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="517"/>
        <source>ORGANISERS ONLY</source>
        <translation>NUR FÜRS ORGA-TEAM</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="563"/>
        <source>Choices…</source>
        <translation>Optionen …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="566"/>
        <source>Organisers-only confessions in the record, timing privacy, the big screen&apos;s look and the projector page&apos;s link</source>
        <translation>Geständnisse nur fürs Orga-Team im Protokoll, zeitlicher Schutz, Aussehen der Leinwand und Link zur Beamer-Seite</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="574"/>
        <source>Word lists…</source>
        <translation>Wortlisten …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="576"/>
        <source>Local names and watch words that flag a confession</source>
        <translation>Örtliche Namen und Warnwörter, die ein Geständnis markieren</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="580"/>
        <source>Getting started…</source>
        <translation>Erste Schritte …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="582"/>
        <source>The projector, phones, a rehearsal, the session, the end</source>
        <translation>Beamer, Handys, Probe, Sitzung, Ende</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="586"/>
        <source>Past sessions…</source>
        <translation>Frühere Sitzungen …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="588"/>
        <source>Read, save or gather the records of ended sessions</source>
        <translation>Protokolle beendeter Sitzungen lesen, speichern oder sammeln</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="592"/>
        <source>Set up session…</source>
        <translation>Sitzung einrichten …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="594"/>
        <source>House rules, the form, language, colour, warm-ups, a file</source>
        <translation>Hausregeln, Formular, Sprache, Farbe, Aufwärmer, Datei</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="611"/>
        <source>End session…</source>
        <translation>Sitzung beenden …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="611"/>
        <source>Close the session and write its transcript</source>
        <translation>Die Sitzung schließen und ihr Protokoll schreiben</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="626"/>
        <source>Phones of the room with their live connection open: this laptop&apos;s own browser is not counted, a rehearsal&apos;s simulated phones are</source>
        <translation>Handys im Raum mit offener Live-Verbindung: Der Browser dieses Laptops zählt nicht, simulierte Handys einer Probe schon</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="702"/>
        <source>Reconnecting to the session host…</source>
        <translation>Verbindung zum Sitzungsdienst wird wiederhergestellt …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="734"/>
        <source>Select a confession marked “≈ alike” to merge its group.</source>
        <translation>Wähle ein Geständnis mit „≈ ähnlich“, um seine Gruppe zusammenzuführen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="788"/>
        <source>End the session?</source>
        <translation>Sitzung beenden?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="788"/>
        <source>End the session now?</source>
        <translation>Die Sitzung jetzt beenden?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="791"/>
        <source>End session</source>
        <translation>Sitzung beenden</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/console.py" line="807"/>
        <source>%n confessions that were shown, with their agreements</source>
        <translation>
            <numerusform>%n gezeigtes Geständnis mit seinen Zustimmungen</numerusform>
            <numerusform>%n gezeigte Geständnisse mit ihren Zustimmungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/console.py" line="810"/>
        <source>%n confessions never shown</source>
        <translation>
            <numerusform>%n nie gezeigtes Geständnis</numerusform>
            <numerusform>%n nie gezeigte Geständnisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/console.py" line="812"/>
        <source>, %n removed from the record (only their number is kept)</source>
        <translation>
            <numerusform>, %n aus dem Protokoll entferntes (nur die Anzahl bleibt)</numerusform>
            <numerusform>, %n aus dem Protokoll entfernte (nur ihre Anzahl bleibt)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="819"/>
        <source>Phones can no longer send or vote. The transcript keeps {kept}. Forgotten for good: {gone}, who agreed with what, and the phones&apos; tokens. A closing note for the record: in Set up session… now, or once it has ended.</source>
        <translation>Handys können nichts mehr senden oder abstimmen. Das Protokoll behält {kept}. Endgültig vergessen: {gone}, wer wem zugestimmt hat, und die Kennungen der Handys. Ein Schlusswort fürs Protokoll: jetzt unter „Sitzung einrichten …“ oder nach dem Ende.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="861"/>
        <source>Close Confessional?</source>
        <translation>Confessional schließen?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="862"/>
        <source>Close Confessional and continue this session later?</source>
        <translation>Confessional schließen und diese Sitzung später fortsetzen?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="864"/>
        <source>Phones are disconnected until you start Confessional again; the session, its queue and its votes are kept. To end it now and write its transcript, choose End session and close.</source>
        <translation>Die Handys sind getrennt, bis du Confessional wieder startest; Sitzung, Warteschlange und Stimmen bleiben erhalten. Um sie jetzt zu beenden und das Protokoll zu schreiben, wähle „Sitzung beenden und schließen“.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="870"/>
        <source>Close, continue later</source>
        <translation>Schließen, später weiter</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="873"/>
        <source>End session and close</source>
        <translation>Sitzung beenden und schließen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="899"/>
        <source>Select a confession first.</source>
        <translation>Wähle zuerst ein Geständnis aus.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="933"/>
        <source>Select a shown confession first.</source>
        <translation>Wähle zuerst ein gezeigtes Geständnis aus.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="942"/>
        <source>There is nothing to undo.</source>
        <translation>Es gibt nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="965"/>
        <source>The queue is empty: approve a confession first.</source>
        <translation>Die Warteschlange ist leer: Gib zuerst ein Geständnis frei.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1074"/>
        <source>Save the edit (Ctrl+S) or discard it (Esc) first.</source>
        <translation>Speichere zuerst die Änderung (Strg+S) oder verwirf sie (Esc).</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1124"/>
        <source>Saving works again.</source>
        <translation>Speichern funktioniert wieder.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1128"/>
        <source>{alarm}
Details: {detail}</source>
        <translation>{alarm}
Details: {detail}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1151"/>
        <source>Confessional — {title}</source>
        <translation>Confessional – {title}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1218"/>
        <source>{lane}  {shown} of {count}</source>
        <translation>{lane}  {shown} von {count}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1229"/>
        <source>Next: {text}</source>
        <translation>Als Nächstes: {text}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1231"/>
        <source>Queue is empty: approve a confession to show it next.</source>
        <translation>Warteschlange leer: Gib ein Geständnis frei, um es als Nächstes zu zeigen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1302"/>
        <source>What I learned: {text}</source>
        <translation>Was ich gelernt habe: {text}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/console.py" line="1353"/>
        <source>Put back</source>
        <translation>Zurückholen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/console.py" line="1360"/>
        <source>≈ %n alike: Merge…</source>
        <translation>
            <numerusform>≈ %n ähnlich: Zusammenführen …</numerusform>
            <numerusform>≈ %n ähnlich: Zusammenführen …</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <location filename="../../facilitator/app.py" line="58"/>
        <source>The session host stopped. Restarting it on the same port: nothing that phones were told was received is lost, and they reconnect by themselves.</source>
        <translation>Der Sitzungs-Host ist stehen geblieben. Er startet neu auf demselben Port: Nichts, was den Handys als angekommen gemeldet wurde, geht verloren, und sie verbinden sich von selbst wieder.</translation>
    </message>
    <message>
        <location filename="../../facilitator/app.py" line="63"/>
        <source>Moving the damaged database aside and starting a new session with a new database…</source>
        <translation>Die beschädigte Datenbank wird beiseitegelegt, und eine neue Sitzung beginnt mit einer neuen Datenbank …</translation>
    </message>
    <message>
        <location filename="../../facilitator/app.py" line="67"/>
        <source>The projector moved</source>
        <translation>Der Beamer ist umgezogen</translation>
    </message>
    <message>
        <location filename="../../facilitator/app.py" line="68"/>
        <source>The join slide shows it</source>
        <translation>Die Einstiegsfolie zeigt es</translation>
    </message>
    <message>
        <location filename="../../facilitator/app.py" line="69"/>
        <source>{done}, but it could not be saved for next time: {reason}</source>
        <translation>{done}, aber es ließ sich nicht fürs nächste Mal speichern: {reason}</translation>
    </message>
    <message>
        <location filename="../../facilitator/app.py" line="72"/>
        <source>Not now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <location filename="../../facilitator/app.py" line="387"/>
        <source>Confessional is already hosting a session on this laptop, so the prepared session was not started. End that session first, or load the file with Set up session…</source>
        <translation>Confessional hält auf diesem Laptop schon eine Sitzung, deshalb wurde die vorbereitete Sitzung nicht gestartet. Beende zuerst diese Sitzung oder lade die Datei mit „Sitzung einrichten …“.</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../facilitator/ui/details_panel.py" line="46"/>
        <source>SESSION</source>
        <translation>SITZUNG</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/details_panel.py" line="56"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/details_panel.py" line="57"/>
        <source>Prompt</source>
        <translation>Frage</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/details_panel.py" line="58"/>
        <source>Button</source>
        <translation>Knopf</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/details_panel.py" line="65"/>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/details_panel.py" line="65"/>
        <source>Show the new title, prompt and button label</source>
        <translation>Den neuen Titel, die Frage und die Knopfbeschriftung zeigen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/details_panel.py" line="92"/>
        <source>Session details updated.</source>
        <translation>Sitzungsangaben aktualisiert.</translation>
    </message>
</context>
<context>
    <name>EndedPanel</name>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="29"/>
        <source>Closing note…</source>
        <translation>Schlusswort …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="30"/>
        <source>A few words after the confessions in the record (never a participant&apos;s name)</source>
        <translation>Ein paar Worte nach den Geständnissen im Protokoll (nie der Name einer teilnehmenden Person)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="33"/>
        <source>Closing note saved in the record.</source>
        <translation>Schlusswort im Protokoll gespeichert.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="52"/>
        <source>SESSION ENDED</source>
        <translation>SITZUNG BEENDET</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="56"/>
        <source>The transcript was written to:</source>
        <translation>Das Protokoll wurde gespeichert unter:</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="67"/>
        <source>Save record as…</source>
        <translation>Protokoll speichern unter …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="69"/>
        <source>As a PDF, a printable HTML page, Markdown, CSV or JSON</source>
        <translation>Als PDF, druckbare HTML-Seite, Markdown, CSV oder JSON</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="71"/>
        <source>Open folder</source>
        <translation>Ordner öffnen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="73"/>
        <source>Start a new session</source>
        <translation>Neue Sitzung starten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="73"/>
        <source>The next session, with the same join link</source>
        <translation>Die nächste Sitzung, mit demselben Link zum Mitmachen</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/ended_panel.py" line="94"/>
        <source> (%n taken out of the record)</source>
        <translation>
            <numerusform> (%n aus dem Protokoll genommen)</numerusform>
            <numerusform> (%n aus dem Protokoll genommen)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/ended_panel.py" line="99"/>
        <source>“{title}” ended with %n confessions shown{taken_out}.</source>
        <translation>
            <numerusform>„{title}“ endete mit %n gezeigten Geständnis{taken_out}.</numerusform>
            <numerusform>„{title}“ endete mit %n gezeigten Geständnissen{taken_out}.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="104"/>
        <source>(no transcript written)</source>
        <translation>(kein Protokoll geschrieben)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="119"/>
        <source>Save record as</source>
        <translation>Protokoll speichern unter</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/ended_panel.py" line="129"/>
        <source>There is no record to save yet.</source>
        <translation>Es gibt noch kein Protokoll zum Speichern.</translation>
    </message>
</context>
<context>
    <name>FirstRunGuide</name>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="18"/>
        <source>Getting started</source>
        <translation>Erste Schritte</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="20"/>
        <source>Confessional runs the session from this laptop: phones join over the room&apos;s Wi-Fi, no internet and no app needed.</source>
        <translation>Confessional führt die Sitzung von diesem Laptop aus: Handys machen über das WLAN des Raums mit, ohne Internet und ohne App.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="27"/>
        <source>Connect the projector</source>
        <translation>Beamer anschließen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="28"/>
        <source>The big screen goes full screen on the screen that is not the console&apos;s. Choose another under Projector screen, at the bottom of the console.</source>
        <translation>Die Leinwand erscheint im Vollbild auf dem Bildschirm, der nicht die Konsole zeigt. Einen anderen wählst du unten in der Konsole unter „Beamer-Bildschirm“.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="35"/>
        <source>Get phones in</source>
        <translation>Handys reinholen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="36"/>
        <source>Phones join the laptop&apos;s Wi-Fi (or its hotspot) and scan the QR code. Scan it with your own phone now: if it does not open, Phones can&apos;t connect? helps.</source>
        <translation>Handys verbinden sich mit dem WLAN (oder dem Hotspot des Laptops) und scannen den QR-Code. Scanne ihn jetzt mit deinem Handy: Öffnet er sich nicht, hilft „Handys kommen nicht rein?“.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="43"/>
        <source>Rehearse</source>
        <translation>Proben</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="44"/>
        <source>Rehearse with simulated phones… fills the room with phones that confess and agree, so you can practise alone. A rehearsal&apos;s record is kept apart.</source>
        <translation>„Mit simulierten Handys proben …“ füllt den Raum mit Handys, die Geständnisse schicken und zustimmen – so übst du allein. Das Protokoll einer Probe wird getrennt aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="51"/>
        <source>During the session</source>
        <translation>Während der Sitzung</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="52"/>
        <source>Read each confession in Incoming, edit or mask what identifies someone, then Approve (Enter) or Set aside (Delete). Project next (Space) shows the next one; the room taps “Been there”.</source>
        <translation>Lies jedes Geständnis im Eingang, bearbeite oder maskiere, was jemanden erkennbar macht, dann „Freigeben“ (Eingabe) oder „Parken“ (Entf). „Nächstes zeigen“ (Leertaste) zeigt das nächste; der Raum tippt auf „Kenn ich“.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="60"/>
        <source>The end and the record</source>
        <translation>Das Ende und das Protokoll</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="61"/>
        <source>End session… writes the transcript: what was shown and how many agreed. Everything else is forgotten.</source>
        <translation>„Sitzung beenden …“ schreibt das Protokoll: was gezeigt wurde und wie viele zugestimmt haben. Alles andere wird vergessen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="123"/>
        <source>This guide is under Getting started… in the console.</source>
        <translation>Diese Anleitung findest du in der Konsole unter „Erste Schritte …“.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="128"/>
        <source>Phones can&apos;t connect?</source>
        <translation>Handys kommen nicht rein?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="130"/>
        <source>Count the phones, test with yours, check the laptop</source>
        <translation>Handys zählen, mit deinem testen, den Laptop prüfen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/first_run_guide.py" line="132"/>
        <source>Start</source>
        <translation>Los geht’s</translation>
    </message>
</context>
<context>
    <name>FollowUpsTable</name>
    <message>
        <location filename="../../facilitator/ui/follow_ups.py" line="28"/>
        <source>Mistake</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/follow_ups.py" line="29"/>
        <source>Been there</source>
        <translation>Kenn ich</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/follow_ups.py" line="30"/>
        <source>Action</source>
        <translation>Maßnahme</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/follow_ups.py" line="31"/>
        <source>By when</source>
        <translation>Bis wann</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/follow_ups.py" line="34"/>
        <source>What the organisation will do about it, in up to {limit} characters (never a participant&apos;s name)</source>
        <translation>Was die Organisation dagegen tut, in bis zu {limit} Zeichen (nie der Name einer teilnehmenden Person)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/follow_ups.py" line="39"/>
        <source>A date or a moment, such as “2027-01-31” or “next retro”, in up to {limit} characters</source>
        <translation>Ein Datum oder ein Zeitpunkt, etwa „2027-01-31“ oder „nächste Retro“, in bis zu {limit} Zeichen</translation>
    </message>
</context>
<context>
    <name>HostConnection</name>
    <message>
        <location filename="../../facilitator/ui/host_connection.py" line="38"/>
        <source>Not connected to the session host; try again in a moment.</source>
        <translation>Keine Verbindung zum Sitzungsdienst; versuch es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/host_connection.py" line="41"/>
        <source>The connection to the session host dropped; look whether it happened.</source>
        <translation>Die Verbindung zum Sitzungsdienst ist abgebrochen; prüfe, ob es ausgeführt wurde.</translation>
    </message>
</context>
<context>
    <name>HostFailure</name>
    <message>
        <location filename="../../facilitator/ui/host_failure.py" line="18"/>
        <source>Move it aside and start afresh</source>
        <translation>Beiseitelegen und neu beginnen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/host_failure.py" line="19"/>
        <source>“{move_aside}” renames the damaged file (it stays in the same folder, for recovery) and starts a new session with a new database.</source>
        <translation>„{move_aside}“ benennt die beschädigte Datei um (sie bleibt im selben Ordner, zur Wiederherstellung) und startet eine neue Sitzung mit einer neuen Datenbank.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/host_failure.py" line="24"/>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="38"/>
        <source>e-mail</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="39"/>
        <source>phone</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="40"/>
        <source>web address</source>
        <translation>Webadresse</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="41"/>
        <source>handle</source>
        <translation>Nutzername</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="42"/>
        <source>reference</source>
        <translation>Aktenzeichen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="43"/>
        <source>postcode</source>
        <translation>Postleitzahl</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="44"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="45"/>
        <source>organisation</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="46"/>
        <source>local name</source>
        <translation>örtlicher Name</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="47"/>
        <source>watch word</source>
        <translation>Warnwort</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="49"/>
        <source>Content note: warn first, hide the count</source>
        <translation>Inhaltshinweis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="50"/>
        <source>Something heavy: the big screen shows a short warning before it, and its count is shown neither there nor on the phones</source>
        <translation>Etwas Schweres: Die Leinwand zeigt vorher eine kurze Warnung, und die Zahl erscheint weder dort noch auf den Handys</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="63"/>
        <source>Incoming</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="64"/>
        <source>Up next</source>
        <translation>Als Nächstes</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="65"/>
        <source>Shown</source>
        <translation>Gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="66"/>
        <source>Set aside</source>
        <translation>Geparkt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="67"/>
        <source>Removed from the record</source>
        <translation>Aus dem Protokoll entfernt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="68"/>
        <source>Merged into another</source>
        <translation>Mit einem anderen zusammengeführt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="69"/>
        <source>For the organisers only — never shown</source>
        <translation>Nur fürs Orga-Team – wird nie gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="110"/>
        <source>SELECTED</source>
        <translation>AUSGEWÄHLT</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="113"/>
        <source>⚑ Flagged: check before showing</source>
        <translation>⚑ Markiert: vor dem Zeigen prüfen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="119"/>
        <source>Select a confession to read it here, edit it or mask what identifies someone.</source>
        <translation>Wähle ein Geständnis aus, um es hier zu lesen, zu bearbeiten oder zu maskieren, was jemanden erkennbar macht.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="125"/>
        <source>The confession</source>
        <translation>Das Geständnis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="127"/>
        <source>What they learned (optional)</source>
        <translation>Was gelernt wurde (optional)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="167"/>
        <source>Mask selection {mask}</source>
        <translation>Auswahl maskieren {mask}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="169"/>
        <source>Replace the selected words with […] (Ctrl+M)</source>
        <translation>Die ausgewählten Wörter durch […] ersetzen (Strg+M)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="172"/>
        <source>Save edit</source>
        <translation>Änderung speichern</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="172"/>
        <source>Save the edited text (Ctrl+S)</source>
        <translation>Den bearbeiteten Text speichern (Strg+S)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="175"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="175"/>
        <source>Go back to the saved text (Esc)</source>
        <translation>Zurück zum gespeicherten Text (Esc)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="277"/>
        <source>Someone else saved a newer version: discard to see it.</source>
        <translation>Jemand anderes hat eine neuere Fassung gespeichert: Verwirf deine, um sie zu sehen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="280"/>
        <source>Not saved yet</source>
        <translation>Noch nicht gespeichert</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="311"/>
        <source>  ·  edited</source>
        <translation>  ·  bearbeitet</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="318"/>
        <source>
Learned: {text}</source>
        <translation>
Gelernt: {text}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="323"/>
        <source>As written (moderators only, never shown or kept): {text}</source>
        <translation>Wie geschrieben (nur für die Moderation, nie gezeigt oder aufbewahrt): {text}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="340"/>
        <source>Mask this {kind}</source>
        <translation>Maskieren: {kind}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="342"/>
        <source>Mask {kind} {word}</source>
        <translation>{kind} {word} maskieren</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="393"/>
        <source>Select the words to mask first.</source>
        <translation>Wähle zuerst die Wörter aus, die maskiert werden sollen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/item_editor.py" line="445"/>
        <source>Edit saved.</source>
        <translation>Änderung gespeichert.</translation>
    </message>
</context>
<context>
    <name>JoinPanel</name>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="50"/>
        <source>PHONES JOIN AT</source>
        <translation>HANDYS MACHEN MIT ÜBER</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="63"/>
        <source>Copy join link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="65"/>
        <source>Copy moderator link</source>
        <translation>Moderationslink</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="67"/>
        <source>A private link to moderate from another device. Do not project or share it.</source>
        <translation>Ein privater Link, um von einem anderen Gerät aus zu moderieren. Nicht zeigen oder weitergeben.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="77"/>
        <source>Addresses of this laptop</source>
        <translation>Adressen dieses Laptops</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="81"/>
        <source>Use selected</source>
        <translation>Auswahl nutzen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="84"/>
        <source>Put the selected address in the join link and the QR codes. If phones cannot open the link, try another address.</source>
        <translation>Die ausgewählte Adresse in den Link und die QR-Codes übernehmen. Wenn Handys den Link nicht öffnen können, probier eine andere Adresse.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="110"/>
        <source>Phones now join at {url}</source>
        <translation>Handys machen jetzt mit über {url}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="116"/>
        <source>  — in use</source>
        <translation>  – in Gebrauch</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="165"/>
        <source>Join link copied.</source>
        <translation>Link kopiert.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/join_panel.py" line="171"/>
        <source>Moderator link copied. Open it on a device you trust; never project or share it.</source>
        <translation>Moderationslink kopiert. Öffne ihn auf einem Gerät, dem du vertraust; nie zeigen oder weitergeben.</translation>
    </message>
</context>
<context>
    <name>LaneSearch</name>
    <message>
        <location filename="../../facilitator/ui/lane_search.py" line="41"/>
        <source>Arrival</source>
        <translation>Ankunft</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/lane_search.py" line="42"/>
        <source>Length</source>
        <translation>Länge</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/lane_search.py" line="79"/>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/lane_search.py" line="82"/>
        <source>Words in a confession or its lesson (Ctrl+F)</source>
        <translation>Wörter in einem Geständnis oder seiner Lehre (Strg+F)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/lane_search.py" line="85"/>
        <source>Show only the confessions with every word typed (Esc clears)</source>
        <translation>Nur Geständnisse mit allen eingegebenen Wörtern zeigen (Esc leert)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/lane_search.py" line="88"/>
        <source>Sort Incoming by</source>
        <translation>Eingang sortieren nach</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/lane_search.py" line="92"/>
        <source>Arrival: oldest first. Length: shortest first.</source>
        <translation>Ankunft: älteste zuerst. Länge: kürzeste zuerst.</translation>
    </message>
</context>
<context>
    <name>LikeGroups</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/like_groups.py" line="25"/>
        <source>≈ %n alike</source>
        <translation>
            <numerusform>≈ %n ähnlich</numerusform>
            <numerusform>≈ %n ähnlich</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/like_groups.py" line="29"/>
        <source>merged from %n</source>
        <translation>
            <numerusform>aus %n zusammengeführt</numerusform>
            <numerusform>aus %n zusammengeführt</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LimitedText</name>
    <message>
        <location filename="../../facilitator/ui/limited_text.py" line="17"/>
        <source>{count:,} / {limit:,}: too long</source>
        <translation>{count:,} / {limit:,}: zu lang</translation>
    </message>
</context>
<context>
    <name>LogoClient</name>
    <message>
        <location filename="../../facilitator/ui/logo_client.py" line="29"/>
        <source>The session host could not be reached; try again in a moment.</source>
        <translation>Der Sitzungsdienst ist nicht erreichbar; versuch es gleich noch einmal.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_client.py" line="32"/>
        <source>The session host answered with something this console does not understand.</source>
        <translation>Der Sitzungsdienst hat etwas geantwortet, das diese Konsole nicht versteht.</translation>
    </message>
</context>
<context>
    <name>LogoImages</name>
    <message>
        <location filename="../../facilitator/ui/logo_images.py" line="22"/>
        <source>The logo from the session host cannot be shown.</source>
        <translation>Das Logo vom Sitzungsdienst lässt sich nicht anzeigen.</translation>
    </message>
</context>
<context>
    <name>LogoRow</name>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="30"/>
        <source>Choose logo…</source>
        <translation>Logo wählen …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="31"/>
        <source>PNG, JPEG, WebP or GIF, up to 10 MB: on the join and closing slides and the phones&apos; header</source>
        <translation>PNG, JPEG, WebP oder GIF, bis 10 MB: auf der Einstiegs- und der Abschlussfolie und oben auf den Handys</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="35"/>
        <source>No logo</source>
        <translation>Kein Logo</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="36"/>
        <source>None</source>
        <translation>Keins</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="37"/>
        <source>{width} × {height} px</source>
        <translation>{width} × {height} px</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="38"/>
        <source>Preparing the logo…</source>
        <translation>Logo wird vorbereitet …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="39"/>
        <source>The organisers&apos; logo</source>
        <translation>Das Logo des Orga-Teams</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="40"/>
        <source>Images (*.png *.jpg *.jpeg *.webp *.gif);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.webp *.gif);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="43"/>
        <source>{path} cannot be read ({error}).</source>
        <translation>{path} lässt sich nicht lesen ({error}).</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/logo_row.py" line="44"/>
        <source>A logo needs the session host, which is not connected.</source>
        <translation>Ein Logo braucht den Sitzungsdienst, der gerade nicht verbunden ist.</translation>
    </message>
</context>
<context>
    <name>MergeView</name>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="42"/>
        <source>Incoming</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="43"/>
        <source>Up next</source>
        <translation>Als Nächstes</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="44"/>
        <source>Shown</source>
        <translation>Gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="45"/>
        <source>Set aside</source>
        <translation>Geparkt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="48"/>
        <source>Someone edited the kept confession meanwhile: close and open again.</source>
        <translation>Jemand hat das behaltene Geständnis inzwischen bearbeitet: Schließe und öffne neu.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="51"/>
        <source>One of them is on screen: keep that one, or blank the screen first.</source>
        <translation>Eines davon ist auf der Leinwand: Behalte dieses oder nimm es zuerst von der Leinwand.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/merge_view.py" line="59"/>
        <source>Merge %n into one</source>
        <translation>
            <numerusform>%n zu einem zusammenführen</numerusform>
            <numerusform>%n zu einem zusammenführen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="60"/>
        <location filename="../../facilitator/ui/merge_view.py" line="70"/>
        <location filename="../../facilitator/ui/merge_view.py" line="139"/>
        <source>Merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="68"/>
        <source>Keep</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="69"/>
        <source>Keep this one: the others are merged into it</source>
        <translation>Dieses behalten: Die anderen werden darin zusammengeführt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="73"/>
        <source>Untick to leave this one out: it is not the same mistake</source>
        <translation>Haken entfernen, um dieses auszulassen: Es ist nicht derselbe Fehler</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="78"/>
        <source> · on screen now</source>
        <translation> · gerade auf der Leinwand</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/merge_view.py" line="80"/>
        <source>%n agreed</source>
        <translation>
            <numerusform>%n Zustimmung</numerusform>
            <numerusform>%n Zustimmungen</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="82"/>
        <source>Learned: {text}</source>
        <translation>Gelernt: {text}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="104"/>
        <source>Merge confessions alike</source>
        <translation>Ähnliche Geständnisse zusammenführen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="110"/>
        <source>MERGE CONFESSIONS ALIKE</source>
        <translation>ÄHNLICHE GESTÄNDNISSE ZUSAMMENFÜHREN</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="113"/>
        <source>These say the same mistake. Keep one: the others leave the lanes, and every phone that agreed with any of them counts once for the one kept.</source>
        <translation>Diese beschreiben denselben Fehler. Behalte eines: Die anderen verlassen die Spalten, und jedes Handy, das einem davon zugestimmt hat, zählt einmal für das behaltene.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="121"/>
        <source>KEPT TEXT (EDIT TO COMBINE THEM)</source>
        <translation>BEHALTENER TEXT (ZUM KOMBINIEREN BEARBEITEN)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="128"/>
        <source>What they learned (optional)</source>
        <translation>Was gelernt wurde (optional)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="136"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="136"/>
        <source>Close without merging (Esc)</source>
        <translation>Schließen, ohne zusammenzuführen (Esc)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="139"/>
        <source>Merge the ticked ones into the kept one</source>
        <translation>Die angehakten im behaltenen zusammenführen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="212"/>
        <source>Left the lanes meanwhile: </source>
        <translation>Hat die Spalten inzwischen verlassen: </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="240"/>
        <source>Tick at least one to merge into the kept one.</source>
        <translation>Hake mindestens eines an, das im behaltenen aufgehen soll.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/merge_view.py" line="258"/>
        <source>Merged: the kept one counts every phone that agreed with any of them.</source>
        <translation>Zusammengeführt: Das behaltene zählt jedes Handy, das einem davon zugestimmt hat.</translation>
    </message>
</context>
<context>
    <name>OrganisersLane</name>
    <message>
        <location filename="../../facilitator/ui/organisers_lane.py" line="19"/>
        <source>Organisers only</source>
        <translation>Nur Orga-Team</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/organisers_lane.py" line="20"/>
        <source>For the organisers only — never shown</source>
        <translation>Nur fürs Orga-Team – wird nie gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/organisers_lane.py" line="21"/>
        <source>Confessions that phones mark “for the organisers only” appear here. Never shown.</source>
        <translation>Geständnisse, die Handys als „nur fürs Orga-Team“ markieren, erscheinen hier. Nie gezeigt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/organisers_lane.py" line="25"/>
        <source>Confessions for the organisers only: read or redact them, never shown</source>
        <translation>Geständnisse nur fürs Orga-Team: lesen oder schwärzen, nie gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/organisers_lane.py" line="51"/>
        <source>Their authors asked that only the organisers read them: no action here can put one on screen. Edit one above to redact it.</source>
        <translation>Ihre Verfasser wollten, dass nur das Orga-Team sie liest: Nichts hier bringt eines auf die Leinwand. Bearbeite eines oben, um es zu schwärzen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/organisers_lane.py" line="61"/>
        <source>← Set aside</source>
        <translation>← Geparkt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/organisers_lane.py" line="61"/>
        <source>Back to the confessions set aside</source>
        <translation>Zurück zu den geparkten Geständnissen</translation>
    </message>
</context>
<context>
    <name>PhonesNetwork</name>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="59"/>
        <source>Wi-Fi for phones…</source>
        <translation>WLAN für Handys …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="61"/>
        <source>The network phones join: its name and QR code go on the join slide</source>
        <translation>Das Netzwerk für die Handys: Name und QR-Code kommen auf die Einstiegsfolie</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="64"/>
        <source>Sheet for IT…</source>
        <translation>Blatt für die IT …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="66"/>
        <source>A printable page for the venue&apos;s IT: address, port, client isolation off</source>
        <translation>Eine druckbare Seite für die IT vor Ort: Adresse, Port, Client-Isolation aus</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="73"/>
        <source>Phones connected, a test with your own phone, checks and advice</source>
        <translation>Verbundene Handys, ein Test mit deinem Handy, Prüfungen und Tipps</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="105"/>
        <source>The join link is not known yet.</source>
        <translation>Der Link zum Mitmachen ist noch nicht bekannt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="134"/>
        <source>The join slide shows the join link alone.</source>
        <translation>Die Einstiegsfolie zeigt nur den Link.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/phones_network.py" line="137"/>
        <source>The join slide shows the Wi-Fi {ssid} and its QR code.</source>
        <translation>Die Einstiegsfolie zeigt das WLAN {ssid} und seinen QR-Code.</translation>
    </message>
</context>
<context>
    <name>ProjectorLink</name>
    <message>
        <location filename="../../facilitator/ui/projector_link.py" line="18"/>
        <source>For a venue&apos;s AV computer: open this link in its browser, full screen, and it shows the big screen. The room keeps its screen while this console restarts.</source>
        <translation>Für den Präsentationsrechner vor Ort: Öffne diesen Link im Browser im Vollbild, dann zeigt er die Leinwand. Der Raum behält sein Bild, während diese Konsole neu startet.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_link.py" line="23"/>
        <source>The projector page is not available for this session.</source>
        <translation>Die Beamer-Seite gibt es für diese Sitzung nicht.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_link.py" line="26"/>
        <source>Projector page link copied.</source>
        <translation>Link zur Beamer-Seite kopiert.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_link.py" line="57"/>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_link.py" line="57"/>
        <source>Copy the projector page&apos;s link</source>
        <translation>Den Link zur Beamer-Seite kopieren</translation>
    </message>
</context>
<context>
    <name>ProjectorPlacement</name>
    <message>
        <location filename="../../facilitator/ui/screens.py" line="150"/>
        <source>Projector: full screen on {name}</source>
        <translation>Beamer: Vollbild auf {name}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screens.py" line="153"/>
        <source>Projector: only one screen, shown as a window</source>
        <translation>Beamer: nur ein Bildschirm, als Fenster</translation>
    </message>
</context>
<context>
    <name>ProjectorScreenPicker</name>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="41"/>
        <source>Automatic (first screen that is not the console&apos;s)</source>
        <translation>Automatisch (erster Bildschirm, der nicht die Konsole zeigt)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="44"/>
        <source>The projector goes full screen on the first screen that is not the console&apos;s, or is a window when there is only one screen.</source>
        <translation>Der Beamer zeigt im Vollbild auf dem ersten Bildschirm, der nicht die Konsole zeigt, oder als Fenster, wenn es nur einen Bildschirm gibt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="49"/>
        <source>The console&apos;s screen: the projector is never full screen here.</source>
        <translation>Der Bildschirm der Konsole: Hier ist der Beamer nie im Vollbild.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="52"/>
        <source>Not connected now: the projector uses the automatic choice until it is plugged in again.</source>
        <translation>Gerade nicht verbunden: Der Beamer nutzt die automatische Wahl, bis er wieder angeschlossen ist.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="125"/>
        <source>Screen {number}</source>
        <translation>Bildschirm {number}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="153"/>
        <source> (main screen)</source>
        <translation> (Hauptbildschirm)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="174"/>
        <source>{name} (not connected)</source>
        <translation>{name} (nicht verbunden)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/projector_screen_picker.py" line="250"/>
        <source>Projector screen</source>
        <translation>Beamer-Bildschirm</translation>
    </message>
</context>
<context>
    <name>ProjectorWindow</name>
    <message>
        <location filename="../../facilitator/ui/projector.py" line="69"/>
        <source>Confessional — Projector</source>
        <translation>Confessional – Beamer</translation>
    </message>
</context>
<context>
    <name>QrWidget</name>
    <message>
        <location filename="../../facilitator/ui/qr_widget.py" line="38"/>
        <source>QR code for {url}</source>
        <translation>QR-Code für {url}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/qr_widget.py" line="38"/>
        <source>No QR code</source>
        <translation>Kein QR-Code</translation>
    </message>
</context>
<context>
    <name>QueueList</name>
    <message>
        <location filename="../../facilitator/ui/queue_moves.py" line="55"/>
        <source>Move up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/queue_moves.py" line="56"/>
        <source>Move down</source>
        <translation>Nach unten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/queue_moves.py" line="57"/>
        <source>Move to top (next on screen)</source>
        <translation>Ganz nach oben (als Nächstes auf die Leinwand)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/queue_moves.py" line="58"/>
        <source>Move to end</source>
        <translation>Ans Ende</translation>
    </message>
</context>
<context>
    <name>ReadAloudView</name>
    <message>
        <location filename="../../facilitator/ui/read_aloud.py" line="22"/>
        <source>READ ALOUD</source>
        <translation>VORLESEN</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/read_aloud.py" line="23"/>
        <source>{key}: back to the selected confession</source>
        <translation>{key}: zurück zum ausgewählten Geständnis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/read_aloud.py" line="24"/>
        <source>No confession on screen. Project one (Space) to read it here.</source>
        <translation>Kein Geständnis auf der Leinwand. Zeig eines (Leertaste), um es hier zu lesen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/read_aloud.py" line="27"/>
        <source>Content note: warn the room first. Its count is not shown.</source>
        <translation>Inhaltshinweis: Warne zuerst den Raum. Die Zahl wird nicht gezeigt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/read_aloud.py" line="30"/>
        <source>What I learned: </source>
        <translation>Was ich gelernt habe: </translation>
    </message>
</context>
<context>
    <name>RecordAmend</name>
    <message>
        <location filename="../../facilitator/ui/record_amend.py" line="23"/>
        <source>The record cannot be read any more, so nothing was changed: {error}</source>
        <translation>Das Protokoll lässt sich nicht mehr lesen, daher wurde nichts geändert: {error}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/record_amend.py" line="26"/>
        <source>The record could not be written, so nothing was changed: {error}</source>
        <translation>Das Protokoll konnte nicht geschrieben werden, daher wurde nichts geändert: {error}</translation>
    </message>
</context>
<context>
    <name>RecordSave</name>
    <message>
        <location filename="../../facilitator/ui/record_save.py" line="26"/>
        <source>HTML, printable (*.html)</source>
        <translation>HTML, druckbar (*.html)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/record_save.py" line="28"/>
        <source>CSV, the register (*.csv)</source>
        <translation>CSV, die Übersicht (*.csv)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/record_save.py" line="51"/>
        <source>Could not save the record: {reason}</source>
        <translation>Protokoll konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/record_save.py" line="56"/>
        <source>Record saved as {path}.</source>
        <translation>Protokoll gespeichert als {path}.</translation>
    </message>
</context>
<context>
    <name>RehearsalControl</name>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="33"/>
        <source>Rehearse with simulated phones…</source>
        <translation>Mit simulierten Handys proben …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="34"/>
        <source>Stop rehearsal</source>
        <translation>Probe beenden</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="35"/>
        <source>Keep this rehearsal&apos;s record</source>
        <translation>Protokoll dieser Probe behalten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="36"/>
        <source>Practise alone: simulated phones join, confess and agree like a room (the session is marked as a rehearsal)</source>
        <translation>Allein üben: Simulierte Handys machen mit, schicken Geständnisse und stimmen zu wie ein Raum (die Sitzung wird als Probe markiert)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="41"/>
        <source>How many simulated phones?</source>
        <translation>Wie viele simulierte Handys?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="42"/>
        <source>This session is a rehearsal: its record is kept apart from your sessions&apos;.</source>
        <translation>Diese Sitzung ist eine Probe: Ihr Protokoll wird getrennt von deinen Sitzungen aufbewahrt.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="45"/>
        <source>This rehearsal&apos;s record is kept apart from your sessions&apos; (rehearsals folder).</source>
        <translation>Das Protokoll dieser Probe liegt getrennt von deinen Sitzungen (Ordner für Proben).</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="50"/>
        <source>The rehearsal&apos;s record is kept with your sessions&apos; now.</source>
        <translation>Das Protokoll der Probe liegt jetzt bei deinen Sitzungen.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/rehearsal_control.py" line="56"/>
        <source>Rehearsal: %n simulated phones</source>
        <translation>
            <numerusform>Probe: %n simuliertes Handy</numerusform>
            <numerusform>Probe: %n simulierte Handys</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="81"/>
        <source>The simulated phones leave</source>
        <translation>Die simulierten Handys gehen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="86"/>
        <source>Put its transcript with your sessions&apos; in the transcripts folder</source>
        <translation>Ihr Protokoll zu deinen Sitzungen in den Protokollordner legen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="104"/>
        <source>Rehearse</source>
        <translation>Proben</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/rehearsal_control.py" line="109"/>
        <source>Start rehearsal</source>
        <translation>Probe starten</translation>
    </message>
</context>
<context>
    <name>Replies</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/replies.py" line="24"/>
        <source>%n helped too</source>
        <translation>
            <numerusform>hat %n auch geholfen</numerusform>
            <numerusform>hat %n auch geholfen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepliesPanel</name>
    <message numerus="yes">
        <location filename="../../facilitator/ui/replies_panel.py" line="32"/>
        <source>What helped: %n shown</source>
        <translation>
            <numerusform>Was geholfen hat: %n gezeigt</numerusform>
            <numerusform>Was geholfen hat: %n gezeigt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/replies_panel.py" line="97"/>
        <source>Set aside</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/replies_panel.py" line="97"/>
        <source>Take it off the screen (set it aside)</source>
        <translation>Von der Leinwand nehmen (parken)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/replies_panel.py" line="99"/>
        <source>Set aside what helped: {line}</source>
        <translation>Parken, was geholfen hat: {line}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/replies_panel.py" line="108"/>
        <source>WHAT HELPED · %n SHOWN UNDER IT ON THE SCREEN</source>
        <translation>
            <numerusform>WAS GEHOLFEN HAT · %n DARUNTER AUF DER LEINWAND</numerusform>
            <numerusform>WAS GEHOLFEN HAT · %n DARUNTER AUF DER LEINWAND</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Resume</name>
    <message>
        <location filename="../../facilitator/ui/resume.py" line="32"/>
        <source>Resume the unfinished rehearsal &quot;{title}&quot; from {date}?</source>
        <translation>Die unbeendete Probe „{title}“ vom {date} fortsetzen?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/resume.py" line="34"/>
        <source>Resume the unfinished session &quot;{title}&quot; from {date}?</source>
        <translation>Die unbeendete Sitzung „{title}“ vom {date} fortsetzen?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/resume.py" line="39"/>
        <source>Resume keeps its confessions, queue and votes. New session starts an empty one.</source>
        <translation>„Fortsetzen“ behält Geständnisse, Warteschlange und Stimmen. „Neue Sitzung“ beginnt eine leere.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/resume.py" line="43"/>
        <source> It is a rehearsal (simulated phones joined it): its record is kept apart from your sessions&apos; unless you keep it.</source>
        <translation> Es ist eine Probe (simulierte Handys haben mitgemacht): Ihr Protokoll bleibt getrennt von deinen Sitzungen, außer du behältst es.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/resume.py" line="59"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/resume.py" line="60"/>
        <source>New session</source>
        <translation>Neue Sitzung</translation>
    </message>
</context>
<context>
    <name>RoomBanner</name>
    <message>
        <location filename="../../facilitator/ui/room_banner.py" line="26"/>
        <source>Count them</source>
        <translation>Mitzählen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/room_banner.py" line="27"/>
        <source>Set them apart</source>
        <translation>Getrennt zählen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/room_banner.py" line="28"/>
        <source>Add their agreements to the public counts (the big screen and the phones)</source>
        <translation>Ihre Zustimmungen zu den öffentlichen Zahlen hinzufügen (Leinwand und Handys)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/room_banner.py" line="31"/>
        <source>Take the agreements of every phone on a shared address out of the public counts again</source>
        <translation>Die Zustimmungen aller Handys mit gemeinsamer Adresse wieder aus den öffentlichen Zahlen nehmen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/room_banner.py" line="35"/>
        <source>Agreements from phones on a shared address: not in the count until you count them</source>
        <translation>Zustimmungen von Handys mit gemeinsamer Adresse: nicht in der Zahl, bis du sie mitzählst</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/room_banner.py" line="39"/>
        <source>Sent faster than a person writes: they reach Incoming at a steady pace</source>
        <translation>Schneller geschickt, als ein Mensch schreibt: Sie kommen gleichmäßig im Eingang an</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/room_banner.py" line="46"/>
        <source>%n phones share a network address: a venue network, or someone adding votes. Their “{agree}” is counted apart.</source>
        <translation>
            <numerusform>%n Handy nutzt eine gemeinsame Netzwerkadresse: ein Netz vor Ort oder jemand, der Stimmen hinzufügt. Sein „{agree}“ wird getrennt gezählt.</numerusform>
            <numerusform>%n Handys teilen sich eine Netzwerkadresse: ein Netz vor Ort oder jemand, der Stimmen hinzufügt. Ihr „{agree}“ wird getrennt gezählt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/room_banner.py" line="57"/>
        <source>%n phones on a shared address are counted.</source>
        <translation>
            <numerusform>%n Handy mit gemeinsamer Adresse wird mitgezählt.</numerusform>
            <numerusform>%n Handys mit gemeinsamer Adresse werden mitgezählt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/room_banner.py" line="73"/>
        <source>+{count} set apart</source>
        <translation>+{count} getrennt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/room_banner.py" line="81"/>
        <source>%n more waiting (sent too fast)</source>
        <translation>
            <numerusform>%n weiteres wartet (zu schnell geschickt)</numerusform>
            <numerusform>%n weitere warten (zu schnell geschickt)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ScreenControls</name>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="40"/>
        <source>Join slide</source>
        <translation>Einstieg</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="42"/>
        <source>Take the confession off the screen: the room sees how to join and the house rules</source>
        <translation>Das Geständnis von der Leinwand nehmen: Der Raum sieht, wie man mitmacht, und die Hausregeln</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="49"/>
        <source>Black</source>
        <translation>Schwarz</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="51"/>
        <source>Nothing at all on the big screen: the panic button</source>
        <translation>Gar nichts auf der Leinwand: der Notknopf</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="55"/>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="57"/>
        <source>“Break — back soon”, with a small join code for latecomers</source>
        <translation>„Pause – gleich geht es weiter“, mit kleinem QR-Code für Nachzügler</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="63"/>
        <source>Closing</source>
        <translation>Schluss</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="65"/>
        <source>Thank you, what the session gathered and the one-lesson question</source>
        <translation>Dank, was die Sitzung gesammelt hat, und die Frage nach der einen Lehre</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="70"/>
        <source>On the big screen now</source>
        <translation>Gerade auf der Leinwand</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/screen_controls.py" line="75"/>
        <source>{tip} ({key})</source>
        <translation>{tip} ({key})</translation>
    </message>
</context>
<context>
    <name>SessionChoices</name>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="33"/>
        <source>Auto (on in rooms of over 30 phones)</source>
        <translation>Automatisch (an bei über 30 Handys)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="34"/>
        <source>On</source>
        <translation>An</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="35"/>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="37"/>
        <source>Keep organisers-only confessions in the record</source>
        <translation>Geständnisse nur fürs Orga-Team im Protokoll behalten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="38"/>
        <source>Confessions marked for the organisers only go into a section of the transcript of their own. Otherwise moderators read them and they are forgotten at the end.</source>
        <translation>Geständnisse, die nur fürs Orga-Team markiert sind, kommen in einen eigenen Abschnitt des Protokolls. Sonst liest die Moderation sie, und am Ende werden sie vergessen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="43"/>
        <source>Confessions have arrived: the phones&apos; house rules already said whether these are kept, so this can no longer change in this session.</source>
        <translation>Es sind schon Geständnisse eingegangen: Die Hausregeln auf den Handys haben bereits gesagt, ob diese aufbewahrt werden, daher lässt sich das in dieser Sitzung nicht mehr ändern.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="48"/>
        <source>Timing privacy: shuffled batches</source>
        <translation>Zeitlicher Schutz: gemischte Schübe</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="49"/>
        <source>New confessions reach Incoming a few at a time, shuffled, so that nobody watching this screen can tie a confession to the phone that just sent it.</source>
        <translation>Neue Geständnisse kommen in kleinen, gemischten Schüben im Eingang an, damit niemand, der auf diesen Bildschirm schaut, ein Geständnis dem Handy zuordnen kann, das es gerade geschickt hat.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="54"/>
        <source>Shuffled batches on</source>
        <translation>Gemischte Schübe an</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="57"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="58"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="60"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="61"/>
        <source>Dark suits a dim room; light a bright one or a weak projector</source>
        <translation>Dunkel passt zu einem dunklen Raum, hell zu einem hellen oder einem schwachen Beamer</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="64"/>
        <source>Corner QR code for latecomers</source>
        <translation>QR-Code in der Ecke für Nachzügler</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="65"/>
        <source>A small join code in a corner beside each confession</source>
        <translation>Ein kleiner QR-Code zum Mitmachen in einer Ecke neben jedem Geständnis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="68"/>
        <source>Timer on the screen</source>
        <translation>Timer auf der Leinwand</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="69"/>
        <source>How long the confession has been up, beside its count</source>
        <translation>Wie lange das Geständnis schon zu sehen ist, neben seiner Zahl</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="96"/>
        <source>Session choices</source>
        <translation>Sitzungsoptionen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="101"/>
        <source>FOR THE ORGANISERS ONLY</source>
        <translation>NUR FÜRS ORGA-TEAM</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="108"/>
        <source>TIMING PRIVACY</source>
        <translation>ZEITLICHER SCHUTZ</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="124"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="137"/>
        <source>THE BIG SCREEN</source>
        <translation>DIE LEINWAND</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_choices.py" line="154"/>
        <source>PROJECTOR PAGE</source>
        <translation>BEAMER-SEITE</translation>
    </message>
</context>
<context>
    <name>SessionLibrary</name>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="59"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="60"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="61"/>
        <source>Shown</source>
        <translation>Gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="62"/>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="63"/>
        <source>Phones</source>
        <translation>Handys</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="66"/>
        <source>Record</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="67"/>
        <source>Follow-ups</source>
        <translation>Nachverfolgung</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="68"/>
        <source>For each mistake shown, what the organisation will do about it and by when. Write actions, never a participant&apos;s name: this goes into the record and every copy of it.</source>
        <translation>Für jeden gezeigten Fehler: was die Organisation dagegen tut und bis wann. Schreib Maßnahmen, nie den Namen einer teilnehmenden Person: Das kommt ins Protokoll und in jede Kopie davon.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="73"/>
        <source>Save follow-ups</source>
        <translation>Nachverfolgung speichern</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="74"/>
        <source>Write them into this session&apos;s record (its JSON and Markdown)</source>
        <translation>In das Protokoll dieser Sitzung schreiben (JSON und Markdown)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="77"/>
        <source>Follow-ups saved in the record of “{title}”.</source>
        <translation>Nachverfolgung im Protokoll von „{title}“ gespeichert.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="80"/>
        <source>Follow-ups typed here earlier are not saved yet.</source>
        <translation>Hier vorher eingegebene Nachverfolgung ist noch nicht gespeichert.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="83"/>
        <source>Nothing was shown in this session: there is nothing to follow up.</source>
        <translation>In dieser Sitzung wurde nichts gezeigt: Es gibt nichts nachzuverfolgen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="86"/>
        <source>Closing note…</source>
        <translation>Schlusswort …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="87"/>
        <source>Write or change this record&apos;s closing note</source>
        <translation>Das Schlusswort dieses Protokolls schreiben oder ändern</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="88"/>
        <source>Closing note saved in the record of “{title}”.</source>
        <translation>Schlusswort im Protokoll von „{title}“ gespeichert.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="100"/>
        <source>Past sessions</source>
        <translation>Frühere Sitzungen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="111"/>
        <source>PAST SESSIONS</source>
        <translation>FRÜHERE SITZUNGEN</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="113"/>
        <source>Records in {folder}</source>
        <translation>Protokolle in {folder}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="137"/>
        <source>Save as…</source>
        <translation>Speichern unter …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="137"/>
        <source>PDF, HTML, Markdown, CSV or JSON</source>
        <translation>PDF, HTML, Markdown, CSV oder JSON</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="140"/>
        <source>Export the learning log…</source>
        <translation>Lernprotokoll exportieren …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="142"/>
        <source>Every session&apos;s record in one JSON file</source>
        <translation>Die Protokolle aller Sitzungen in einer JSON-Datei</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="145"/>
        <source>Delete…</source>
        <translation>Löschen …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="147"/>
        <source>Delete this session and its record from the laptop</source>
        <translation>Diese Sitzung und ihr Protokoll vom Laptop löschen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="154"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="216"/>
        <source>No session has ended here yet.</source>
        <translation>Hier wurde noch keine Sitzung beendet.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="295"/>
        <source>Save record as</source>
        <translation>Protokoll speichern unter</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="313"/>
        <source>Delete a past session</source>
        <translation>Frühere Sitzung löschen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="314"/>
        <source>Delete “{title}” of {date} from this laptop?</source>
        <translation>„{title}“ vom {date} von diesem Laptop löschen?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="322"/>
        <source>Its record (every format) and what the laptop kept of it are deleted. Copies saved elsewhere stay. This cannot be undone.</source>
        <translation>Ihr Protokoll (alle Formate) und was der Laptop davon aufbewahrt hat, werden gelöscht. Anderswo gespeicherte Kopien bleiben. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="326"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="338"/>
        <source>Deleted “{title}” of {date}.</source>
        <translation>„{title}“ vom {date} gelöscht.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="345"/>
        <source>Not deleted: {reason}</source>
        <translation>Nicht gelöscht: {reason}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="352"/>
        <source>Export the learning log</source>
        <translation>Lernprotokoll exportieren</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_library.py" line="366"/>
        <source>Could not write the learning log: {reason}</source>
        <translation>Lernprotokoll konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/session_library.py" line="372"/>
        <source>Learning log of %n sessions saved as {path}.</source>
        <translation>
            <numerusform>Lernprotokoll von %n Sitzung gespeichert als {path}.</numerusform>
            <numerusform>Lernprotokoll von %n Sitzungen gespeichert als {path}.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionSetupDialog</name>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="71"/>
        <source>Set up this session</source>
        <translation>Diese Sitzung einrichten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="72"/>
        <source>WHAT THE ROOM READS</source>
        <translation>WAS DER RAUM LIEST</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="73"/>
        <source>THE CONFESSION FORM</source>
        <translation>DAS FORMULAR</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="74"/>
        <source>PHONES</source>
        <translation>HANDYS</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="75"/>
        <source>WARM-UP CONFESSIONS</source>
        <translation>AUFWÄRM-GESTÄNDNISSE</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="76"/>
        <source>AT THE END</source>
        <translation>AM ENDE</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="77"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="78"/>
        <source>Prompt</source>
        <translation>Frage</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="79"/>
        <source>Agree button</source>
        <translation>Zustimmungsknopf</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="80"/>
        <source>House rules</source>
        <translation>Hausregeln</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="81"/>
        <source>Use the default rules (shown in each phone&apos;s language)</source>
        <translation>Die Standardregeln nutzen (in der Sprache jedes Handys)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="84"/>
        <source>Longest confession</source>
        <translation>Längstes Geständnis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="85"/>
        <source> characters</source>
        <translation> Zeichen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="86"/>
        <source>From {low} to {high} characters; phones count down as people type</source>
        <translation>Von {low} bis {high} Zeichen; die Handys zählen beim Tippen herunter</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="89"/>
        <source>Ask “What I learned” (optional for the sender)</source>
        <translation>„Was ich gelernt habe“ abfragen (freiwillig)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="92"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="93"/>
        <source>Colour</source>
        <translation>Farbe</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="94"/>
        <source>Choose…</source>
        <translation>Wählen …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="95"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="96"/>
        <source>Confessional&apos;s own colours</source>
        <translation>Die Farben von Confessional</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="98"/>
        <source>Confessional&apos;s colours</source>
        <translation>Farben von Confessional</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="99"/>
        <source>The organisers&apos; colour</source>
        <translation>Die Farbe des Orga-Teams</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="100"/>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="101"/>
        <source>Yours, prepared before: they go first, approved into the end of Up next, with no author. Those already sent are edited in the console.</source>
        <translation>Deine, vorher vorbereitet: Sie kommen zuerst, freigegeben ans Ende von „Als Nächstes“, ohne Verfasser. Bereits gesendete bearbeitest du in der Konsole.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="106"/>
        <source>Add…</source>
        <translation>Hinzufügen …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="107"/>
        <source>Edit…</source>
        <translation>Bearbeiten …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="108"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="109"/>
        <source>In Up next: {text}</source>
        <translation>In „Als Nächstes“: {text}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="110"/>
        <source>Already sent: edit it in the console like any confession</source>
        <translation>Bereits gesendet: Bearbeite es in der Konsole wie jedes Geständnis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="113"/>
        <source>Closing note</source>
        <translation>Schlusswort</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="114"/>
        <source>In the record, after the confessions. Never a participant&apos;s name.</source>
        <translation>Im Protokoll, nach den Geständnissen. Nie der Name einer teilnehmenden Person.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="117"/>
        <source>From the file, the record keeps: {kept}. Applied with the rest.</source>
        <translation>Laut Datei behält das Protokoll: {kept}. Wird mit dem Rest übernommen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="120"/>
        <source>approved confessions never shown</source>
        <translation>freigegebene, nie gezeigte Geständnisse</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="121"/>
        <source>organisers-only confessions</source>
        <translation>Geständnisse nur fürs Orga-Team</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="122"/>
        <source>only what was shown</source>
        <translation>nur, was gezeigt wurde</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="123"/>
        <source>Load from file…</source>
        <translation>Aus Datei laden …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="124"/>
        <source>A prepared session (TOML, docs/session-file.md): fills the fields, applies nothing</source>
        <translation>Eine vorbereitete Sitzung (TOML, docs/session-file.md): füllt die Felder, übernimmt nichts</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="128"/>
        <source>Save to file…</source>
        <translation>In Datei speichern …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="129"/>
        <source>These fields and warm-ups, to prepare the next session or share the set-up</source>
        <translation>Diese Felder und Aufwärmer, um die nächste Sitzung vorzubereiten oder die Einrichtung zu teilen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="133"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="134"/>
        <source>Apply</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="135"/>
        <source>Send the set-up to the session; phones and the big screen follow at once</source>
        <translation>Die Einrichtung an die Sitzung schicken; Handys und Leinwand folgen sofort</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="138"/>
        <source>Session files (*.toml);;All files (*)</source>
        <translation>Sitzungsdateien (*.toml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="140"/>
        <source>Loaded {path}. Nothing is applied until you choose Apply.</source>
        <translation>{path} geladen. Nichts wird übernommen, bis du „Übernehmen“ wählst.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="143"/>
        <source>Set-up saved as {path}.</source>
        <translation>Einrichtung gespeichert als {path}.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="144"/>
        <source>Not saved: {error}</source>
        <translation>Nicht gespeichert: {error}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="145"/>
        <source>{field} is too long: shorten it first.</source>
        <translation>{field} ist zu lang: Kürze es zuerst.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="146"/>
        <source>Session set-up applied.</source>
        <translation>Einrichtung übernommen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="149"/>
        <source>{field}: {message}</source>
        <translation>{field}: {message}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="150"/>
        <source>Warm-up confession {number}</source>
        <translation>Aufwärm-Geständnis {number}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="151"/>
        <source>The session has ended: its set-up can no longer change (Save to file… still works).</source>
        <translation>Die Sitzung ist beendet: Ihre Einrichtung lässt sich nicht mehr ändern („In Datei speichern …“ geht noch).</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="158"/>
        <source>Each phone&apos;s own</source>
        <translation>Die des jeweiligen Handys</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="166"/>
        <source>Warm-up confession</source>
        <translation>Aufwärm-Geständnis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="167"/>
        <source>Confession</source>
        <translation>Geständnis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="168"/>
        <source>What I learned (optional)</source>
        <translation>Was ich gelernt habe (optional)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="169"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="170"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="171"/>
        <source>Write the confession first.</source>
        <translation>Schreib zuerst das Geständnis.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/session_setup.py" line="172"/>
        <source>Shorten it first: the counts say by how much.</source>
        <translation>Kürze es zuerst: Die Zähler zeigen, um wie viel.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../facilitator/ui/session_setup.py" line="746"/>
        <source>Session set-up applied; %n warm-up confessions added to Up next.</source>
        <translation>
            <numerusform>Einrichtung übernommen; %n Aufwärm-Geständnis zu „Als Nächstes“ hinzugefügt.</numerusform>
            <numerusform>Einrichtung übernommen; %n Aufwärm-Geständnisse zu „Als Nächstes“ hinzugefügt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SessionTimers</name>
    <message>
        <location filename="../../facilitator/ui/timers.py" line="26"/>
        <source>How long the confession on screen has been up (the host&apos;s clock)</source>
        <translation>Wie lange das Geständnis schon auf der Leinwand ist (Uhr des Sitzungsdienstes)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/timers.py" line="29"/>
        <source>How long the session has run since it started (the host&apos;s clock)</source>
        <translation>Wie lange die Sitzung schon läuft (Uhr des Sitzungsdienstes)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/timers.py" line="122"/>
        <source>Session {time}</source>
        <translation>Sitzung {time}</translation>
    </message>
</context>
<context>
    <name>Slides</name>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="27"/>
        <source>House rules</source>
        <translation>Hausregeln</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="28"/>
        <source>Scan to join</source>
        <translation>Zum Mitmachen scannen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="30"/>
        <source>Approved confessions there is no time to show go into the record too (never who sent them).</source>
        <translation>Freigegebene Beiträge, für die keine Zeit mehr bleibt, kommen ebenfalls ins Protokoll (nie, wer sie geschickt hat).</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="37"/>
        <source>Confessions for the organisers only go into a section of the record of their own.</source>
        <translation>Beiträge nur für das Orga-Team kommen in einen eigenen Abschnitt des Protokolls.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="45"/>
        <source>Never waste a mistake</source>
        <translation>Kein Fehler ist umsonst</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="46"/>
        <source>What mistake taught you the most?</source>
        <translation>Welcher Fehler hat dich am meisten gelehrt?</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="47"/>
        <source>Been there</source>
        <translation>Kenn ich</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="50"/>
        <source>Chatham House rule: share what you hear here, never who said it.
Don&apos;t name colleagues, organisations, clients or service users.
This is not a whistleblowing or safeguarding channel: for that, speak to the organisers, who will tell you where to go.
Nobody is named: the organisers keep a record of what was shown, never who sent it, and unshown confessions are deleted when the session ends.</source>
        <translation>Chatham-House-Regel: Erzähl weiter, was du hier hörst – aber nie, wer es gesagt hat.
Nenne keine Kolleginnen und Kollegen, Organisationen, Kundinnen und Kunden oder Klientinnen und Klienten.
Dies ist kein Kanal für Hinweise auf Missstände oder für Schutzmeldungen: Sprich dafür mit dem Orga-Team, es sagt dir, an wen du dich wenden kannst.
Niemand wird genannt: Das Orga-Team hält fest, was gezeigt wurde, nie, wer es geschickt hat; nicht gezeigte Beiträge werden am Ende der Sitzung gelöscht.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="61"/>
        <source>1. Join the Wi-Fi</source>
        <translation>1. Ins WLAN</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="62"/>
        <source>2. Open</source>
        <translation>2. Öffnen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="63"/>
        <source>Password: {password}</source>
        <translation>Passwort: {password}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="64"/>
        <source>QR code to join the Wi-Fi {ssid}</source>
        <translation>QR-Code für das WLAN {ssid}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="65"/>
        <source>QR code to join at {url}</source>
        <translation>QR-Code zum Mitmachen unter {url}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="67"/>
        <source>What I learned:</source>
        <translation>Was ich gelernt habe:</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="68"/>
        <source>+{n} more</source>
        <translation>+{n} weitere</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="69"/>
        <source>{n} helped</source>
        <translation>hat {n} geholfen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="70"/>
        <source>Content note</source>
        <translation>Inhaltshinweis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="72"/>
        <source>The next confession touches on something heavy. Look after yourself: you may look away or step out.</source>
        <translation>Das nächste Geständnis berührt etwas Schweres. Achte auf dich: Du darfst wegschauen oder hinausgehen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="79"/>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="80"/>
        <source>Back soon.</source>
        <translation>Gleich geht es weiter.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="81"/>
        <source>Thank you</source>
        <translation>Danke</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="82"/>
        <source>received</source>
        <translation>eingegangen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="83"/>
        <source>shown</source>
        <translation>gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="84"/>
        <source>set aside</source>
        <translation>geparkt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="85"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="86"/>
        <source>Most shared</source>
        <translation>Am häufigsten geteilt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="87"/>
        <source>What one lesson will you carry forward?</source>
        <translation>Welche eine Lehre nimmst du mit?</translation>
    </message>
</context>
<context>
    <name>UndoText</name>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="11"/>
        <location filename="../../facilitator/ui/undo_text.py" line="19"/>
        <source>approve</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="12"/>
        <location filename="../../facilitator/ui/undo_text.py" line="20"/>
        <source>set aside</source>
        <translation>Parken</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="13"/>
        <source>restore</source>
        <translation>Zurückholen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="14"/>
        <source>project</source>
        <translation>Zeigen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="15"/>
        <source>taking it off the screen</source>
        <translation>Von der Leinwand nehmen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="16"/>
        <source>remove from record</source>
        <translation>Aus dem Protokoll entfernen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="17"/>
        <source>edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="18"/>
        <source>move</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="21"/>
        <source>merge</source>
        <translation>Zusammenführen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="31"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="37"/>
        <source>Undo {action}</source>
        <translation>Rückgängig: {action}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/undo_text.py" line="41"/>
        <source>Undo {action} “{words}”</source>
        <translation>Rückgängig: {action} „{words}“</translation>
    </message>
</context>
<context>
    <name>VenueSheetDialog</name>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="269"/>
        <source>Sheet for the venue&apos;s IT</source>
        <translation>Blatt für die IT vor Ort</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="273"/>
        <source>One page for the venue&apos;s IT team: this laptop&apos;s address and port, what to turn off on the room&apos;s network and what the laptop needs. Print it or send it ahead.</source>
        <translation>Eine Seite für das IT-Team vor Ort: Adresse und Port dieses Laptops, was im Netz des Raums abzuschalten ist und was der Laptop braucht. Druck sie aus oder schick sie vorab.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="284"/>
        <source>not sure</source>
        <translation>unsicher</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="287"/>
        <source>Name and phone number (empty: a line to write on)</source>
        <translation>Name und Telefonnummer (leer: eine Zeile zum Ausfüllen)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="289"/>
        <source>Event</source>
        <translation>Veranstaltung</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="291"/>
        <source>Wi-Fi</source>
        <translation>WLAN</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="292"/>
        <source>not chosen yet (Wi-Fi for phones…)</source>
        <translation>noch nicht gewählt (WLAN für Handys …)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="294"/>
        <source>Phones to expect</source>
        <translation>Erwartete Handys</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="295"/>
        <source>Contact on the day</source>
        <translation>Kontakt am Tag</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="299"/>
        <source>Save PDF…</source>
        <translation>PDF speichern …</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="302"/>
        <source>Copy as text</source>
        <translation>Als Text kopieren</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="325"/>
        <source>The sheet&apos;s text is on the clipboard.</source>
        <translation>Der Text des Blatts ist in der Zwischenablage.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="331"/>
        <source>Save the sheet as</source>
        <translation>Blatt speichern unter</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="347"/>
        <source>Could not save the sheet: {reason}</source>
        <translation>Blatt konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/venue_sheet.py" line="350"/>
        <source>Sheet saved as {path}: open it to print.</source>
        <translation>Blatt gespeichert als {path}: Öffne es zum Drucken.</translation>
    </message>
</context>
<context>
    <name>WifiDialog</name>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="37"/>
        <source>Phones scan this network&apos;s code first, then the join code. Use the Wi-Fi on which phones can reach this laptop: the venue&apos;s network with client isolation off, or the laptop&apos;s own hotspot (roughly 5 to 10 phones).</source>
        <translation>Handys scannen zuerst den Code dieses Netzwerks, dann den Code zum Mitmachen. Nimm das WLAN, über das Handys diesen Laptop erreichen: das Netz vor Ort mit abgeschalteter Client-Isolation oder den Hotspot des Laptops (etwa 5 bis 10 Handys).</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="53"/>
        <source>Wi-Fi for phones</source>
        <translation>WLAN für Handys</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="64"/>
        <source>as phones list it</source>
        <translation>wie Handys es anzeigen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="65"/>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="76"/>
        <source>Network name</source>
        <translation>Netzwerkname</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="67"/>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="77"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="71"/>
        <source>Hidden network (it does not appear in the list)</source>
        <translation>Verstecktes Netzwerk (erscheint nicht in der Liste)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="72"/>
        <source>Show the password on the slide</source>
        <translation>Passwort auf der Folie zeigen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="74"/>
        <source>The QR code carries the password either way; this also spells it out.</source>
        <translation>Der QR-Code enthält das Passwort ohnehin; so steht es zusätzlich da.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="78"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="86"/>
        <source>Scan it with your phone to check</source>
        <translation>Scanne ihn zur Probe mit deinem Handy</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="104"/>
        <source>Show no Wi-Fi</source>
        <translation>Kein WLAN zeigen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="106"/>
        <source>The join slide shows the join link alone</source>
        <translation>Die Einstiegsfolie zeigt nur den Link</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/wifi_dialog.py" line="165"/>
        <source>QR code to join {ssid}</source>
        <translation>QR-Code für das WLAN {ssid}</translation>
    </message>
</context>
<context>
    <name>WordListsDialog</name>
    <message>
        <location filename="../../facilitator/ui/word_lists_dialog.py" line="40"/>
        <source>Word lists</source>
        <translation>Wortlisten</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/word_lists_dialog.py" line="45"/>
        <source>Confessions that contain one of these are flagged and the words highlighted, so that you look twice before showing them. Nothing is ever changed or removed by itself. One entry per line; the lists hold for every session.</source>
        <translation>Geständnisse, die eines davon enthalten, werden markiert und die Wörter hervorgehoben, damit du vor dem Zeigen zweimal hinschaust. Nichts wird von selbst geändert oder entfernt. Ein Eintrag pro Zeile; die Listen gelten für jede Sitzung.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/word_lists_dialog.py" line="55"/>
        <source>Local names (estates, councils, partners, services)</source>
        <translation>Örtliche Namen (Viertel, Behörden, Partner, Dienste)</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/word_lists_dialog.py" line="58"/>
        <source>Watch words</source>
        <translation>Warnwörter</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/word_lists_dialog.py" line="87"/>
        <source>Word lists saved: every confession was checked again.</source>
        <translation>Wortlisten gespeichert: Jedes Geständnis wurde neu geprüft.</translation>
    </message>
</context>
</TS>
