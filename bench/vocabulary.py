"""The words of the benchmark archive: entities, places, tags, titles and section text.

Deterministic for a given `random.Random`. Titles and summaries hold only letters,
digits, spaces, colons, commas, full stops and hyphens, so that they read the same
escaped for HTML and `bench/archive` can swap one for another in a stored article.
"""

import random

from benchlib import COMMON_WORD, codename

PLACES = [
    "Peshawar", "Quetta", "Karachi", "Kabul", "Kandahar", "Jalalabad", "Bajaur",
    "North Waziristan", "South Waziristan", "Khyber", "Kurram", "Dera Ismail Khan",
    "Bannu", "Lakki Marwat", "Swat", "Chitral", "Gwadar", "Turbat", "Panjgur", "Kunar",
    "Nangarhar", "Kunduz", "Herat", "Mazar-i-Sharif", "Islamabad", "Lahore", "Rawalpindi",
    "Zhob", "Mastung", "Chaman", "Torkham", "Tank", "Khost", "Paktika", "Helmand",
    "Badakhshan", "Takhar", "Ghazni", "Logar", "Parwan",
]  # fmt: skip
COUNTRY_SETS = [["PK"], ["AF"], ["PK", "AF"], ["PK", "AF", "IR"], ["PK", "IN"], ["AF", "TJ"],
                ["PK", "CN"], ["AF", "UZ"]]  # fmt: skip
COUNTRY_WEIGHTS = [40, 25, 20, 3, 5, 3, 3, 1]
COUNTRY_NAMES = {"PK": "Pakistan", "AF": "Afghanistan", "IR": "Iran", "IN": "India",
                 "TJ": "Tajikistan", "CN": "China", "UZ": "Uzbekistan"}  # fmt: skip

# (name, abbreviation, kind)
ORGANISATIONS = [
    ("Tehrik-i-Taliban Pakistan", "TTP", "militant"),
    ("Islamic State Khorasan Province", "IS-K", "militant"),
    ("Afghan Taliban", "", "militant"),
    ("Haqqani Network", "", "militant"),
    ("Baloch Liberation Army", "BLA", "militant"),
    ("Balochistan Liberation Front", "BLF", "militant"),
    ("Lashkar-e-Jhangvi", "LeJ", "militant"),
    ("Jamaat-ul-Ahrar", "JuA", "militant"),
    ("Lashkar-e-Taiba", "LeT", "militant"),
    ("Jaish-e-Mohammed", "JeM", "militant"),
    ("Al-Qaeda in the Indian Subcontinent", "AQIS", "militant"),
    ("Islamic Movement of Uzbekistan", "IMU", "militant"),
    ("East Turkestan Islamic Movement", "ETIM", "militant"),
    ("Hafiz Gul Bahadur Group", "HGB", "militant"),
    ("Tehreek-e-Jihad Pakistan", "TJP", "militant"),
    ("National Resistance Front", "NRF", "militant"),
    ("Government of Pakistan", "", "government"),
    ("Pakistan Army", "", "government"),
    ("Inter-Services Intelligence", "ISI", "intelligence"),
    ("Counter Terrorism Department", "CTD", "government"),
    ("Frontier Corps", "FC", "government"),
    ("Taliban Administration", "", "government"),
    ("Taliban Ministry of Defence", "", "government"),
    ("Taliban Ministry of Interior", "", "government"),
    ("General Directorate of Intelligence", "GDI", "intelligence"),
    ("Pakistan Ministry of Foreign Affairs", "MOFA", "government"),
    ("United Nations Security Council", "UNSC", "international"),
    ("United Nations Assistance Mission in Afghanistan", "UNAMA", "international"),
    ("Shanghai Cooperation Organisation", "SCO", "international"),
    ("Financial Action Task Force", "FATF", "international"),
    ("Dawn", "", "media"),
    ("The Express Tribune", "", "media"),
    ("Umar Media", "", "media"),
    ("Al-Azaim Foundation", "", "media"),
]
_ORG_PREFIX = ["Mujahideen", "Islamic", "Revolutionary", "Liberation", "Defence", "People",
               "Tribal", "Popular", "Student", "Border", "Provincial", "National"]  # fmt: skip
_ORG_NOUN = ["Front", "Movement", "Council", "Brigade", "Army", "Alliance", "Network",
             "Committee", "Party", "Shura", "Group", "Battalion"]  # fmt: skip

FIRST = ["Abdul", "Muhammad", "Ahmad", "Noor", "Sirajuddin", "Amir", "Khalid", "Zahid",
         "Imran", "Asad", "Bilal", "Hamid", "Faisal", "Tariq", "Nadeem", "Sher", "Gul",
         "Mullah", "Qari", "Maulana", "Ayesha", "Fatima", "Sana", "Rahim", "Karim", "Yusuf",
         "Ismail", "Omar", "Hafiz", "Mufti", "Usman", "Wali", "Haji", "Saifullah", "Javed",
         "Shahid", "Naeem", "Akhtar", "Latif", "Mehmood"]  # fmt: skip
