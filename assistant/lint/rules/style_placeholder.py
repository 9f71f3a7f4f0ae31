"""style.placeholder: a template left unfilled tells the reader it was mass-sent."""

from assistant.lint.checks import existence
from assistant.lint.model import Rule

RULE = Rule(
    id="style.placeholder",
    severity="error",
    description="An unfilled placeholder: [Name], {company}, <first name>, {{x}}, XXX.",
    explain="an unfilled placeholder: `[Name]`, `{company}`, `<first name>`, `{{x}}`, `XXX`.",
    message="unfilled placeholder: replace it with the real detail or cut it",
    check=existence(
        r"\[[^\[\]\n]{0,40}\](?!\()",
        r"\{\{?\s*[\w .'-]{1,40}\s*\}?\}",
        r"<\s*(?:your |their |his |her |first |last |full |company |recipient'?s? |job )?"
        r"(?:name|first name|last name|company|company name|role|title|position|job title|"
        r"city|event|topic|school|industry|field|team|date|link|x|y)\s*>",
        r"(?-i:X{3,}|x{3,})",
        r"(?-i:FIRST_?NAME|LAST_?NAME|COMPANY_?NAME|FULL_?NAME|JOB_?TITLE)",
        r"(?:insert|add|your) (?:name|company|role|title) here",
        r"_{3,}",
        r"%(?:s|\(\w+\)s)",
    ),
    fails=[
        "Hi [Name], I loved your talk at {event}. Let's connect!",
        "Hello {{first_name}}, I'm Sam from XXX.",
        "Hi <first name>, I'm a recruiter at <company>.",
        {"text": "Thanks [Name], happy to help!", "kind": "reply"},
    ],
    passes=[
        "Hi Ana, I loved your talk at DataConf. Let's connect!",
        "Hi Ana, I'm Sam (data engineer, Acme). Your post on XGBoost tuning helped me.",
        "Hello Ana :) I'm a nurse at St Mary's; your post on shifts was spot on. May I connect?",
    ],
)
