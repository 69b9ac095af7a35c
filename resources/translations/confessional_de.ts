<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Slides</name>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="30"/>
        <source>House rules</source>
        <translation>Hausregeln</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="31"/>
        <source>Scan to join</source>
        <translation>Zum Mitmachen scannen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="33"/>
        <source>Approved confessions there is no time to show go into the record too (never who sent them).</source>
        <translation>Freigegebene Geständnisse, für die keine Zeit mehr ist, kommen auch ins Protokoll (nie, wer sie geschickt hat).</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="40"/>
        <source>Confessions for the organisers only go into a section of the record of their own.</source>
        <translation>Geständnisse nur für die Organisatoren kommen in einen eigenen Abschnitt des Protokolls.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="47"/>
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
        <location filename="../../facilitator/ui/slides/strings.py" line="58"/>
        <source>1. Join the Wi-Fi</source>
        <translation>1. Ins WLAN</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="59"/>
        <source>2. Open</source>
        <translation>2. Öffnen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="60"/>
        <source>Password: {password}</source>
        <translation>Passwort: {password}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="61"/>
        <source>QR code to join the Wi-Fi {ssid}</source>
        <translation>QR-Code für das WLAN {ssid}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="62"/>
        <source>QR code to join at {url}</source>
        <translation>QR-Code zum Mitmachen unter {url}</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="64"/>
        <source>What I learned:</source>
        <translation>Was ich gelernt habe:</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="65"/>
        <source>+{n} more</source>
        <translation>+{n} weitere</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="66"/>
        <source>{n} helped</source>
        <translation>hat {n} geholfen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="67"/>
        <source>Content note</source>
        <translation>Inhaltshinweis</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="69"/>
        <source>The next confession touches on something heavy. Look after yourself: you may look away or step out.</source>
        <translation>Das nächste Geständnis berührt etwas Schweres. Achte auf dich: Du darfst wegschauen oder hinausgehen.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="76"/>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="77"/>
        <source>Back soon.</source>
        <translation>Gleich geht es weiter.</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="78"/>
        <source>Thank you</source>
        <translation>Danke</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="79"/>
        <source>received</source>
        <translation>eingegangen</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="80"/>
        <source>shown</source>
        <translation>gezeigt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="81"/>
        <source>set aside</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="82"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="83"/>
        <source>Most shared</source>
        <translation>Am häufigsten geteilt</translation>
    </message>
    <message>
        <location filename="../../facilitator/ui/slides/strings.py" line="84"/>
        <source>What one lesson will you carry forward?</source>
        <translation>Welche eine Lehre nimmst du mit?</translation>
    </message>
</context>
</TS>