LAST = ["Mehsud", "Haqqani", "Khan", "Baradar", "Muttaqi", "Yousafzai", "Afridi", "Wazir",
        "Baloch", "Marri", "Bugti", "Durrani", "Achakzai", "Kakar", "Shinwari", "Mohmand",
        "Orakzai", "Bangash", "Khattak", "Tareen", "Qureshi", "Sharif", "Malik", "Chaudhry",
        "Bhatti", "Rana", "Zardari", "Jatoi", "Lodhi", "Niazi", "Mujahid", "Zabihullah",
        "Akhund", "Popalzai", "Barakzai", "Alizai", "Noorzai", "Ghilzai", "Safi",
        "Mangal"]  # fmt: skip
ROLE_TITLES = ["Spokesperson", "Commander", "Emir", "Deputy leader", "Minister",
               "Director General", "Governor", "Chief of staff", "Ambassador",
               "Senator"]  # fmt: skip

# Tags with how often they are used. "Pakistan" is given to 40% of briefs apart
# from these weights (bench/archive); the rest are drawn by weight.
POPULAR = "Pakistan"
TAGS = [("Afghanistan", 25), ("TTP", 15), ("Counter-terrorism", 12), ("Islamic State", 10),
        ("Balochistan", 8), ("Khyber Pakhtunkhwa", 8), ("Taliban", 7), ("Diplomacy", 5),
        ("Border", 5), ("Ceasefire", 3), ("Elections", 3), ("Sectarian violence", 3),
        ("Economy", 2), ("China", 2), ("India", 2), ("Iran", 1.5), ("Kashmir", 1.5),
        ("Drones", 1), ("Refugees", 1), ("Cyber", 0.5), ("Women", 0.5), ("Media", 0.5),
        ("Prisons", 0.3), ("Financing", 0.3)]  # fmt: skip

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip

TITLES = [
    "Attack in {place}: {org} and Operation {code}",
    "{org} in {place}: what Operation {code} changes",
    "Operation {code}: security forces move against {org} in {place}",
    "Ceasefire under strain in {place} after Operation {code}",
    "{actor} in {place} as Operation {code} begins",
    "Talks in {place} stall over {org}, Operation {code} looms",
    "{org} claims Operation {code} near {place}",
    "After Operation {code}, {place} counts the cost",
    "Border closures at {place} and the {org} question: Operation {code}",
    "Operation {code} and the limits of the {org} strategy",
]
SUMMARIES = [
    "{org} stepped up its campaign around {place}. The operation, known as {code}, shows "
    "how far the group can still reach and why the state response matters.",
    "Officials in {place} describe Operation {code} as a turning point. {actor} and {org} "
    "tell a different story, and the next weeks will show who is right.",
    "A brief on Operation {code} near {place}: what happened, who is behind it, and what it "
    "means for the region.",
    "Operation {code} put {place} back in the headlines. The attack, the response of the "
    "authorities and the role of {org}, assessed.",
]

