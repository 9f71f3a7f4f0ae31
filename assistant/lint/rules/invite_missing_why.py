"""invite.missing-why: say why *this* person. Their job, team or company alone is not a reason;
nor is a shared school, a count of mutual connections, or praise for their "profile"."""

import re

from assistant.lint.checks import Matcher, scored
from assistant.lint.model import Context, Rule

# Specific things a person made or did. Generic ones (work, company, team, career, profile,
# role, experience) are left out on purpose: "I admire your work" gives no reason.
THEIR_WORK = (
    r"talks?|posts?|articles?|papers?|books?|podcasts?|sessions?|keynotes?|presentations?|"
    r"panels?|research|projects?|threads?|newsletters?|blog|course|videos?|episodes?|"
    r"interviews?|comments?|piece|essays?|write-?ups?|launch|library|repo|tool|thesis|"
    r"lectures?|workshops?|webinars?|tweets?|story|stories|findings|study|report|analysis|"
    r"approach|answer|app|open[- ]source|contributions?|award|guide|notes|slides|demo|framework|"
    r"initiative|meetup|speech|op-ed|sequence|designs?|lettering|illustrations?|photos?|"
    r"photography|art|artwork|reel|film|short|game|songs?|album|specimens?|typeface|fonts?|"
    r"code|commits?|pull requests?|results|models?|datasets?|tiktoks?|youtube|channel|stream|"
    r"livestream|recipes?|campaign|rebrand|redesign|chapters?|maps?|charts?|dashboards?|"
    r"visuali[sz]ations?|posters?|murals?|exhibits?|exhibitions?|show|performance|job posting|"
    r"posting|listing|series|benchmarks?|package|plugin|crate|gem|proposal|feedback|review|"
    r"teaching|class|mentoring|advocacy|fundraiser|book club|podcast appearance|ama|q&a|"
    r"case study|white ?paper|poem|column|documentary|portfolio piece|commentary|editorial|letter"
)

WHY = (
    rf"your (?:[^\s.!?,;]+ ){{0,3}}(?:{THEIR_WORK})",
    rf"(?:great|loved|enjoyed|fantastic|brilliant|excellent|insightful|helpful|thoughtful|"
    rf"interesting|useful|terrific|superb) (?:{THEIR_WORK})",
    # Shared history; "we both worked at X" (a shared employer alone) is not a reason.
    r"(?:we|you and i) (?:met|worked together|worked on|studied together|spoke|chatted|talked|"
    r"sat|were (?:on|in) the same|were both in|collaborated|overlapped|served together|"
    r"shared a|were (?:colleagues|teammates|co-?workers)|were both (?:on|in) the|"
    r"were both interns|both (?:volunteer|contribute|serve|organi[sz]e|mentor|help run|teach))",
    r"we (?:[\w-]+ ){1,4}together",  # "we shipped the offline sync feature together"
    r"(?:heard|saw|watched) you (?:on|speak|present|talk|at|in)",
    r"your (?:[\w-]+ ){0,2}work on",  # "your published work on Arabic speech recognition"
    r"(?:said|mentioned|told me) (?:that )?(?:you|your|she|he|they)\b",  # a referral by name
    r"(?:is|are) hiring",
    r"(?:meeting|met|chatting with|talking with|speaking with|seeing|hearing) you",
    r"you met (?:me )?(?:at|in|during|on|last)",
    r"(?:loved|enjoyed|great|nice|good|lovely) (?:chatting|talking|meeting|speaking|catching up)",
    r"chatting (?:after|at|during|with you)",
    r"our (?:chat|conversation|talk|time|paths|days|class|cohort|project|meeting|call)",
    r"(?:referred|recommended|suggested|introduced|pointed|sent|directed) (?:me|i|that i|we)",
    r"(?:suggested|recommended) (?:i|that i|we|reaching|connecting|getting|talking)",
    r"(?:referral|recommendation|introduction|intro) (?:from|by|through|via)",
    r"(?:mentioned|recommended) you",
    r"told me (?:about|to|you)",
    r"your name came up",
    r"you (?:spoke|speak|presented|present|wrote|posted|shared|built|led|gave|organi[sz]ed|"
    r"published|mentioned|hosted|created|founded|maintain|mentored|taught|moderated|answered|"
    r"helped|made|started|launched|designed|reviewed|are hiring|'re hiring|were hiring|"
    r"write|host|publish|post|maintain|organi[sz]e|teach|curate|edit|"
    r"have (?:built|led|written)|'ve (?:built|led|written))",
    r"(?:because|since) you(?:'re| are|'ve| have) (?:written|built|led|spoken|worked on|"
    r"published|been (?:working|writing|building|leading|researching))",
    r"given your (?:[^\s.!?,;]+ ){0,3}(?:" + THEIR_WORK + r")",
    r"(?:you're|you are) (?:hiring|the (?:author|organi[sz]er|maintainer|speaker|host|founder "
    r"of|creator))",
    r"(?:at|during|after|from) (?:the|your|last|this)\b[^.?!\n]{0,40}(?:conference|meetup|summit|"
    r"event|workshop|talk|panel|webinar|session|keynote|hackathon|fair|dinner|class|course|"
    r"lecture|camp|con|week|festival|forum|expo|symposium|retreat|bootcamp)",
    r"same (?:team|project|class|cohort|floor|panel|group|program|programme|lab)",
    r"(?:congrats|congratulations) on (?:your|the) (?:[^\s.!?,;]+ ){0,2}(?:talk|launch|book|paper|award|"
    r"release|funding|raise|publication|keynote|exit|acquisition|ipo|win|prize|thesis|defen[cs]e)",
    r"(?:both|also) (?:work|working|building|researching) on",
    r"(?:i'?m|i am) applying",
)

