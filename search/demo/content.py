"""The demo site's content: four real training programs, the mission, the people and organizations.

Everything here comes from the programs' own announcements and is kept as plain data so the loader
can turn it into pages and snippets. Text meant for readers is kept in the programs' own words.
Body content is a tuple of blocks, each a (kind, value) pair:

- ("heading", "Text") or ("subheading", "Text")
- ("paragraph", "Plain text; the loader escapes it and wraps it in <p>.")
- ("list", ("item", "item", ...))
- ("quote", ("The words", "Who said it"))
- ("table", ("Caption", (("Header", "Header"), ("cell", "cell"), ...)))  (first row is the header)

In paragraphs and list items, "[Words](session:<series slug>/<session slug>)" links the words to that
session's page.
"""

# Prose is kept as the programs wrote it, in string pieces that do not always fit the line length.
# ruff: noqa: E501

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from programs.models.choices import Format, Status
from programs.models.sessions import SessionPresenter

EASTERN = "America/New_York"
PACIFIC = "America/Los_Angeles"

VIRTUAL = Format.VIRTUAL
IN_PERSON = Format.IN_PERSON
HYBRID = Format.HYBRID
NOT_STATED = ""  # the announcement does not say how people take part

LEAD = SessionPresenter.Role.LEAD
GUEST = SessionPresenter.Role.GUEST
PARTNER = SessionPresenter.Role.PARTNER


