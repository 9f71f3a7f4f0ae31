"""invite.missing-why: say why *this* person; a shared school or a mutual count is not a reason."""

from assistant.lint.checks import absence
from assistant.lint.model import Rule

THEIR_WORK = (
    r"talk|post|posts|article|articles|paper|papers|book|podcast|session|keynote|presentation|"
    r"panel|work|research|project|projects|thread|newsletter|blog|course|video|episode|interview|"
    r"comment|piece|essay|write-?up|launch|team|startup|company|library|repo|tool|thesis|lecture|"
    r"workshop|webinar|tweet|story|journey|experience|background|expertise|career|transition|move|"
    r"role|opening|position|job posting|posting|listing|open roles?|hiring|recent|new|book|"
    r"findings|study|report|analysis|approach|take|perspective|advice|answer|question|product|"
    r"app|open[- ]source|contributions?|award|promotion|path|insights?|points?|tips|guide|notes|"
    r"slides|demo|framework|program|programme|initiative|community|meetup|group|speech|op-ed"
)

WHY = (
    rf"your (?:\w+[- ])?(?:{THEIR_WORK})",
    rf"your (?:\w+ ){{1,2}}(?:{THEIR_WORK})",
    r"(?:saw|seen|read|heard|watched|listened to|enjoyed|loved|liked|noticed|came across|found|"
    r"followed|attended|caught|appreciated|bookmarked|shared|used|use|using|admired|learned from|"
    r"learnt from|been following|been reading|been using|stumbled on|stumbled upon) (?:your|you)",
    r"(?:we|you and i) (?:met|worked|studied|spoke|chatted|talked|sat|were|both worked|"
    r"collaborated|overlapped|served|shared|went)",
    r"(?:meeting|met|chatting with|talking with|speaking with|seeing|hearing) you",
    r"our (?:chat|conversation|talk|time|paths|days|team|class|cohort|project|meeting|call)",
    r"(?:referred|recommended|suggested|introduced|pointed|sent|directed) (?:me|i|that i|we|you)",
    r"(?:suggested|recommended) (?:i|that i|we|reaching|connecting|getting|talking)",
    r"(?:referral|recommendation|introduction|intro) (?:from|by|through|via)",
    r"(?:mentioned|recommended) you",
    r"told me (?:about|to|you)",
    r"your name came up",
    r"you (?:spoke|presented|wrote|posted|shared|built|led|lead|gave|organi[sz]ed|published|"
    r"mentioned|hosted|created|founded|run|maintain|mentor|teach|taught|moderated|answered|"
    r"helped|worked|made|started|launched|designed|reviewed|are hiring|'re hiring|were hiring|"
    r"recently|just|have (?:been|built|led|written|worked)|'ve (?:been|built|led|written|worked))",
    r"(?:because|since|as) you(?:'re| are|'ve| have)?",
    r"given your",
    r"(?:you're|you are) (?:hiring|the (?:person|author|organi[sz]er|maintainer|speaker|lead|"
    r"founder|one)|an expert|leading|building|working on|running|responsible)",
    r"(?:the|an?) (?:opening|role|position|vacancy|job) (?:at|on|for|in|you)",
    r"(?:at|during|after) (?:the|your|last|this)\b[^.?!\n]{0,40}(?:conference|meetup|summit|"
    r"event|workshop|talk|panel|webinar|session|keynote|hackathon|fair|dinner|class|course|lecture)",
    r"same (?:team|project|class|cohort|floor|company|panel|group)",
    r"(?:congrats|congratulations) on",
    r"(?:both|also) (?:work|working|building|researching|focused|interested) (?:on|in)",
    r"(?:i'?m|i am) (?:applying|interested in (?:the|your|joining))",
)

RULE = Rule(
    id="invite.missing-why",
    severity="error",
    kinds=frozenset({"invite", "incoming"}),
    description="Never says why this person: their talk, post, project, a referral, a meeting.",
    message="say why this person in particular: a talk, post or project of theirs, a referral, "
    "or where you met",
    suggestion='add one concrete reason, e.g. "I enjoyed your talk on …"',
    check=absence(*WHY),
    fails=[
        "Hi Ana, I'm a data engineer at Acme. Would love to connect!",
        "Hello, I'm Sam, a recruiter. We have 14 connections in common; let's connect.",
        "Hi, I'm a student at Uni Leeds too. Could we connect?",
    ],
    passes=[
        "Hi Ana, I'm a data engineer at Acme. I enjoyed your DataConf talk; may I connect?",
        "Hi Ana, Priya Shah suggested I reach out about your work on search. Open to a call?",
        "Hi Ana, we met at the PyData Berlin meetup on Tuesday. Let's stay in touch!",
        "Hi Ana, I'm a nurse in Leeds; I've been following your posts on night shifts. Can I ask "
        "you a question?",
    ],
)
