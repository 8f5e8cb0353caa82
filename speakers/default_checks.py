"""The due-diligence checklist a school starts with (sector protocols: Educate Against Hate, ASCL).

Each check says the kinds of request it is for (empty: every kind): an online session or a video
is checked for its platform or its source, a letting for the hirer's agreement and insurance.
"""

SPEAKER, VIRTUAL, RECORDED, LETTING = "speaker", "virtual", "recorded", "letting"
PEOPLE = [SPEAKER, VIRTUAL]  # someone who speaks to the pupils, in the room or on screen

# (name, guidance, only needed where another check found concerns, kinds)
DEFAULT_CHECKS = [
    (
        "Online and social media search",
        "Search the speaker's, the channel's or the organisation's names with terms such as 'extremist' and "
        "'controversy'; look at their websites and social media. Note what you searched and the links.",
        False,
        [],
    ),
    (
        "Charity Commission or Companies House",
        "Look the organisation up on the Charity Commission register or Companies House: is it what it says, "
        "who runs it, any regulatory action?",
        False,
        [SPEAKER, VIRTUAL, LETTING],
    ),
    (
        "The list of proscribed organisations",
        "Check the Home Office list of proscribed terrorist groups or organisations for the organisation and "
        "any group the speaker, channel or hirer is linked with.",
        False,
        [],
    ),
    (
        "References from other schools",
        "Ask schools or settings where they have spoken before how it went.",
        False,
        PEOPLE,
    ),
    (
        "The speaker's previous visits here",
        "Look at the register for earlier visits, sessions or lettings and their evaluations.",
        False,
        [SPEAKER, VIRTUAL, LETTING],
    ),
    (
        "Platform and session controls",
        "Who hosts the session from the school; who may chat, share a screen or unmute; whether pupils' names "
        "or faces are shown; whether it is recorded.",
        False,
        [VIRTUAL],
    ),
    (
        "Source and channel of the material",
        "Who made and published it; what else the channel publishes; the comments and links shown beside it.",
        False,
        [RECORDED],
    ),
    (
        "Previewed in full by a member of staff",
        "Someone watched all of it, including the end and any links it shows, before it is shown in class.",
        False,
        [RECORDED],
    ),
    (
        "Hire agreement signed",
        "The hirer has signed the school's hire agreement with its conditions (including its Prevent clause).",
        False,
        [LETTING],
    ),
    (
        "Public liability insurance in date",
        "The hirer's certificate names them and covers every date of the booking.",
        False,
        [LETTING],
    ),
    (
        "The hirer's safeguarding arrangements",
        "Where children attend: the hirer's safeguarding policy, its designated person and DBS checks.",
        False,
        [LETTING],
    ),
    (
        "Views of the local Prevent officer",
        "Where any check found concerns, ask the local authority Prevent officer or the police for their view.",
        True,
        [],
    ),
]
