"""The vocabularies behind the guesses at names: common given names, titles, the words of
organisations' names, and the capitalised words that name no one.

The given names are read once from ``given_names.txt`` beside this module.
"""

from __future__ import annotations

from importlib import resources

from facilitator.core.hints.postcodes import AU_STATES, US_STATES
from facilitator.core.hints.text import lower, words


def _read_given_names() -> frozenset[str]:
    """The embedded given names, less those that are also everyday words (marked *):
    those count only as any capitalised word does."""
    source = resources.files(__package__).joinpath("given_names.txt")
    lines = (line.strip() for line in source.read_text(encoding="utf-8").splitlines())
    return frozenset(
        lower(line) for line in lines if line and not line.startswith("#") and line[-1] != "*"
    )


GIVEN_NAMES = _read_given_names()

# Titles before a person's name; what follows them is a name even at a sentence start.
# After an honorific it is a name whatever it is (Ms Ward, Mr Baker); after a title that
# is also a role, only if it reads as one (Sister Adeyemi, but not Chief Executive).
HONORIFICS = words("""
    mr mrs ms miss mx dr prof cllr rev revd fr herr frau mme mlle monsieur madame señor
    señora shri smt alhaji alhaja
""")
TITLES = HONORIFICS | words("""
    doctor professor councillor nurse sister matron midwife sir dame lord lady reverend
    father pastor imam rabbi canon bishop judge officer pc dc ds di dci sgt sergeant
    inspector constable captain capt major colonel coach auntie aunty uncle chief madam
""")
# Abbreviations that a full stop follows without ending the sentence.
ABBREVIATIONS = words("mr mrs ms dr prof rev revd fr st mt cllr capt sgt jr sr vs approx incl")