WHAT_HAPPENED = [
    "On {day} {month} {year}, {org} claimed responsibility for an attack in {place} that "
    "killed {n} people and injured {m} more.",
    "Local officials said the assailants had targeted a checkpoint on the main road into "
    "{place} shortly after dawn, when the shift was changing.",
    "{actor} told reporters that the government would not allow {org} to dictate terms to "
    "the state and promised a firm response.",
    "The statement, released through the usual channels of {org}, named the commander who "
    "had planned the operation and warned of further attacks.",
    "Security forces sealed off the area and began a search operation that lasted well "
    "into the night, according to residents.",
    "Witnesses described hearing several explosions followed by sustained gunfire that "
    "went on for more than an hour.",
    "A spokesperson for {org2} denied any involvement and condemned the violence, calling "
    "it an attempt to sabotage the talks.",
    "The attack came days after talks between {org} and representatives of {org2} broke "
    "down in {place2} without an agreement.",
    "Provincial authorities announced compensation for the families of the victims and "
    "ordered an inquiry into the failures that allowed the attack.",
    "Hospitals in {place} declared an emergency and appealed for blood donations as the "
    "wounded were brought in from the surrounding districts.",
    "Traffic through {place2} was suspended for two days, stranding hundreds of lorries "
    "loaded with fruit, cement and fuel on both sides of the crossing.",
    "{actor2} later said that the attackers had crossed from the other side of the border "
    "and that their handlers were known to the authorities.",
    "Police registered a case under the anti-terrorism law and said that {n} suspects had "
    "been detained for questioning in raids across the district.",
    "In a video released the next morning, a masked speaker read out a list of demands "
    "addressed to the federal and provincial governments.",
]
BACKGROUND = [
    "{org} has been active in the region since at least {year0}, when it emerged from a "
    "split within {org2} over strategy and leadership.",
    "Over the past decade the group has shifted from large assaults on cities to targeted "
    "killings, ambushes and improvised explosive devices in rural districts.",
    "Analysts have long pointed to the porous border and the weak reach of the state in "
    "the districts around {place}, where tribal elders still settle most disputes.",
    "{actor} has repeatedly accused neighbouring governments of giving sanctuary to "
    "militants and of ignoring requests to hand over wanted commanders.",
    "A ceasefire agreed in {year1} collapsed within months amid mutual accusations of bad "
    "faith and a string of attacks on police stations.",
    "The economy of {place} depends heavily on trade across the border, which is often "
    "suspended after attacks and reopened only after long negotiations.",
    "Earlier military operations displaced tens of thousands of families, many of whom "
    "returned to find their homes and markets destroyed.",
    "The relationship between {org} and {org2} has swung between cooperation and open "
    "rivalry, depending on money, territory and the fortunes of their leaders.",
    "Successive governments have alternated between negotiation and force, without a "
    "policy that outlasted the officials who designed it.",
    "Reports by the United Nations monitoring team have described the group as one of the "
    "largest of its kind in the region, with several thousand fighters.",
    "Its propaganda has grown more sophisticated, with a weekly magazine, short videos and "
    "statements in Urdu, Pashto, Dari and English.",
    "The killing of senior commanders in drone strikes weakened the group for a time, but "
    "a younger generation of leaders has since taken their place.",
]
ASSESSMENT_FIRST = (
    "The attack underlines how fragile the " + COMMON_WORD + " situation remains in {place} "
    "despite repeated military operations and promises of development."
)
ASSESSMENT = [
    "{org} is likely to exploit the political uncertainty to expand its recruitment among "
    "young men with few other prospects.",
    "Without a credible political settlement, further violence over the coming months is "
    "probable, particularly in the districts along the border.",
    "Pressure on {org2} to act against militants on its territory will grow, but its "
    "capacity and its willingness to do so remain doubtful.",
    "The response of the government will test the cohesion of the ruling coalition, whose "
    "partners disagree on whether to talk or to fight.",
    "Observers should watch for retaliatory strikes, for signs of a renewed offensive, and "
    "for any change in the tone of official statements.",
    "A lasting improvement would require investment in policing and courts rather than "
    "another round of large operations that displace civilians.",
    "The episode also shows the limits of intelligence cooperation between the two "
    "capitals, which remains hostage to wider political disputes.",
    "If the group succeeds in holding ground near {place}, it will gain revenue from "
    "extortion and smuggling that would sustain its campaign.",
    "International partners are unlikely to offer more than statements, given their other "
    "priorities and their limited leverage over the actors involved.",
    "The most likely outcome is a return to low-level violence punctuated by occasional "
    "high-profile attacks, rather than a decisive change.",
]


def organisations(total: int, rng: random.Random) -> list[tuple[str, str, str]]:
    """`total` organisations: the named ones, then made-up ones with unique names."""
    result = list(ORGANISATIONS)
    seen = {name for name, _, _ in result}
    while len(result) < total:
        name = f"{rng.choice(_ORG_PREFIX)} {rng.choice(_ORG_NOUN)} of {rng.choice(PLACES)}"
        if name not in seen:
            seen.add(name)
            result.append((name, "", rng.choice(["militant", "militant", "government", "other"])))
    return result


def people(total: int, rng: random.Random) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < total:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in seen:
            name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(LAST)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def title_and_summary(ordinal: int, rng: random.Random, *, org: str, actor: str) -> tuple:
    code = codename(ordinal)
    slots = {"org": org, "actor": actor, "place": rng.choice(PLACES), "code": code}
    return rng.choice(TITLES).format(**slots), rng.choice(SUMMARIES).format(**slots)


def sections(rng: random.Random, *, year: int, orgs: list[str], actors: list[str]) -> list:
    """The three standard sections, 600 words or more in all, as (heading, markdown)."""
    orgs = orgs or ["the group"]
    actors = actors or ["A senior official"]

    def slots():
        return {
            "org": rng.choice(orgs),
            "org2": rng.choice(orgs[1:] or ["the authorities"]),
            "actor": rng.choice(actors),
            "actor2": rng.choice(actors),
            "place": rng.choice(PLACES),
            "place2": rng.choice(PLACES),
            "day": rng.randint(1, 28),
            "month": rng.choice(MONTHS),
            "year": year,
            "year0": year - rng.randint(5, 15),
            "year1": year - rng.randint(1, 4),
            "n": rng.randint(2, 40),
            "m": rng.randint(3, 90),
        }

    def body(templates, count, first=None):
        chosen = ([first] if first else []) + rng.sample(templates, min(count, len(templates)))
        while len(chosen) < count + (1 if first else 0):
            chosen.append(rng.choice(templates))
        sentences = [t.format(**slots()) for t in chosen]
        paragraphs, i = [], 0
        while i < len(sentences):
            size = rng.randint(3, 5)
            paragraphs.append(" ".join(sentences[i : i + size]))
            i += size
        return "\n\n".join(paragraphs)

    while True:
        result = [
            ("What happened?", body(WHAT_HAPPENED, rng.randint(11, 14))),
            ("Background", body(BACKGROUND, rng.randint(11, 12))),
            ("Assessment", body(ASSESSMENT, rng.randint(9, 10), first=ASSESSMENT_FIRST)),
        ]
        if sum(len(text.split()) for _, text in result) >= 600:
            return result
