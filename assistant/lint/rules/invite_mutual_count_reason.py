"""invite.mutual-count-reason: 'we have N connections in common' is not a reason."""

from assistant.lint.checks import existence
from assistant.lint.model import Rule

QUANTITY = (
    r"\d+\+?|many|several|a lot of|lots of|loads of|heaps of|a few|a number of|numerous|so many|plenty of|quite a few|"
    r"dozens of|over \d+|more than \d+|a bunch of|tons of|some|a couple of|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|a hundred"
)

RULE = Rule(
    id="invite.mutual-count-reason",
    severity="warning",
    kinds=frozenset({"invite", "incoming"}),
    description="Gives the number of shared connections as the reason to connect.",
    explain='the number of shared connections is given as the reason ("we have 14 connections in common", "we share many mutual connections").',
    message="a count of shared connections is not a reason: say why this person instead",
    check=existence(
        rf"(?:{QUANTITY}) (?:mutual|shared|common) (?:connections|contacts|friends)",
        r"(?:connections|contacts|friends) in common",
        r"relations en commun|contactos en común|gemeinsame kontakte|contatos em comum",
        rf"(?:share|have) (?:{QUANTITY}) (?:mutual |shared |common )?(?:connections|contacts)",
        rf"(?:both )?connected to (?:{QUANTITY}) (?:of the same )?(?:people|professionals)",
        r"(?:so many|many|lots of|a lot of) of the same (?:people|connections)",
        r"(?:our )?mutual connections (?:suggest|mean|make)",
    ),
    fails=[
        "Hi Ana, we have 14 connections in common, so I thought we should connect.",
        "Hello, I noticed we share many mutual connections. Let's connect!",
        "Hi Ana, I'm Sam. We have several connections in common in fintech; happy to connect.",
    ],
    passes=[
        "Hi Ana, our mutual connection Priya Shah suggested I reach out about your DataConf talk.",
        "Hi Ana, I'm a data engineer at Acme and enjoyed your DataConf talk; may I connect?",
        "Hi Ana, we met at PyCon through a common friend, Priya. Let's stay in touch.",
    ],
)
