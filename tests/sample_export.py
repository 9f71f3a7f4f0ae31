"""A small data export in the platform's real format, for the triage and web tests."""

from __future__ import annotations

import zipfile
from pathlib import Path

INVITATIONS = (
    "\ufeffFrom,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    'Ana Souza,Sam Rivera,"1/29/26, 2:37 PM","Hi Sam, great meeting you at DataConf!\n'
    "Let's stay in touch.\",INCOMING,https://www.linkedin.com/in/anasouza,"
    "https://www.linkedin.com/in/sam\n"
    'Bob Seller,Sam Rivera,"1/30/26, 9:02 AM","Hi Sam, our platform cuts cloud costs 40%. '
    'Book a demo!",INCOMING,https://www.linkedin.com/in/bob,https://www.linkedin.com/in/sam\n'
    'Sam Rivera,Li Na,"2/1/26, 10:00 AM",,OUTGOING,https://www.linkedin.com/in/sam,'
    "https://www.linkedin.com/in/lina\n"
    'Priya Shah,Sam Rivera,"2/2/26, 11:15 AM",,INCOMING,https://www.linkedin.com/in/priya,'
    "https://www.linkedin.com/in/sam\n"
    'Zoë Ó Briain,Sam Rivera,"2/3/26, 1:15 PM","=HYPERLINK(""http://x"") hi \x1b[31mred",'
    "INCOMING,,\n"
)
CONNECTIONS = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing, see https://www.linkedin.com/psettings/privacy/email"\n\n'
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Priya,Shah,https://www.linkedin.com/in/priya/,,Globex,VP Data,15 Mar 2023\n"
    "Old,Friend,https://www.linkedin.com/in/oldfriend,,Initech,CTO,02 Jan 2019\n"
    "Quiet,Person,https://www.linkedin.com/in/quiet,,Acme,Engineer,10 Feb 2021\n"
    "Chatty,Pal,https://www.linkedin.com/in/chatty,,Acme,Designer,11 Feb 2021\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
    "FOLDER,ATTACHMENTS\n"
    'c1,,Sam Rivera,,Quiet Person,2024-03-01 10:00:00 UTC,,"Hi, how are you?",INBOX,\n'
    "c2,,Zoe O Briain,,Sam Rivera,2024-04-01 10:00:00 UTC,,Hey Sam,INBOX,\n"
    "c3,,Chatty Pal,,Sam Rivera,2024-04-02 10:00:00 UTC,,Coffee?,INBOX,\n"
    "c3,,Sam Rivera,,Chatty Pal,2024-04-02 11:00:00 UTC,,Sure!,INBOX,\n"
)


def make_export_zip(folder: Path) -> Path:
    """The three files in a zip, inside a folder as some exports have them."""
    path = folder / "Basic_LinkedInDataExport_01-30-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("export/Invitations.csv", INVITATIONS)
        z.writestr("export/Connections.csv", CONNECTIONS)
        z.writestr("export/messages.csv", MESSAGES)
    return path