# "your <thing>": any specific thing of theirs is a reason, whatever it is called ("your FOI
# request tracker", "your dive survey"); generic ones are not ("your work", "your profile").
_YOUR_THING = re.compile(
    r"\byour ((?:[\w'-]+ ){0,3}?)([\w-]+)(?=\s+(?:on|about|of|at|in|for|with|"
    r"was|is|has|had|have|that|which|and|changed|helped|matched|made|"
    r"answered|is|are|were)\b|[.,;:!?)]|\s*$)"
)
GENERIC = frozenset(
    """
    profile work works company company's business team career role position job experience
    experiences background expertise journey network industry field organisation organization
    page time help advice input thoughts feedback consideration opinion insights perspective
    success achievements accomplishments area region city country inbox calendar number phone
    email e-mail whatsapp address details contact attention support way day week growth life
    linkedin feed message messages request invitation invite connection connections skills
    leadership reputation presence office firm department group space sector market vision
    traffic revenue sales leads pipeline conversions followers income costs cost spend budget
    date birth birthday records password account bank card dob name title data
""".split()
)
SPOILERS = frozenset("profile work company career background experience role vision".split())
_WHY = Matcher(WHY)


def _names_a_thing(ctx: Context) -> bool:
    for m in _YOUR_THING.finditer(ctx.lower):
        # The head word must be specific, and no modifier may be the generic word itself
        # ("your impressive profile speaks for itself" ends on "speaks").
        head = [w.strip("'") for w in m.group(2).split("-")]
        modifiers = [w.strip("'") for w in m.group(1).split()]
        if not any(w in GENERIC for w in head) and not any(w in SPOILERS for w in modifiers):
            return True
    return False


def says_why(ctx: Context) -> bool:
    """True when an English phrase names a reason: the scorer is not asked then."""
    return ctx.english and (_WHY.search(ctx) or _names_a_thing(ctx))


RULE = Rule(
    id="invite.missing-why",
    severity="error",
    kinds=frozenset({"invite", "incoming"}),
    description="Never says why this person: their talk, post, project, a referral, a meeting.",
    judged_by="rules, then scorer",
    explain="the note never says why *this* person: no talk, post, article, project, referral, event or shared work of theirs. A shared school, group or employer alone, or a count of mutual connections, is not a reason. Judged by the learned scorer in any language; an English phrase naming a reason settles it first.",
    message="say why this person in particular: a talk, post or project of theirs, a referral, "
    "or where you met",
    suggestion='add one concrete reason, e.g. "I enjoyed your talk on …"',
    check=scored("invite.missing-why", unless=says_why),
    fails=[
        "Hi Ana, I'm a data engineer at Acme. Would love to connect!",
        "Hello, I'm Sam, a recruiter. We have 14 connections in common; let's connect.",
        "Hi, I'm a student at Uni Leeds too. Could we connect?",
        "Hi Ana, I came across your impressive profile and admire your work. Let's connect.",
    ],
    passes=[
        "Hi Ana, I'm a data engineer at Acme. I enjoyed your DataConf talk; may I connect?",
        "Hi Ana, Priya Shah suggested I reach out about your work on search. Open to a call?",
        "Hi Ana, we met at the PyData Berlin meetup on Tuesday. Let's stay in touch!",
        "Hi Ana, I'm a nurse in Leeds; I've been following your posts on night shifts. Can I ask "
        "you a question?",
    ],
)