# Words that end or continue the name of an organisation.
ORGANISATION_WORDS = words("""
    council councils ltd limited plc llp llc inc incorporated corp corporation co company
    gmbh ag kg bv b.v. nv n.v. sa s.a. sarl sas pty pvt oy
    trust trusts nhs hospital hospitals infirmary surgery practice clinic clinics health
    healthcare pharmacy hospice housing association homes home group bank banks society
    building university universität school schools college academy institute
    services service partnership partners associates foundation charity department
    ministry agency police constabulary authority board commission federation union
    church mosque temple synagogue gurdwara club centre center consulting consultants
    solicitors accountants chambers holdings industries systems solutions technologies labs
    software analytics energy water airways airlines rail railways logistics logistik
    motors depot network collective cooperative co-op enterprises media press publishing
    studios records museum theatre tribunal prison stadtwerke krankenhaus schule gymnasium
""")
# Capitalised words that name no one in particular: departments, roles, benefits, units.
GENERIC_WORDS = words("""
    finance hr it legal sales marketing operations accounts payroll procurement customer
    customers support social children's childrens adult adults family families mental
    public private community national local regional central general royal head chief
    executive director manager officer lead senior junior deputy assistant team board year
    ward room floor building level phase stage section part chapter appendix table figure
    benefit credit universal tax insurance allowance pension payment act law policy plan
    programme project scheme fund grant award prize day week month quarter care quality
    mum dad mother father mam nan nana gran granny grandma grandad grandpa auntie uncle
    god lord jesus allah bible quran internet web email online covid coronavirus brexit
    christmas easter eid diwali ramadan hanukkah halloween passover lent advent
    bank holiday new years year's phd msc bsc mba ma ba gcse gcses a-level a-levels
    dear hi hello thanks regards incident flat apartment unit block house primary
    secondary infant infants nursery
""")
# Weekdays and months: capitalised, never a person here.
_CALENDAR_WORDS = words("""
    monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays
    thursdays fridays saturdays sundays weekend weekends mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
""")
# Places, peoples, languages and products: capitalised, and not what the preview is for.
NAMED_THINGS = words("""
    england scotland wales ireland britain uk united kingdom europe america africa asia
    australia india china japan germany france spain italy poland romania nigeria ghana
    kenya pakistan bangladesh canada mexico brazil netherlands holland belgium sweden norway
    denmark finland russia ukraine turkey greece portugal egypt somalia ethiopia eritrea
    london manchester birmingham leeds liverpool bristol sheffield newcastle nottingham
    leicester bradford glasgow edinburgh cardiff belfast dublin coventry hull york
    brighton oxford cambridge new los angeles san francisco chicago boston seattle
    austin houston dallas berlin munich hamburg frankfurt paris
    lyon madrid barcelona rome milan amsterdam rotterdam utrecht brussels lagos abuja accra
    nairobi mumbai delhi bengaluru bangalore chennai kolkata hyderabad karachi dhaka sydney
    melbourne brisbane perth auckland toronto tokyo beijing shanghai singapore dubai
    english british scottish welsh irish european american african asian australian indian
    chinese japanese german french spanish italian polish romanian nigerian ghanaian
    pakistani bangladeshi somali arabic urdu hindi punjabi bengali gujarati tamil farsi
    pashto kurdish turkish greek portuguese russian ukrainian mandarin cantonese yoruba
    igbo hausa swahili lithuanian latvian dutch creole patois latin
    muslim christian jewish hindu sikh buddhist catholic protestant anglican
    google gmail drive docs sheets excel word powerpoint outlook teams sharepoint onedrive
    windows microsoft office slack zoom jira confluence trello github gitlab git bitbucket
    stripe paypal aws azure salesforce facebook instagram twitter tiktok linkedin whatsapp
    discord snapchat youtube reddit signal telegram iphone ipad android apple mac macbook
    chrome safari firefox linux python java javascript typescript kubernetes docker
    postgres mysql oracle sap amazon uber netflix spotify wikipedia bluetooth dropbox
    notion figma miro xero sage quickbooks photoshop canva tableau wifi wi-fi chatgpt
    openai copilot doc sheet forms calendar meet maps
""") | words("""
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico
    carolina dakota ohio oklahoma oregon pennsylvania rhode tennessee texas utah vermont
    virginia washington wisconsin wyoming
""")
# Words that start sentences and are capitalised for that reason alone.
FUNCTION_WORDS = words("""
    i i'm i've i'd i'll a an the and or but if when then so because after before while
    since until as at by for from in into of off on onto out over to up with without
    within about above below under again also all any both each every few more most no
    not nor only own same some such than too very just now once last next first second
    third yesterday today tonight tomorrow one two three four five six seven eight nine
    ten my our your his her their its this that these those we you he she they it me us
    him them there here what which who whom whose why how where yes ok okay oh well even
    still yet never always sometimes often maybe perhaps anyway however although though
    instead luckily unfortunately honestly nobody somebody someone everyone everybody
    anyone nothing something everything anything please sorry thank thanks let lets let's
    don't didn't can't won't wasn't isn't it's that's there's we're they're you're we'd
    lesson lessons note ps nb re fyi
""")
# Words written in capitals to shout or to quote code, not to name anything.
SHOUTED_WORDS = words("""
    select insert update delete drop create alter table where from join null true false
    never always really sorry please again every everyone anything nothing urgent important
    warning help stop wait error failed done all caps very much huge massive
""")
NEVER_NAMES = _CALENDAR_WORDS | FUNCTION_WORDS

# Acronyms that are not organisations, or not ones worth hiding.
COMMON_ACRONYMS = (
    words("""
    i ok tv uk us usa eu un it hr ceo cfo cto coo cio md vp pa pm am asap faq pdf cv id pin
    sms mms url api sql csv json xml html css js http https dns ssh ssl tls vpn usb ram cpu
    gpu ssd hdmi ui ux ai ml qa ci cd pr mr sla kpi okr roi rsvp fyi fw re cc bcc lol omg
    wtf tbh imo imho dm dms ps nb aka eta rip diy tbc tbd n/a na vat paye isa atm iban
    bic swift bacs chaps po ni nino utr crn pan ssn tfn nda gdpr dpa foi sar cctv mot mri
    ct ecg ekg ed er ae icu itu hdu gp gps uti copd cpr ppe dnr dnacpr adhd ocd ptsd asd
    sen send senco ehcp dsl dbs gcse gcses sats phd msc bsc mba ma ba llb nhs pals ucas ico
    cqc fca ofsted ofcom ofgem ofwat hse phso cad wfh pto aws gcp saas crm erp cms os ios
    pc pcs www pst bst gmt utc est cet ist p&l r&d q&a b&b t&c t&cs a&e dob lgbt lgbtq
    bame sim led lcd dvd bbq sos zip plz
""")
    | US_STATES
    | AU_STATES
)
