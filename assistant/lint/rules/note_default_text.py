"""note.default-text: the platform's default sentence is as bad as no note."""

from assistant.lint.checks import existence
from assistant.lint.model import Rule

RULE = Rule(
    id="note.default-text",
    severity="error",
    kinds=frozenset({"invite", "incoming"}),
    description="The platform's default sentence instead of a note.",
    explain='the platform\'s default sentence ("I\'d like to add you to my professional network", "I\'d like to join your LinkedIn network", and close variants) is the note, or part of it.',
    message="this is the platform's default sentence: replace it with who you are, why this "
    "person, and what you would like",
    check=existence(
        r"i'?d like to (?:add you to|join) my professional network(?: on linkedin)?",
        r"i'?d like to join your (?:professional |linkedin )?network",
        r"i would like to (?:add you to|join) (?:my|your) (?:professional |linkedin )?network",
        r"i want to (?:add you to|join) (?:my|your) professional network",
        r"please accept my (?:invitation|request) to (?:join|connect on) (?:my )?(?:linkedin|professional network)",
        r"i'?d like to connect with you on linkedin\.?$",
        # The same default sentence in the platform's other interface languages.
        r"ich möchte sie gerne? (?:zu )?meinem beruflichen netzwerk (?:auf linkedin )?hinzufügen",
        r"ich möchte dich (?:zu )?meinem beruflichen netzwerk (?:auf linkedin )?hinzufügen",
        r"je souhaiterais vous (?:ajouter à|inviter à rejoindre) mon réseau professionnel",
        r"j'aimerais vous (?:ajouter à|inviter à rejoindre) mon réseau professionnel",
        r"me gustaría (?:añadirte|agregarte) a mi red profesional",
        r"gostaria de (?:adicionar você|te adicionar) à minha rede profissional",
        r"vorrei aggiungerti alla mia rete professionale",
    ),
    fails=[
        "I'd like to add you to my professional network on LinkedIn.",
        "Hi Ana, I'd like to add you to my professional network.",
        "I’d like to join your LinkedIn network.",
        {
            "text": "I would like to add you to my professional network on LinkedIn.",
            "kind": "incoming",
        },
    ],
    passes=[
        "Hi Ana, I'm Sam from Acme. I loved your talk on testing; may I add you to my network?",
        "We met at PyCon; I'd like to stay in touch.",
        "Hi, I'm a nurse at St Mary's and enjoyed your post on night shifts. Would love to connect.",
    ],
)