def at(year, month, day, hour=0, minute=0, zone=EASTERN):
    """An aware datetime in the given time zone."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(zone))


@dataclass(frozen=True)
class Organization:
    key: str
    name: str
    website: str = ""
    description: str = ""


@dataclass(frozen=True)
class Presenter:
    slug: str
    name: str
    organization: str = ""  # an Organization key; empty when the announcement names none
    job_title: str = ""
    bio: str = ""


@dataclass(frozen=True)
class Testimonial:
    key: str
    quote: str
    person: str
    role: str = ""
    organization: str = ""  # an Organization key


@dataclass(frozen=True)
class Session:
    slug: str
    title: str
    summary: str
    start: datetime.datetime
    end: datetime.datetime
    time_zone: str
    format: str
    body: tuple = ()
    presenters: tuple = ()  # (presenter slug, role) in the order the announcement lists them
    partners: tuple = ()  # Organization keys
    hosts: tuple = ()  # Organization keys, for a session one organization's staff led
    topics: tuple = ()
    venue: str = ""
    address: str = ""
    # The weekday the announcement states, e.g. "Saturday"; the date above must fall on it.
    stated_weekday: str = ""
    # Month-only archive entries: the date above is the first of the month and this label is shown.
    date_label: str = ""
    month_only: bool = False
    # True when the announcement gives the day but no time: pages show the date only, never a time.
    date_only: bool = False
    # True when the announcement calls the date pending: it is shown as tentative, never as past.
    to_be_confirmed: bool = False
    status: str = Status.SCHEDULED
    registration_url: str = ""
    registration_deadline: datetime.datetime | None = None


@dataclass(frozen=True)
class Series:
    slug: str
    title: str
    summary: str
    intro: str
    audience: str
    format: str
    cadence: str
    date_span: str
    hosts: tuple = ()
    partners: tuple = ()
    sessions: tuple = ()
    topics: tuple = ()
    testimonials: tuple = ()  # Testimonial keys
    figures: tuple = ()  # (figure, label)
    cost_tiers: tuple = ()  # (label, amount in US dollars)
    cost_note: str = ""  # what the first price includes
    capacity: int | None = None
    credential: str = ""
    framework_level: int | None = None
    deadline: datetime.date | None = None
    deadline_weekday: str = ""
    # Words that hold only while people can sign up ("Now accepting applications"): shown until the
    # deadline or the series' end, never in the body, where they would go on being read afterwards.
    open_call: str = ""
    registration_url: str = ""
    contact_name: str = ""
    contact_title: str = ""
    contact_email: str = ""
    body: tuple = ()
    image: str = ""  # an image key in images.SPECS
    is_sample: bool = False
    # Dates the series spans when its sessions do not say (e.g. a school year); else taken from them.
    start_date: datetime.date | None = None
    end_date: datetime.date | None = None


@dataclass(frozen=True)
class FrameworkLevel:
    """A level as the seed describes it: one sentence each, which is the summary. Who it is for and
    the support offered are given only where the seed says more than that sentence."""

    number: int
    name: str
    summary: str
    who_for: str = ""
    support: str = ""


@dataclass(frozen=True)
class BlogPost:
    slug: str
    title: str
    date: datetime.date
    intro: str
    body: tuple
    topics: tuple = ()
    related_series: tuple = ()
    image: str = ""


@dataclass(frozen=True)
class Mission:
    title: str
    heading: str
    statement: str
    founded_year: int
    founding_partners: tuple
    initiated_by: str
    about: str
    what_we_do: str
    what_we_believe: tuple
    name_meaning: str = field(default="Honest Education, Action and Leadership")


# --- Organizations: every host, partner and curriculum source the programs name -----------------

ORGANIZATIONS = (
    Organization(
        "heal-together",
        "HEAL Together",
        description=(
            "HEAL (Honest Education, Action and Leadership) Together is a national movement of students, "
            "parents, educators and school board members, formed in 2022 and initiated by Race Forward in "
            "partnership with NYU Metro Center and the Schott Foundation."
        ),
    ),
    Organization(
        "race-forward",
        "Race Forward",
        description="Initiated HEAL Together in 2022; its staff lead sessions of the public training series.",
    ),
    Organization(
        "nyu-metro-center",
        "NYU Metro Center",
        description="A founding partner of HEAL Together; its staff lead sessions of the public training series.",
    ),
    Organization(
        "schott-foundation", "Schott Foundation", description="A founding partner of HEAL Together."
    ),
    Organization(
        "georgia-youth-justice-coalition",
        "Georgia Youth Justice Coalition",
        description="A youth organizing partner in the public training series.",
    ),
    Organization(
        "reparations-for-black-students",
        "Reparations for Black Students in Oakland",
        description="A youth organizing partner in the public training series.",
    ),
    Organization(
        "student-voice",
        "Student Voice",
        description="A youth organizing partner in the public training series.",
    ),
    Organization(
        "heal-together-nc",
        "H.E.A.L. Together North Carolina",
        description=(
            "Parents, students and educators running a listening project to advance democracy at the "
            "school district level in North Carolina, anchored by the Education Justice Alliance (NC) "
            "and We Are Down Home (NC)."
        ),
    ),
    Organization(
        "education-justice-alliance-nc",
        "Education Justice Alliance (NC)",
        description="One of the two anchor organizations of H.E.A.L. Together North Carolina.",
    ),
    Organization(
        "we-are-down-home",
        "We Are Down Home (NC)",
        description="One of the two anchor organizations of H.E.A.L. Together North Carolina.",
    ),
    Organization(
        "parents-together",
        "Parents Together",
        description="Speaks on how parents are being targeted by those who wish to dismantle public education.",
    ),
    Organization("national-black-justice-coalition", "National Black Justice Coalition"),
    Organization("true-north-research", "True North Research"),
    Organization(
        "diversify-our-narrative",
        "Diversify Our Narrative",
        description="Partner on assessing how culturally inclusive a district's curriculum is.",
    ),
    Organization(
        "western-states-center",
        "Western States Center",
        description="Shares strategies to counter organized bigotry and white nationalism in schools.",
    ),
    Organization(
        "nea-community-schools",
        "NEA Strategic Campaign Institute for Community Schools",
        description="Organizes for the Community School model of public school transformation.",
    ),
    Organization("california-teachers-association", "California Teachers Association"),
    Organization(
        "local-progress",
        "Local Progress",
        description="Partner on policymaking and budgeting for equity in public school districts.",
    ),
    Organization(
        "human-impact-partners",
        "Human Impact Partners",
        description="Hosts Organizing for Health, an organizing training and political education space.",
    ),
    Organization(
        "school-of-unity-and-liberation",
        "School of Unity and Liberation",
        description=(
            "Hosts of the 2019 in-person Public Health Awakened national organizing training; Organizing "
            "for Health borrows from their updated virtual curriculum."
        ),
    ),
    Organization(
        "end-police-violence-collective",
        "End Police Violence Collective",
        description=(
            "Public health practitioners who successfully ran campaigns to pass two policy statements at the "
            "American Public Health Association about the health harms of policing and incarceration."
        ),
    ),
    Organization(
        "illinois-education-association",
        "Illinois Education Association",
        website="https://www.ieanea.org",
        description="The IEA runs the Leaders for Just Schools cohorts with the Opportunity Coalition.",
    ),
    Organization(
        "opportunity-coalition",
        "Opportunity Coalition",
        website="https://ieaopportunitycoalition.org",
        description=(
            "Connects local leaders to state and national resources to support Just Schools and Just "
            "Communities throughout Illinois; session dates are on its network registration page."
        ),
    ),
    Organization(
        "nea",
        "National Education Association (NEA)",
        description="Developed the Leaders for Just Schools program in partnership with the Kellogg Foundation.",
    ),
    Organization(
        "kellogg-foundation",
        "Kellogg Foundation",
        description="Partnered with the NEA to develop the Leaders for Just Schools program.",
    ),
    Organization("schaumburg-education-association", "Schaumburg Education Association"),
    Organization(
        "innovate-public-schools",
        "Innovate Public Schools",
        website="https://innovateschools.org",
        description=(
            "Runs the Community Organizer Training Program. Its staff bring more than 40 years of professional "
            "experience in grassroots community organizing."
        ),
    ),
)


# The colour each host's programs are drawn in where there is no photograph (programs.BrandColour);
# organizations not named here keep the default.
BRAND_COLOURS = {
    "heal-together": "teal",
    "human-impact-partners": "green",
    "illinois-education-association": "blue",
    "opportunity-coalition": "purple",
    "innovate-public-schools": "brick",
}

# --- People who lead or speak in sessions -------------------------------------------------------

PRESENTERS = (
    Presenter("ana-mercado", "Ana Mercado", "race-forward"),
    Presenter("asma-elhuni", "Asma Elhuni", "race-forward"),
    Presenter("adam-ukman", "Adam Ukman", "parents-together"),
    Presenter("imade-borha", "Imadé Borha", "nyu-metro-center"),
    Presenter("victoria-kirby-york", "Victoria Kirby-York", "national-black-justice-coalition"),
    Presenter("alyssa-bowen", "Alyssa Bowen", "true-north-research"),
    Presenter("flor-khan", "Flor Khan", "nyu-metro-center"),
    Presenter("lindsay-shubiner", "Lindsay Shubiner", "western-states-center"),
    Presenter("adrienne-van-der-valk", "Adrienne van der Valk", "western-states-center"),
    Presenter("anna-grant", "Anna Grant", "nea-community-schools", job_title="Organizer"),
    Presenter("aisha-blanchard-young", "Aisha Blanchard-Young", "california-teachers-association"),
    Presenter("anastasia-ordonez", "Anastasia Ordonez", "race-forward"),
    Presenter("jack-aponte", "Jack Aponte"),
    Presenter("felicia-t-perez", "Felicia T. Perez"),
    Presenter(
        "mae-smith",
        "Mae Smith",
        "illinois-education-association",
        job_title="Leaders for Just Schools Instructor; member of the Board of Directors",
        bio=(
            "Mae Smith is a Leaders for Just Schools Instructor and serves on the Illinois Education Association "
            "Board of Directors."
        ),
    ),
)

TESTIMONIALS = (
    Testimonial(
        "series-participant-groups",
        "It was great to hear about the work of different groups doing organizing around the country.",
        "First virtual public training series participant",
    ),
    Testimonial(
        "series-participant-vision",
        "[I] liked that broad vision [and] deep analysis were paired with concrete organizing nuts and bolts.",
        "First virtual public training series participant",
    ),
    Testimonial(
        "mae-smith",
        "The educators engaged in our Leaders for Just Schools get it. It’s about changing teacher-student "
        "interactions to meet students needs not changing the students to fit the system. I think these "
        "educators are becoming equity ambassadors to effect change in their classrooms and school community.",
        "Mae Smith",
        "Leaders for Just Schools Instructor, Illinois Education Association Board of Directors",
        "illinois-education-association",
    ),
    Testimonial(
        "adriana-caballero",
        "I do Leaders for Just Schools because I think it’s a great way for our members to get more involved "
        "in their union! I want our members to feel empowered and capable of advocating for their students and "
        "communities when it comes to issues of racial and social justice. This is also part of being an "
        "educator.",
        "Adriana Caballero",
        "Region 35",
        "schaumburg-education-association",
    ),
)

# --- The mission ---------------------------------------------------------------------------------

MISSION = Mission(
    title="Our Mission",
    heading="We are building a national movement of Students, Parents, Educators, and School Board Members",
    statement=(
        "We believe that an honest, equitable, and fully funded public education is the foundation for a just, "
        "multiracial democracy."
    ),
    founded_year=2022,
    founding_partners=("race-forward", "nyu-metro-center", "schott-foundation"),
    initiated_by="race-forward",
    about=(
        "HEAL (Honest Education, Action and Leadership) Together was created in response to the escalating "
        "racist and anti-LGBTQ+ attacks on public schools in recent years. HEAL Together has grown into a "
        "movement led by students, educators, parents, and school board members in hundreds of school districts "
        "across the United States who are committed to protecting public education as a public good so that all "
        "students can thrive."
    ),
    what_we_do=(
        "We provide tools and trainings to help communities advocate for the public schools we all deserve. We "
        "help make sure that students receive an honest education about our history and how it shapes our "
        "present, can read books that accurately represent their lives and the lives of others, and receive the "
        "resources, support, and skills they need to thrive."
    ),
    what_we_believe=(
        "We believe that public education, at its best, should prepare students to become citizens. At its "
        "best, public education prepares students for democracy by creating a space where students of all "
        "backgrounds work with one another toward common goals. At its best, public education creates connected "
        "communities that are united in their purpose to provide the next generation with the knowledge and "
        "skills to shape a better future.",
        "But public education is under attack from special interests using the specter of “wokeness” to divide "
        "our communities and defund our public schools.",
        "Thankfully, most people are not buying these divisive tactics. People like you are showing that, despite "
        "these efforts to divide us, we can win public schools that reflect the promise of a just, multiracial "
        "democracy - a democracy in which we all thrive.",
    ),
)

# --- Training Series 2.0: the fall 2022 virtual public series ------------------------------------

# The announcement gives weekday and date without a year or hours: the year is the one in which every
# stated weekday matches (2022), and each session is dated to the day only.
REGISTRATION_CLOSED = ""


TRAINING_SERIES_2 = Series(
    slug="training-series-2-0",
    title="Training Series 2.0",
    summary=(
        "Our second virtual public training series for students, educators, and parents who want strong, "
        "equitable public schools: seven sessions from September to November 2022."
    ),
    intro=(
        "Series sessions will be led by H.E.A.L. Together team members, our partners, and subject matter experts."
    ),
    open_call=(
        "Join us this fall for our second virtual public training series for students, educators, and parents who "
        "want strong, equitable public schools."
    ),
    audience="Students, educators, and parents who want strong, equitable public schools.",
    format=VIRTUAL,
    cadence="Seven online sessions, September to November",
    date_span="September 17 – November 30, 2022",
    hosts=("heal-together",),
    partners=(
        "race-forward",
        "nyu-metro-center",
        "georgia-youth-justice-coalition",
        "reparations-for-black-students",
        "student-voice",
        "heal-together-nc",
        "education-justice-alliance-nc",
        "we-are-down-home",
        "parents-together",
        "national-black-justice-coalition",
        "true-north-research",
        "diversify-our-narrative",
        "western-states-center",
        "nea-community-schools",
        "california-teachers-association",
        "local-progress",
    ),
    topics=("Public education", "Organizing"),
    testimonials=("series-participant-groups", "series-participant-vision"),
    figures=(
        ("Nearly 1,800", "people participated in our first virtual public training series"),
        (
            "90%",
            "of those participants who responded to our survey found the training series either a good or a "
            "great use of their time",
        ),
    ),
    body=(
        ("heading", "Questions and resources"),
        (
            "paragraph",
            "If you have questions or need resources from the training series, please email us.",
        ),
    ),
    image="series-training-2-0",
    sessions=(
        Session(
            slug="the-power-of-student-organizing",
            title="The Power of Student Organizing",
            summary=(
                "Learn what works from youth organizations that have started organizing high schoolers within "
                "different structures and contexts across the country."
            ),
            start=at(2022, 9, 17),
            end=at(2022, 9, 17),
            time_zone=EASTERN,
            format=VIRTUAL,
            venue="Online",
            stated_weekday="Saturday",
            date_only=True,
            presenters=(("ana-mercado", LEAD),),
            partners=("georgia-youth-justice-coalition", "reparations-for-black-students", "student-voice"),
            topics=("Student organizing", "Youth power"),
            body=(
                (
                    "paragraph",
                    "Youth across the country are refusing to cave into the far-right’s manufactured controversies "
                    "on race, gender, and sexual orientation and are proactively organizing for equity and justice, "
                    "not just in their local schools, but also in their states. Learn what works from youth "
                    "organizations that have started organizing high schoolers within different structures and "
                    "contexts across the country so that you can help build youth power.",
                ),
            ),
        ),
        Session(
            slug="back-to-school-democracy-in-public-education",
            title=(
                "Back To School: Parents, Students and Educators Advancing for Democracy in Public Education"
            ),
            summary=(
                "How parents, students, and educators are organizing their communities through a listening "
                "project to advance democracy on a school district level in North Carolina."
            ),
            start=at(2022, 9, 20),
            end=at(2022, 9, 20),
            time_zone=EASTERN,
            format=VIRTUAL,
            venue="Online",
            stated_weekday="Tuesday",
            date_only=True,
            presenters=(("asma-elhuni", LEAD), ("adam-ukman", GUEST)),
            partners=(
                "heal-together-nc",
                "we-are-down-home",
                "education-justice-alliance-nc",
                "parents-together",
            ),
            topics=("Parent organizing", "Democracy in education"),
            body=(
                (
                    "paragraph",
                    "Hear how our parents, students, and educators are organizing their communities through a "
                    "listening project to advance democracy on a school district level in North Carolina. You’ll "
                    "hear directly from the organizers leading H.E.A.L. Together North Carolina, which is anchored "
                    "by the Education Justice Alliance (NC) and We Are Downhome (NC). Also we will hear from Adam "
                    "Ukman from Parents Together on how parents are being targeted by those who wish to dismantle "
                    "public education and what parents have said they actually want. Learn about the need for "
                    "parental involvement to promote stronger and healthier public schools.",
                ),
            ),
        ),
        Session(
            slug="the-politics-of-division",
            title=(
                "The Politics of Division: Understanding Far-Right’s Culture War Playbook on Race and Gender"
            ),
            summary=(
                "Learn the historical origins of this new page in the far-right’s playbook, and listen to youth "
                "and advocates who are working to protect children from this vitriol."
            ),
            start=at(2022, 10, 6),
            end=at(2022, 10, 6),
            time_zone=EASTERN,
            format=VIRTUAL,
            venue="Online",
            stated_weekday="Thursday",
            date_only=True,
            presenters=(("imade-borha", LEAD), ("victoria-kirby-york", PARTNER), ("alyssa-bowen", PARTNER)),
            partners=(
                "national-black-justice-coalition",
                "true-north-research",
                "georgia-youth-justice-coalition",
            ),
            topics=("Culture war", "LGBTQIA+ students", "Race and gender"),
            body=(
                (
                    "paragraph",
                    "The main architect behind the anti-Critical Race Theory attacks is manufacturing a new culture "
                    "war against what he calls “radical gender theory.” Chris Rufo and his ultra-right conspirators "
                    "are villainizing any recognition of the existence of LGBTQIA+ children and families – whether "
                    "it’s using language that affirms their identity or advocating against bullying – calling it "
                    "“grooming”. These attacks extend to teaching comprehensive sex ed and even social-emotional "
                    "learning in school. Learn the historical origins of this new page in the far-right’s playbook. "
                    "And listen to youth and advocates who are working to protect children from this vitriol.",
                ),
            ),
        ),
        Session(
            slug="how-culturally-inclusive-is-your-curriculum",
            title="How Culturally Inclusive is Your Curriculum?",
            summary=(
                "Look at the three most commonly used elementary English Language Arts curricula across the US "
                "and see how they rate on cultural responsiveness."
            ),
            start=at(2022, 10, 18),
            end=at(2022, 10, 18),
            time_zone=EASTERN,
            format=VIRTUAL,
            venue="Online",
            stated_weekday="Tuesday",
            date_only=True,
            presenters=(("flor-khan", LEAD),),
            partners=("diversify-our-narrative",),
            topics=("Curriculum", "Culturally responsive education"),
            body=(
                (
                    "paragraph",
                    "Since public schools began, a shameful lack of racial diversity in public school curriculum "
                    "has upheld institutional racism and prevented diverse students from understanding themselves, "
                    "each other, and our pluralistic society. Research shows that a culturally responsive and "
                    "sustaining curriculum can create a positive and affirming learning environment for students of "
                    "all backgrounds; yet, this year’s right-wing attacks on public schools have further pushed "
                    "school districts to exclude essential stories from marginalized communities. In this workshop, "
                    "we take a look at the three most commonly used elementary English Language Arts curricula "
                    "across the US and see how they rate on cultural responsiveness, and how you can assess your own "
                    "district’s curriculum and make changes that will impact student learning and achievement.",
                ),
            ),
        ),
        Session(
            slug="confronting-white-nationalism-in-schools",
            title="Confronting White Nationalism in Schools",
            summary=(
                "Strategies to counter organized bigotry through sample scenarios that schools frequently "
                "encounter."
            ),
            start=at(2022, 11, 1),
            end=at(2022, 11, 1),
            time_zone=EASTERN,
            format=VIRTUAL,
            venue="Online",
            stated_weekday="Tuesday",
            date_only=True,
            presenters=(("lindsay-shubiner", LEAD), ("adrienne-van-der-valk", LEAD)),
            partners=("western-states-center",),
            topics=("White nationalism", "Democracy in education"),
            body=(
                (
                    "paragraph",
                    "Across the U.S., reports of white nationalism and anti-democracy organizing are on the rise. "
                    "Because public schools are democratic institutions and hubs of our communities, they are also "
                    "targets for bigoted groups and recruitment sites for white nationalists targeting young people. "
                    "In this workshop, our partners at the Western States Center will share strategies to counter "
                    "organized bigotry through sample scenarios that schools frequently encounter.",
                ),
            ),
        ),
        Session(
            slug="community-schools-a-game-changer",
            title="Community Schools: A Game Changer For Public Education",
            summary=(
                "The Community School model: a bottom-up, strengths-based approach to school transformation."
            ),
            start=at(2022, 11, 15),
            end=at(2022, 11, 15),
            time_zone=EASTERN,
            format=VIRTUAL,
            venue="Online",
            stated_weekday="Tuesday",
            date_only=True,
            presenters=(("anna-grant", LEAD), ("aisha-blanchard-young", LEAD)),
            partners=("nea-community-schools", "california-teachers-association"),
            topics=("Community schools",),
            body=(
                (
                    "paragraph",
                    "Public school workers are on the front lines every day, struggling to meet diverse student "
                    "needs amidst increasing social crises and decreasing support. We need to defend public schools "
                    "from attack, but we also need to transform them into the schools our students deserve. "
                    "Transformation requires a vision, and a method - what are the schools we are fighting for, and "
                    "what does it take to create them? Come learn about the Community School model: a bottom-up, "
                    "strengths-based approach to school transformation. Community Schools are places where "
                    "students, families, staff, and community members come to feel ownership over their "
                    "neighborhood public school. They bring together the skills, wisdom and resources of educators, "
                    "families, and community members to address barriers to learning (hunger, stress, mistrust, "
                    "insecure housing, lack of medical care) so that every child’s full attention is available to "
                    "learn, inquire, try, and grow.",
                ),
            ),
        ),
        Session(
            slug="policymaking-and-budgeting-for-greater-equity",
            title="Policymaking & Budgeting for Greater Equity: Ideas from Public School Leaders",
            summary=(
                "Strategies, case studies, budget processes, and model policies developed in districts around "
                "the country."
            ),
            start=at(2022, 11, 30),
            end=at(2022, 11, 30),
            time_zone=EASTERN,
            format=VIRTUAL,
            venue="Online",
            stated_weekday="Wednesday",
            date_only=True,
            presenters=(("anastasia-ordonez", LEAD),),
            partners=("local-progress",),
            topics=("Policy and budgets", "School boards"),
            body=(
                (
                    "paragraph",
                    "Policymakers who want to build and protect equity in their public schools often face many "
                    "challenges – from soliciting community input, to addressing diminished state and local "
                    "funding, to meeting the increasing needs of their students. This training will share "
                    "strategies, case studies, budget processes, and model policies developed in districts around "
                    "the country that tackle critical issues like:",
                ),
                (
                    "list",
                    (
                        "Supporting learners with disabilities",
                        "Advancing equity in contracting and procurement",
                        "Reforming school culture and disciplinary practices",
                        "Promoting culturally responsive curricula",
                    ),
                ),
                (
                    "paragraph",
                    "Additionally, the training will promote a new resource from HEAL Together for school board "
                    "members and public school administrators featuring model district policies on these and other "
                    "topics.",
                ),
            ),
        ),
    ),
)

# --- Organizing for Health: bi-monthly, two hours, 2023 into 2024 --------------------------------

ORGANIZING_FOR_HEALTH = Series(
    slug="organizing-for-health",
    title="Organizing for Health",
    summary=(
        "An organizing skill-focused training series for people who work or study in public health and others "
        "in the health sector: bi-monthly two-hour sessions throughout 2023 and into 2024."
    ),
    intro=(
        "We’re excited to relaunch our organizing training and political education space, Organizing for Health, "
        "with a training series focused on building a range of organizing skills across our membership."
    ),
    audience=(
        "People who work or study in the public health field, and others in the health sector. Members are "
        "invited to attend as many sessions as they want and invite other health sector colleagues."
    ),
    # The announcement's curriculum is virtual, but it never says how the sessions themselves are held.
    format=NOT_STATED,
    cadence="Bi-monthly, two hours",
    date_span="2023 – 2024",
    hosts=("human-impact-partners",),
    partners=("school-of-unity-and-liberation", "end-police-violence-collective"),
    topics=("Public health", "Organizing"),
    contact_email="sophia@humanimpact.org",
    open_call="Check back regularly for upcoming dates and registration links!",
    body=(
        ("heading", "About Organizing for Health 2023/2024"),
        (
            "paragraph",
            "Organizing for Health will feature bi-monthly two-hour sessions throughout 2023 and into 2024. Members "
            "are invited to attend as many sessions as you want and invite other health sector colleagues.",
        ),
        (
            "paragraph",
            "Organizing for Health is an organizing skill-focused training series designed for people who work or "
            "study in the public health field, and others in the health sector, to hone their organizing and "
            "advocacy skills to support and work alongside/within social justice campaigns. Training content will "
            "borrow from updated virtual curriculum from the School of Unity and Liberation, hosts of our 2019 "
            "in-person Public Health Awakened national organizing training, and feature guest speakers and expert "
            "trainers. Sessions will deep-dive into specific skill areas and themes named as priorities by members "
            "and partners, including messaging/media, direct action, security practices, campaign planning, power "
            "mapping, and more.",
        ),
        (
            "paragraph",
            "Registration required.",
        ),
    ),
    image="series-organizing-for-health",
    sessions=(
        Session(
            slug="intro-to-organizing",
            title="Intro to Organizing",
            summary=(
                "What organizing is, the components of campaigns for social justice, and how organizing is "
                "different from other forms of change-making."
            ),
            start=at(2023, 4, 1),
            end=at(2023, 5, 31, 23, 59),
            time_zone=EASTERN,
            # The session names End Police Violence Collective; the School of Unity and Liberation is named
            # only as the source of the series curriculum, so it is a partner of the series alone.
            format=NOT_STATED,
            date_label="April/May 2023",
            month_only=True,
            partners=("end-police-violence-collective",),
            topics=("Organizing basics", "Campaigns", "Public health"),
            body=(
                (
                    "paragraph",
                    "This introductory session will delve into discussion about what organizing is, components of "
                    "campaigns for social justice, and how organizing is different from other forms of "
                    "change-making, and invite participants to reflect on their own motivations for building our "
                    "health sector's organizing power to shift conditions for health. The session will feature a "
                    "panel discussion with members of End Police Violence Collective, the group of public health "
                    "practitioners who successfully ran campaigns to pass two policy statements at the American "
                    "Public Health Associations about the health harms of policing and incarceration, both of which "
                    "call for an abolitionist shift in public health practice and policy priorities.",
                ),
                (
                    "paragraph",
                    "Training content will borrow from updated virtual curriculum from the School of Unity and "
                    "Liberation, hosts of our 2019 in-person national organizing training. Subsequent sessions will "
                    "deep-dive into specific skill areas and themes named as priorities by members and partners, "
                    "including messaging/media, direct action, security practices, campaign planning and power "
                    "mapping, and more.",
                ),
            ),
        ),
        Session(
            slug="tell-me-why-the-power-of-story",
            title="“Tell Me Why” The Power of Story",
            summary="An introduction to Story-based Strategy: how stories change people's hearts, minds, and actions.",
            start=at(2023, 5, 1),
            end=at(2023, 5, 31, 23, 59),
            time_zone=EASTERN,
            format=NOT_STATED,
            date_label="May 2023",
            month_only=True,
            presenters=(("felicia-t-perez", GUEST),),
            topics=("Storytelling", "Messaging and media"),
            body=(
                (
                    "paragraph",
                    "The first half of the workshop will start with introducing participants to the theory of "
                    "Story-based Strategy with a focus on learning how stories are used to change people's hearts, "
                    "minds, and/or actions.",
                ),
                (
                    "paragraph",
                    "The second half will focus on exploring and developing a deeper understanding of what parts of "
                    "a story need to strategically change depending on the specific purpose for sharing it -- "
                    "whether that be for organizing, mobilizing, or advocacy work.",
                ),
                ("paragraph", "Guest presenter: Felicia T. Perez."),
            ),
        ),
        Session(
            slug="power-analysis",
            title="Power Analysis!",
            summary=(
                "How can we better understand, build, and strategically leverage power in our public health sector "
                "in partnership with grassroots social justice movement partners?"
            ),
            start=at(2023, 7, 1),
            end=at(2023, 7, 31, 23, 59),
            time_zone=EASTERN,
            format=NOT_STATED,
            date_label="July 2023",
            month_only=True,
            hosts=("human-impact-partners",),
            topics=("Power mapping", "Health equity"),
            body=(
                (
                    "paragraph",
                    "This interactive workshop led by Human Impact Partners staff will engage participants in "
                    "reflection on power and positionality in the context of public health advocacy/organizing and "
                    "community power-building. Participants will assess their own power, define individual and "
                    "collective power, learn about power mapping, and reflect on health sector power, including "
                    "governmental public health and inside/outside strategies -- all toward actualizing our "
                    "commitment to health equity and racial justice.",
                ),
            ),
        ),
        Session(
            slug="digital-security",
            title="Digital Security",
            summary=(
                "Why security culture is important, and shared digital security best practices for yourself and "
                "organizations."
            ),
            start=at(2024, 2, 1),
            end=at(2024, 2, 29, 23, 59),
            time_zone=EASTERN,
            format=NOT_STATED,
            date_label="February 2024",
            month_only=True,
            presenters=(("jack-aponte", GUEST),),
            topics=("Digital security",),
            body=(
                (
                    "paragraph",
                    "Strong security practices are an important part of strong advocacy and organizing – they keep "
                    "our work, ourselves, and each other safe. In the face of attacks on public health in recent "
                    "years, honing these practices within our field seems as important as ever, both in our day "
                    "jobs and other ways we’re pushing forward health justice in our communities.",
                ),
                (
                    "paragraph",
                    "This session will focus on why security culture is important and shared digital security best "
                    "practices for yourself and organizations.",
                ),
                ("paragraph", "Guest presenter: Jack Aponte."),
            ),
        ),
    ),
)

# --- Leaders for Just Schools: Level One Training Cohorts, 2021-22 -------------------------------

LEVEL_ONE_TOPICS = (
    "Six Layers of Racism",
    "Implicit Bias",
    "Microaggressions",
    "Relationships with students and community",
)

LEADERS_FOR_JUST_SCHOOLS = Series(
    slug="leaders-for-just-schools",
    # The 2021-22 school year; the date label is what readers see.
    start_date=datetime.date(2021, 9, 1),
    end_date=datetime.date(2022, 6, 30),
    title="Leaders for Just Schools: Level One Training Cohorts",
    summary=(
        "Hybrid cohorts of up to 25 people, meeting one Saturday morning per quarter through the 2021-22 "
        "school year, with a micro credential for those who complete the program."
    ),
    intro=(
        "Ready to impact your school, district and community around racial and social justice issues? Want to "
        "brainstorm with other leaders how to address equity and resilience related issues? The NEA, in "
        "partnership with the Kellogg Foundation, has developed a cutting edge leadership development program for "
        "those interested in racial, social and educational justice. The IEA and the Opportunity Coalition are "
        "pleased to announce the Leaders for Just Schools cohorts for the 2021-22 school year."
    ),
    audience="Those interested in racial, social and educational justice in their schools, districts and communities.",
    format=HYBRID,
    cadence="One Saturday morning per quarter",
    date_span="2021-22 school year",
    hosts=("illinois-education-association", "opportunity-coalition"),
    partners=("nea", "kellogg-foundation"),
    topics=("Racial justice", "Leadership development", *LEVEL_ONE_TOPICS),
    testimonials=("mae-smith", "adriana-caballero"),
    capacity=25,
    credential="Micro credential, with the opportunity to earn an organizing stipend to continue the work",
    framework_level=1,
    open_call="Hybrid cohorts are limited to 25 people each, so sign up today!",
    body=(
        ("paragraph", "Just Schools, Just Communities."),
        (
            "paragraph",
            "The instructors are state and local leaders, award winning educators and experienced community "
            "organizers who will help you build momentum for change in your local schools and communities.",
        ),
        ("heading", "Leaders for Just Schools: an overview"),
        (
            "list",
            (
                "The actual times and dates for the session are listed at the Opportunity Coalition Network "
                "registration link on our website, ieaopportunitycoalition.org",
                "The cohorts will be hybrid delivery, with virtual activities, and in person if conditions allow.",
                "Topics will include the Six Layers of Racism, Implicit Bias, Microaggressions as well Creating "
                "Strong Relationships with Students and the Community.",
                "Participants will have the chance to work with educational leaders in their area and around the "
                "state.",
            ),
        ),
        ("heading", "Where this fits: the Opportunity Coalition Developmental Framework"),
        (
            "paragraph",
            "Level One cohorts are the first of the framework’s four levels: 1 Self Exposure, 2 Team Growth, "
            "3 Organization Application and 4 System Transformation.",
        ),
    ),
    image="series-leaders-for-just-schools",
)


FRAMEWORK_TITLE = "Opportunity Coalition Developmental Framework"
FRAMEWORK_INTRO = (
    "By connecting local leaders to state and national resources, the Opportunity Coalition framework supports the "
    "development of Just Schools and Just Communities throughout Illinois."
)
FRAMEWORK_TAGLINE = "Just Schools, Just Communities"

FRAMEWORK_LEVELS = (
    FrameworkLevel(
        1,
        "Self Exposure",
        "Participants in local Leaders for Just Schools cohorts, work with others to learn about racial, social "
        "and educational justice, along with engaging in individual leadership development activities.",
        # From the seed's "Level One Training Cohorts" program details.
        support="Cohort training one Saturday morning per quarter over the school year, a micro credential on "
        "completion and the opportunity to earn an organizing stipend to continue the work.",
    ),
    FrameworkLevel(
        2,
        "Team Growth",
        "Level Two leaders begin to build local coalitions with association leaders, school and district "
        "administrators, students, parents and community leaders.",
    ),
    FrameworkLevel(
        3,
        "Organization Application",
        "Level Three leaders, with financial and technical support, implement equity and resilience work at the "
        "school, district and association level.",
    ),
    FrameworkLevel(
        4,
        "System Transformation",
        "Level Four leaders, with financial and technical support, implement equity and resilience work at the "
        "community level.",
    ),
)

# --- Community Organizer Training Program 2019-20 ------------------------------------------------

COTP_DEADLINE = datetime.date(2019, 8, 16)

VALLOMBROSA = ("Vallombrosa Retreat Center", "250 Oak Grove Ave, Menlo Park, CA")
MERCY = ("Mercy Retreat Center", "2300 Adeline Dr, Burlingame, CA")


def _day(day):
    """The announcement gives days, not times: midnight stands for the day, shown as a date only."""
    return datetime.datetime.combine(day, datetime.time(0, 0), ZoneInfo(PACIFIC))


def _retreat(number, slug, first_day, last_day, venue):
    name, address = venue
    return Session(
        slug=slug,
        title=f"Session {number}: {name}, {address.split(', ')[1]}",
        summary=f"Three-day session {number} of 5, with overnight stays at {name} in {address.split(', ', 1)[1]}.",
        start=_day(first_day),
        end=_day(last_day),
        time_zone=PACIFIC,
        format=IN_PERSON,
        venue=name,
        address=address,
        date_only=True,
        topics=("Community organizing",),
        body=(
            (
                "paragraph",
                f"Session {number} of the five three-day sessions of the Community Organizer Training Program "
                f"2019-20, with overnight stays at {name}, {address}. Lodging and meals during the session are "
                "included in the program cost; travel to and from the session is not.",
            ),
            (
                "paragraph",
                "Between sessions participants have one-on-one coaching from Innovate’s experienced organizer "
                "faculty, and reflection, writing, preparation, and required reading assignments (about two hours "
                "a month).",
            ),
        ),
    )


def _institute(slug, title, first_day, last_day, place, dates):
    return Session(
        slug=slug,
        title=title,
        summary=f"A three-day weekend institute for volunteer parent leaders in {place}. Date pending.",
        start=_day(first_day),
        end=_day(last_day),
        time_zone=PACIFIC,
        format=IN_PERSON,
        venue=place,
        date_only=True,
        to_be_confirmed=True,
        topics=("Parent leadership",),
        body=(
            (
                "paragraph",
                "Innovate’s three-day overnight institute for volunteer parent leaders. Participants in the "
                "Community Organizer Training Program attend an institute during the course of the program. Two "
                "3-day Parent Leader Institutes will take place on weekends in February and March 2020.",
            ),
            ("paragraph", f"Planned for {place}, {dates}. The date is pending and may change."),
        ),
    )


COMMUNITY_ORGANIZER_TRAINING = Series(
    slug="community-organizer-training-program-2019-20",
    title="Community Organizer Training Program 2019-20",
    summary=(
        "A seven-month, in-person program of five three-day retreat sessions and one-on-one coaching that moves "
        "organizers from community organizing theory to practice."
    ),
    intro=(
        "There is a growing recognition in the education justice movement that community organizing and parent "
        "leadership are essential to achieving significant change, including opening and sustaining high-quality "
        "schools and in creating systemic changes within districts and states."
    ),
    audience=(
        "Organizers with less than three years organizing experience in a local leadership or institution-based "
        "model of community organizing, at education justice organizations."
    ),
    format=IN_PERSON,
    cadence="Five three-day sessions with overnight stays, plus coaching between sessions",
    date_span="September 2019 – April 2020",
    hosts=("innovate-public-schools",),
    topics=("Community organizing", "Parent leadership"),
    cost_tiers=(
        ("Per participant", 7500),
        ("Team of 2 participants", 10000),
        ("Team of 3 participants", 15000),
    ),
    cost_note="Includes lodging and meals during training sessions; travel is not included.",
    deadline=COTP_DEADLINE,
    deadline_weekday="Friday",
    open_call="Now accepting applications. Deadline to apply is Friday, August 16, 2019.",
    contact_name="Corey Timpson",
    contact_title="Director, National Organizing",
    contact_email="ctimpson@innovateschools.org",
    body=(
        (
            "paragraph",
            "Through successful organizing efforts in the Bay Area and across the country, effective grassroots "
            "parent leadership and organizing has been key to changing the political landscape and challenging the "
            "status quo. Education justice organizations pledging to make fundamental change in communities have the "
            "opportunity and responsibility to engage parents at a deep level as true partners in building the "
            "necessary power to create and sustain change.",
        ),
        ("heading", "The Need – a pipeline of organizing talent"),
        (
            "paragraph",
            "One ongoing challenge to making authentic grassroots parent leadership a strong component to the "
            "education justice movement at a broad scale is the lack of talent and capacity in the community "
            "organizing field to develop more successful efforts. While there are education organizations doing "
            "advocacy work and occasionally mobilizing parents, very few are developing parents as leaders and "
            "building parent-led committees or organizations. What separates successful, sustainable organizing "
            "from mobilization is sustained leadership development and engaging parent leaders in long-term "
            "strategy building work, which is the essence of Innovate Public Schools’ approach.",
        ),
        (
            "paragraph",
            "Innovate Public Schools’ staff bring more than 40 years of professional experience in grassroots "
            "community organizing, with significant demonstrated success in building long-term reform efforts led "
            "by low-income parent leaders in California.",
        ),
        (
            "paragraph",
            "Like becoming an excellent teacher, becoming an excellent organizer requires intensive training, "
            "support, and ongoing development by other seasoned professionals in the craft. Without significant "
            "training, feedback, and counsel from experienced practitioners, new organizers often fail and "
            "frequently burn out. Organizations with the desire to organize parents or communities find themselves "
            "hiring organizers who lack any experience or expertise, who then find themselves failing and "
            "burning-out, because they don’t have the necessary training and support. Similarly, education "
            "organizations lack in-house expertise to manage organizing staff, and end up asking them to do other "
            "important work, rather than continuing to prioritize long-term parent empowerment.",
        ),
        (
            "paragraph",
            "Innovate regularly gets requests to grow its work into other regions of the country, or to provide "
            "training and on-going consulting to help organizations build their capacity. To begin to meet this need "
            "and scale successful community organizing efforts, Innovate Public Schools created a nine-month "
            "Community Organizer Training Program designed to meet the needs of organizers and organizations "
            "through quality professional development sessions on community organizing theory and practice.",
        ),
        ("heading", "Program Highlights"),
        (
            "paragraph",
            "The program is a seven-month commitment, including five three-day sessions (with overnight stays at "
            "retreat centers) and one-on-one coaching between sessions from our experienced organizer faculty. The "
            "program is designed to move participants from community organizing theory to practice. It emphasizes "
            "developing strategic thinking skills into coherent political judgment and clear strategy development "
            "for internal and external change. Participants will be required to complete reading and writing "
            "assignments between sessions. Participants will also attend Innovate’s three-day overnight institute "
            "for volunteer parent leaders during the course of the program.",
        ),
        (
            "paragraph",
            "Through reading, seminars, reflective writing assignments, observation, and critical feedback, the "
            "program will include these topics:",
        ),
        (
            "list",
            (
                "Understanding the role of an organizer and the role of a parent leader",
                "Learning Innovate’s community organizing model including: Conducting powerful 1-1 relational "
                "meetings and house meetings to build a parent network; holding research meetings to build "
                "strategic relationships with key stakeholders and public officials; coordinating large community "
                "action events to secure policy changes at the local level; practicing the art of reflection to "
                "deepen leadership capacity",
                "Developing strategy and building campaigns to win local policy change around issues prioritized by "
                "parents and community members",
                "Learning tools to build a strong and sustainable Parent Leadership Team of volunteer parents and "
                "community members",
                "Effectively using data to build a case for the need for change in the community",
                "Understanding and navigating the public arena and opportunities in the education justice movement",
            ),
        ),
        ("heading", "Participant Expectations"),
        (
            "paragraph",
            "This is training program designed for organizers with less than three years organizing experience in "
            "a local leadership or institution-based model of community organizing. Attendees will be expected to "
            "participate in sessions fully, including role-plays, observation work, feedback, and problem solving. "
            "In between sessions, participants will have reflection, writing, preparation, and required reading "
            "assignments (about two hours a month). In addition, role-playing and concentrated critical feedback "
            "are a significant piece of this program. All participants are expected to attend every session, have "
            "assignments turned in on-time and readings completed, and to demonstrate a willingness and appetite to "
            "practice role-plays and receive critical feedback from peers and training staff.",
        ),
        ("heading", "Applicant Requirements"),
        ("paragraph", "Innovate’s training program is focused on serving education justice organizations."),
        (
            "paragraph",
            "We recommend that the job description of participants include at least 5 “one-to-one” meetings each "
            "week with individual parents and stakeholders, as well as a clear goal of identifying and working "
            "with/developing parents as leaders. We will be teaching participants to move along a trajectory of "
            "professional work that leads to building organization, developing a political presence through public "
            "meetings, and taking public action toward the goal of creating, supporting, and sustaining world-class "
            "public schools, particularly for underserved groups of children.",
        ),
    ),
    image="series-community-organizer-training",
    sessions=(
        _retreat(
            1,
            "session-1-september-2019",
            datetime.date(2019, 9, 9),
            datetime.date(2019, 9, 11),
            VALLOMBROSA,
        ),
        _retreat(
            2,
            "session-2-october-2019",
            datetime.date(2019, 10, 7),
            datetime.date(2019, 10, 9),
            MERCY,
        ),
        _retreat(
            3,
            "session-3-november-2019",
            datetime.date(2019, 11, 12),
            datetime.date(2019, 11, 14),
            VALLOMBROSA,
        ),
        _retreat(
            4,
            "session-4-january-2020",
            datetime.date(2020, 1, 13),
            datetime.date(2020, 1, 15),
            MERCY,
        ),
        _retreat(
            5,
            "session-5-april-2020",
            datetime.date(2020, 4, 27),
            datetime.date(2020, 4, 29),
            MERCY,
        ),
        _institute(
            "parent-leader-institute-bay-area",
            "Parent Leader Institute: Bay Area",
            datetime.date(2020, 2, 21),
            datetime.date(2020, 2, 23),
            "the Bay Area",
            "February 21-23, 2020",
        ),
        _institute(
            "parent-leader-institute-los-angeles",
            "Parent Leader Institute: Los Angeles (National)",
            datetime.date(2020, 3, 27),
            datetime.date(2020, 3, 29),
            "Los Angeles",
            "March 27-29, 2020",
        ),
    ),
)

SERIES = (TRAINING_SERIES_2, ORGANIZING_FOR_HEALTH, LEADERS_FOR_JUST_SCHOOLS, COMMUNITY_ORGANIZER_TRAINING)

MISSION_FOUNDING = "Formed in {year}, HEAL Together was initiated by {names[0]} in partnership with {names[1]} & the {names[2]}."

# --- Section pages -------------------------------------------------------------------------------

# The demo site is a hub where HEAL Together and its partners publish their trainings: its name and
# footer say so, and each program names the organization that runs it.
SITE_NAME = "HEAL Together Training Hub"
FOOTER_TEXT = (
    "A shared training hub: HEAL Together and partner organizations publish their trainings here. "
    "Each program is run by the organization named on it as its host."
)

SITE_DESCRIPTION = (
    "Trainings for students, parents, educators, school board members and health workers organizing for honest, "
    "equitable public schools and healthy communities."
)
TRAININGS_INTRO = (
    "Public training series, cohorts and multi-month programs for students, parents, educators, school board "
    "members and health workers. Find the next session, or look back at past ones."
)
PRESENTERS_INTRO = (
    "The organizers, educators, researchers and partners who lead and join our trainings, with the "
    "organizations they work with."
)
BLOG_INTRO = "News, announcements and recaps from our trainings. The posts here are samples."

# --- Home page -----------------------------------------------------------------------------------

HOME_HERO_HEADING = "Trainings for students, parents, educators and organizers"
HOME_HERO_TEXT = (
    "HEAL Together and its partners offer public trainings, cohorts and programs for people organizing for honest, "
    "equitable, fully funded public schools and healthy communities. Find the next session, register, and catch "
    "up on past trainings."
)
HOME_FEATURED_SERIES = (
    "training-series-2-0",
    "leaders-for-just-schools",
    "community-organizer-training-program-2019-20",
)

# The top menu, used only while staff have not set one up: (section slug, menu label).
HEADER_MENU = (
    ("trainings", "Trainings"),
    ("presenters", "Presenters"),
    ("framework", "Framework"),
    ("blog", "Blog"),
    ("mission", "Our Mission"),
)
HOME_TESTIMONIAL = "series-participant-vision"
HOME_JOIN_HEADING = "Join the network"
HOME_JOIN_TEXT = "Hear about new trainings first, and bring your colleagues along."

# --- Blog: clearly labelled demo posts written from the programs' announcements ------------------

DEMO_POST_NOTE = (
    "Sample post: this article retells the program’s public announcement to show how news looks on this site. "
    "Replace or delete it when you publish your own news."
)
# The organization whose staff sign the sample posts: the site's owner, not an invented person.
BLOG_AUTHOR = "HEAL Together staff"

BLOG_POSTS = (
    BlogPost(
        slug="training-series-2-0-announced",
        title="Training Series 2.0: seven virtual sessions this fall",
        date=datetime.date(2022, 9, 1),
        intro=(
            "Our second virtual public training series for students, educators, and parents runs from Saturday, "
            "September 17 to Wednesday, November 30, 2022."
        ),
        topics=("Public education", "Organizing"),
        related_series=("training-series-2-0",),
        image="blog-series-announced",
        body=(
            (
                "paragraph",
                "Nearly 1,800 people participated in our first virtual public training series, and of those "
                "participants who responded to our survey 90% found the training series either a good or a great "
                "use of their time. This fall we are back with seven sessions led by H.E.A.L. Together team "
                "members, our partners, and subject matter experts.",
            ),
            ("heading", "The sessions"),
            (
                "list",
                (
                    "Saturday, September 17: [The Power of Student Organizing](session:training-series-2-0/the-power-of-student-organizing), led by Ana Mercado (Race Forward)",
                    "Tuesday, September 20: [Back To School: Parents, Students and Educators Advancing for Democracy "
                    "in Public Education](session:training-series-2-0/back-to-school-democracy-in-public-education), led by Asma Elhuni (Race Forward) with Adam Ukman (Parents Together)",
                    "Thursday, October 6: [The Politics of Division](session:training-series-2-0/the-politics-of-division), led by Imadé Borha (NYU Metro Center)",
                    "Tuesday, October 18: [How Culturally Inclusive is Your Curriculum?](session:training-series-2-0/how-culturally-inclusive-is-your-curriculum), led by Flor Khan (NYU Metro "
                    "Center)",
                    "Tuesday, November 1: [Confronting White Nationalism in Schools](session:training-series-2-0/confronting-white-nationalism-in-schools), led by Lindsay Shubiner and "
                    "Adrienne van der Valk (Western States Center)",
                    "Tuesday, November 15: [Community Schools: A Game Changer For Public Education](session:training-series-2-0/community-schools-a-game-changer), led by Anna Grant "
                    "(NEA Strategic Campaign Institute for Community Schools) and Aisha Blanchard-Young (California "
                    "Teachers Association)",
                    "Wednesday, November 30: [Policymaking & Budgeting for Greater Equity](session:training-series-2-0/policymaking-and-budgeting-for-greater-equity), led by Anastasia Ordonez "
                    "(Race Forward) with Local Progress",
                ),
            ),
        ),
    ),
    BlogPost(
        slug="organizing-for-health-relaunches",
        title="Organizing for Health relaunches with bi-monthly trainings",
        date=datetime.date(2023, 3, 15),
        intro=(
            "Human Impact Partners relaunches its organizing training and political education space for people "
            "in the health sector, with two-hour sessions throughout 2023 and into 2024."
        ),
        topics=("Public health", "Organizing"),
        related_series=("organizing-for-health",),
        image="blog-organizing-for-health",
        body=(
            (
                "paragraph",
                "Organizing for Health is designed for people who work or study in the public health field, and "
                "others in the health sector, to hone their organizing and advocacy skills. Training content borrows "
                "from updated virtual curriculum from the School of Unity and Liberation, hosts of the 2019 "
                "in-person Public Health Awakened national organizing training.",
            ),
            (
                "paragraph",
                "Sessions deep-dive into skill areas members and partners named as priorities: messaging/media, "
                "direct action, security practices, campaign planning, power mapping, and more. Sessions are two "
                "hours and registration is required. Questions? Email sophia@humanimpact.org.",
            ),
        ),
    ),
    BlogPost(
        slug="recap-organizing-for-health-2023",
        title="Recap: Organizing for Health’s first four trainings",
        date=datetime.date(2024, 3, 1),
        intro="From an introduction to organizing in spring 2023 to digital security in February 2024.",
        topics=("Public health", "Digital security", "Storytelling", "Power mapping"),
        related_series=("organizing-for-health",),
        image="blog-recap",
        body=(
            (
                "list",
                (
                    "[Intro to Organizing](session:organizing-for-health/intro-to-organizing) (April/May 2023), with a panel of members of the End Police Violence "
                    "Collective",
                    "[“Tell Me Why” The Power of Story](session:organizing-for-health/tell-me-why-the-power-of-story) (May 2023), with guest presenter Felicia T. Perez",
                    "[Power Analysis!](session:organizing-for-health/power-analysis) (July 2023), led by Human Impact Partners staff",
                    "[Digital Security](session:organizing-for-health/digital-security) (February 2024), with guest presenter Jack Aponte",
                ),
            ),
        ),
    ),
    BlogPost(
        slug="leaders-for-just-schools-cohorts-2021-22",
        title="Leaders for Just Schools cohorts open for the 2021-22 school year",
        date=datetime.date(2021, 8, 20),
        intro=(
            "The IEA and the Opportunity Coalition announce hybrid Level One cohorts of up to 25 people, meeting one "
            "Saturday morning per quarter."
        ),
        topics=("Racial justice", "Leadership development"),
        related_series=("leaders-for-just-schools",),
        image="blog-leaders-for-just-schools",
        body=(
            (
                "paragraph",
                "The NEA, in partnership with the Kellogg Foundation, developed Leaders for Just Schools for those "
                "interested in racial, social and educational justice. Topics include the Six Layers of Racism, "
                "Implicit Bias, Microaggressions and Creating Strong Relationships with Students and the Community.",
            ),
            (
                "paragraph",
                "Cohort members who successfully complete the program receive a micro credential and can earn an "
                "organizing stipend to continue the work. Level One is the first step of the Opportunity Coalition "
                "Developmental Framework.",
            ),
        ),
    ),
    BlogPost(
        slug="community-organizer-training-program-applications-open",
        title="Applications open for the 2019-20 Community Organizer Training Program",
        date=datetime.date(2019, 7, 1),
        intro="Innovate Public Schools accepts applications until Friday, August 16, 2019.",
        topics=("Community organizing", "Parent leadership"),
        related_series=("community-organizer-training-program-2019-20",),
        image="blog-community-organizer-training",
        body=(
            (
                "paragraph",
                "Five three-day sessions at the Vallombrosa Retreat Center in Menlo Park and the Mercy Retreat "
                "Center in Burlingame, from September 2019 to April 2020, with one-on-one coaching between sessions.",
            ),
            (
                "paragraph",
                "The cost per participant is $7,500, including lodging and meals during training sessions but not "
                "travel; teams of 2 participants are $10,000 and teams of 3 participants $15,000. Contact Corey "
                "Timpson, Director, National Organizing, at ctimpson@innovateschools.org.",
            ),
        ),
    ),
)

# --- The sample series: dated relative to the day the demo is loaded -----------------------------

SAMPLE_SERIES_SLUG = "sample-organizing-basics"
SAMPLE_SERIES_TITLE = "Sample: Organizing Basics"
SAMPLE_NOTE = (
    "This is sample content for the demo site. The sessions below are dated relative to the day the demo was "
    "loaded so that upcoming sessions, calendars and registration buttons can be seen. Delete this series when "
    "you publish your own."
)
SAMPLE_SESSION_NOTE = (
    "This is sample content for the demo site. This session is dated relative to the day the demo was loaded so "
    "that its calendar links and registration button can be seen. Delete its series when you publish your own."
)
# Presenter pages earlier versions of the demo made, removed again unless edited in the admin. The
# sample sessions are led by their host's staff rather than by an invented person.
RETIRED_PRESENTERS = ("sample-facilitator",)

# (slug, title, days from the day of loading, status, format)
SAMPLE_SESSIONS = (
    ("sample-one-to-one-meetings", "Sample: One-to-one meetings", -14, Status.SCHEDULED, VIRTUAL),
    ("sample-power-mapping", "Sample: Power mapping in your district", 7, Status.SCHEDULED, VIRTUAL),
    ("sample-telling-your-story", "Sample: Telling your story", 21, Status.SCHEDULED, HYBRID),
    ("sample-house-meetings", "Sample: House meetings", 28, Status.CANCELLED, IN_PERSON),
    ("sample-planning-a-campaign", "Sample: Planning a campaign", 35, Status.SCHEDULED, VIRTUAL),
)


def sample_series(today):
    """The sample series with sessions placed around ``today`` (a date)."""
    sessions = []
    for slug, title, offset, status, fmt in SAMPLE_SESSIONS:
        day = today + datetime.timedelta(days=offset)
        start = datetime.datetime.combine(day, datetime.time(18, 30), ZoneInfo(EASTERN))
        in_person = fmt != VIRTUAL
        sessions.append(
            Session(
                slug=slug,
                title=title,
                summary="A sample session for the demo site.",
                start=start,
                end=start + datetime.timedelta(hours=1, minutes=30),
                time_zone=EASTERN,
                format=fmt,
                venue="Sample Community Center" if in_person else "Online",
                address="123 Example Street, Anytown, NY" if in_person else "",
                status=status,
                hosts=("heal-together",),
                topics=("Organizing basics",),
                registration_url="" if offset < 0 else f"https://example.org/register/{slug}/",
                registration_deadline=start - datetime.timedelta(days=1) if offset > 0 else None,
                body=(("paragraph", SAMPLE_SESSION_NOTE),),
            )
        )
    return Series(
        slug=SAMPLE_SERIES_SLUG,
        title=SAMPLE_SERIES_TITLE,
        summary="Sample content: a short demo series whose dates move with the day the demo is loaded.",
        intro=SAMPLE_NOTE,
        audience="Anyone trying out the demo site.",
        format=VIRTUAL,
        cadence="Every week or two",
        date_span="",
        hosts=("heal-together",),
        topics=("Organizing basics",),
        registration_url="https://example.org/register/",
        contact_email="trainings@example.org",
        body=(
            ("heading", "What this sample shows"),
            (
                "list",
                (
                    "Upcoming sessions on the home page and the trainings page, soonest first",
                    "Registration buttons and calendar files for sessions that have not happened yet",
                    "A cancelled session, marked as such everywhere it is listed",
                    "A past session, moved to the past sessions list automatically",
                ),
            ),
        ),
        image="series-sample",
        is_sample=True,
        sessions=tuple(sessions),
    )
