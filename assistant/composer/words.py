"""Word lists the composer's grammar reads (which word starts a sentence, a verb phrase, a
place; which words cannot end a phrase). Logic, not phrasing: the wording is in phrases/."""

from __future__ import annotations

FIRST_PERSON = set("i i'm i've i'd i'll we we're we've we'd we'll my our me us let's".split())
SECOND_PERSON = {"you", "you're", "you've", "you'd", "you'll"}
PREPOSITIONS = set(
    "at in during on through via from after before over across around by while when since "
    "last back earlier about regarding".split()
)
QUESTION_STARTS = set(
    "would could can may might shall should will are is do does did have has what how when "
    "where who which why".split()
)
VERBS = set(
    "saw read heard met found came took went caught got sat spoke thought watched listened "
    "loved enjoyed liked attended follow followed use used love admire noticed learned learnt "
    "worked studied chatted talked shared had did ran built wrote won knew grew taught led felt "
    "left kept both bumped connected collaborated overlapped graduated came across stumbled "
    "discovered".split()
)
# Verbs where "we" is the natural subject: "met at PyCon" -> "We met at PyCon".
RECIPROCAL = set(
    "met chatted talked spoke sat worked studied shared collaborated overlapped both graduated "
    "connected bumped went".split()
)
BASE_VERBS = set(
    "ask learn hear chat talk discuss get stay keep connect swap compare exchange pick introduce "
    "see meet follow share join grab have know understand invite hire collaborate work catch "
    "find reconnect trade speak interview feature help show review read build partner "
    "continue brainstorm".split()
)
ADVICE = set(
    "advice tips feedback guidance pointers thoughts input perspective insights opinion "
    "take view views recommendations suggestions".split()
)
COUNTABLE = set(
    "call chat coffee conversation meeting introduction intro referral reference question "
    "quick short brief".split()
)
DETERMINERS = set("a an the your this that these those my our one some any".split())
EVENT_NOUNS = set(
    "meetup conference summit workshop dinner party event hackathon panel talk keynote "
    "webinar session class course lecture retreat fair expo forum festival bootcamp camp "
    "breakfast lunch".split()
)
POSTING_NOUNS = set("posting listing role opening job vacancy position".split())
NOT_A_NAME = (
    DETERMINERS
    | PREPOSITIONS
    | FIRST_PERSON
    | SECOND_PERSON
    | set("her his their she he they it its via thanks referred referral by".split())
)
# Lower-cased after "Hi Ana," so the greeting and the sentence read as one.
LOWERABLE = set(
    "we we're we've we'd it it's my your our a an the thanks thank great good lovely since "
    "enjoyed liked met you you're you've hello would could can may shall open let's keen "
    "hoping happy glad one there this that both last".split()
)


DANGLING = set(
    "a an the and or but nor of to in on at for with from by about as into onto over after "
    "before during than then so if because since via per like my your our their his her its "
    "this that these those which who whose where when while is are was were be been being i "
    "we you he she they it me us them i'm i've i'd we're you're it's very more most some any "
    "each every both either not no just also how what would could should can will may might "
    "must shall do does did has have had e.g i.e plus vs short quick brief new few little "
    "small big good great".split()
)
