"""reply.harsh: polite, never accusing, never sarcastic."""

from assistant.lint.checks import existence
from assistant.lint.model import Rule

RULE = Rule(
    id="reply.harsh",
    severity="error",
    kinds=frozenset({"reply", "invite", "followup"}),
    description="Accusing, sarcastic or rude wording: 'spam', 'how dare', 'nice try'.",
    explain='accusing, sarcastic or rude wording: "spam", "how dare you", "stop sending", "nice try", "waste of my time", "obviously you didn\'t read".',
    message="this wording reads as accusing or sarcastic: keep the reply polite and neutral",
    check=existence(
        r"spam(?:mer|mers|my|ming|med)?(?! (?:detection|filter|filters|filtering|folder|team|research|classifier|prevention|protection))",
        r"scam(?:mer|mers|my)?",
        r"how dare",
        r"stop (?:sending|spamming|messaging|contacting|adding|bothering|pestering)",
        r"leave me alone",
        r"(?:waste|wasting) (?:of )?my time",
        r"(?:frankly |so |very |quite |just |really )rude",
        r"(?:you )?keep ignoring",
        r"what do you want",
        r"make it quick",
        r"(?:i )?don'?t have time for (?:this|another|your|more)",
        r"how (?:original|creative|unique|novel|innovative)",
        r"so original",
        r"can'?t be bothered",
        r"(?:obviously|clearly) (?:can'?t|don'?t|won'?t|couldn'?t|aren'?t)",
        r"don'?t (?:ever )?(?:bother|contact me|message me|write (?:to )?me)",
        r"never (?:contact|message|write (?:to )?|bother) me",
        r"nice try",
        r"(?:obviously|clearly) (?:you|didn'?t|did not|haven'?t|a bot|copy)",
        r"did you even (?:read|look)",
        r"who (?:even )?are you",
        r"who (?:the hell|tf)\b",
        r"random (?:people|strangers|person|requests)",
        r"you people",
        r"stupid|idiot(?:ic)?|moron|pathetic|ridiculous|clueless|creepy|desperate|shameless|lame",
        r"annoying|irritating",
        r"lol|lmao|rofl|smh",
        r"yeah,? right",
        r"seriously\?",
        r"get lost|go away|buzz off|back off",
        r"(?:reported|blocking|blocked|report) (?:you|this)",
        r"as if",
        r"good luck with that",
        r"(?:bothering|pestering|harassing) me",
        r"mass[- ](?:connect|invit|messag|request|add)\w*",
        r"copy[- ]?past(?:e|ed|ing)",
        r"(?:generic|canned|template[d]?|automated) (?:message|note|request|invite|invitation)",
        r"not interested\.? ?(?:at all|period|ever)",
        r"(?:shame on|grow up|get a life)",
    ),
    fails=[
        {"text": "Stop sending me spam. I don't connect with random people.", "kind": "reply"},
        {
            "text": "Nice try, but I don't accept generic requests.",
            "kind": "reply",
            "situation": "letdown",
        },
        {"text": "Who are you? Did you even read my profile?", "kind": "reply"},
        "Hi Ana, your post was clueless, but let's connect.",
    ],
    passes=[
        {
            "text": "Hi Sam, thanks for the request. I don't believe we've met; if you have a "
            "specific question, you're welcome to write.",
            "kind": "reply",
            "situation": "letdown",
        },
        {
            "text": "Thanks for reaching out! Where did we meet? I'm sorry, I don't recall.",
            "kind": "reply",
            "situation": "how-met",
        },
        {
            "text": "Hi Sam, I keep connections for people I've worked with, but you're welcome to "
            "follow my posts.",
            "kind": "reply",
            "situation": "follow",
        },
    ],
)
