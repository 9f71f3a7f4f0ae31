"""style.personal-data-ask: never ask for personal data up front."""

from assistant.lint.checks import existence
from assistant.lint.model import Rule

RULE = Rule(
    id="style.personal-data-ask",
    severity="error",
    description="Asks for personal data up front: phone number, WhatsApp, home address.",
    explain="the text asks for personal data up front: a phone number, WhatsApp, a personal e-mail or home address, date of birth.",
    message="don't ask for personal data up front: keep the first contact on the platform",
    check=existence(
        r"(?:your|ur) (?:personal |private |cell |mobile |home |direct |work |best )?"
        r"(?:phone|cell|mobile|telephone|contact)(?: ?(?:number|no\.?|#|details))?",
        r"(?:your|ur) (?:whatsapp|telegram|signal|wechat|viber|line id|skype|number|digits)",
        r"(?:your|ur) (?:personal |private |home )(?:e-?mail|address)",
        r"(?:your|ur) (?:home |postal |mailing )?address",
        r"(?:your|ur) (?:personal )?e-?mail(?: address)?",
        r"(?:your )?(?:date of birth|birthday|\bdob\b|social security|ssn|passport|"
        r"national id|id number|bank (?:details|account)|salary)",
        r"where (?:do )?you live",
        r"(?:share|send|give|drop|text|dm) me your (?:number|digits|details|contact)",
        r"(?:whatsapp|text|call) me (?:on|at)",
    ),
    fails=[
        "Hi Ana, I'm Sam from Acme. Could you share your phone number so we can talk?",
        "Hello! Please send your WhatsApp and we can chat there.",
        "Hi Ana, what's your personal email? I'd love to send you something.",
        {"text": "Thanks for connecting! Can you send me your number?", "kind": "reply"},
    ],
    passes=[
        "Hi Ana, I'm Sam, a data engineer at Acme. Your DataConf talk was great; may I connect?",
        "Hi Ana, we met at PyCon; I'd love to stay in touch here.",
        "Hi Ana, I'm a recruiter at Globex and your post on hiring fits a role we have; open to "
        "a chat here on LinkedIn?",
    ],
)
