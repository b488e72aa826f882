"""The life domains and the two instruments Samenplan ships with. Texts are our own,
written in plain language (B1); a municipality changes or extends them in the admin.

The self-sufficiency instrument follows the 13 domains used in Dutch practice on five
levels; the health wheel follows the six dimensions of positive health on 0-10. No
licensed question text is copied.
"""

# code, name, name_en, resident_name, resident_name_en, description, description_en, theme
DOMAINS = [
    (
        "financien",
        "Financiën",
        "Finances",
        "Geldzaken",
        "Money",
        "Rondkomen, rekeningen betalen, schulden.",
        "Making ends meet, paying bills, debts.",
        "material",
    ),
    (
        "werk-opleiding",
        "Werk & opleiding",
        "Work & education",
        "Werk en school",
        "Work and school",
        "Betaald werk, vrijwilligerswerk of een opleiding.",
        "Paid work, volunteering or a course.",
        "work_leisure",
    ),
    (
        "tijdsbesteding",
        "Tijdsbesteding",
        "Use of time",
        "Mijn dag",
        "My day",
        "Hoe je je dagen vult en wat je graag doet.",
        "How you fill your days and what you like doing.",
        "work_leisure",
    ),
    (
        "huisvesting",
        "Huisvesting",
        "Housing",
        "Woning",
        "Home",
        "Een veilige plek om te wonen die je kunt betalen.",
        "A safe home you can afford.",
        "housing",
    ),
    (
        "huiselijke-relaties",
        "Huiselijke relaties",
        "Domestic relationships",
        "Thuis en gezin",
        "Home and family",
        "Hoe het gaat met de mensen met wie je samenwoont.",
        "How things are with the people you live with.",
        "wellbeing",
    ),
    (
        "geestelijke-gezondheid",
        "Geestelijke gezondheid",
        "Mental health",
        "Hoe ik me voel",
        "How I feel",
        "Stress, somberheid, angst, rust in je hoofd.",
        "Stress, low mood, anxiety, peace of mind.",
        "health",
    ),
    (
        "lichamelijke-gezondheid",
        "Lichamelijke gezondheid",
        "Physical health",
        "Mijn lichaam",
        "My body",
        "Ziekte, pijn, bewegen, slapen.",
        "Illness, pain, exercise, sleep.",
        "health",
    ),
    (
        "middelengebruik",
        "Middelengebruik",
        "Substance use",
        "Alcohol, drugs, gokken",
        "Alcohol, drugs, gambling",
        "Of alcohol, drugs, medicijnen of gokken je last geven.",
        "Whether alcohol, drugs, medicines or gambling cause you trouble.",
        "health",
    ),
    (
        "basale-adl",
        "Basale ADL",
        "Basic daily living",
        "Zelfzorg",
        "Self-care",
        "Wassen, aankleden, eten en drinken.",
        "Washing, dressing, eating and drinking.",
        "health",
    ),
    (
        "instrumentele-adl",
        "Instrumentele ADL",
        "Instrumental daily living",
        "Huishouden",
        "Household",
        "Boodschappen, koken, schoonmaken, post en afspraken.",
        "Shopping, cooking, cleaning, post and appointments.",
        "wellbeing",
    ),
    (
        "sociaal-netwerk",
        "Sociaal netwerk",
        "Social network",
        "Mensen om me heen",
        "People around me",
        "Familie, vrienden, buren: mensen op wie je kunt rekenen.",
        "Family, friends, neighbours: people you can count on.",
        "society",
    ),
    (
        "maatschappelijke-participatie",
        "Maatschappelijke participatie",
        "Social participation",
        "Meedoen",
        "Taking part",
        "Meedoen in de buurt, een club, de samenleving.",
        "Taking part in the neighbourhood, a club, society.",
        "society",
    ),
    (
        "justitie",
        "Justitie",
        "Justice",
        "Politie en rechter",
        "Police and courts",
        "Of je te maken hebt met politie, boetes of de rechter.",
        "Whether you deal with the police, fines or the courts.",
        "safety",
    ),
]

SELF_SUFFICIENCY = {
    "code": "zelfredzaamheid",
    "name": "Zelfredzaamheid",
    "name_en": "Self-sufficiency",
    "intro": "Hoe gaat het op elk gebied van je leven? Kies per vraag wat het beste past. "
    "Je mag een vraag overslaan. Er zijn geen goede of foute antwoorden.",
    "intro_en": "How is each area of your life going? For each question, choose what fits best. "
    "You may skip a question. There are no right or wrong answers.",
    "min_value": 1,
    "max_value": 5,
    "order": 1,
    # value, label, label_en, description, description_en
    "scale": [
        (
            1,
            "Het gaat echt niet",
            "It is really not working",
            "Er is nu een crisis. Er is meteen hulp nodig.",
            "There is a crisis now. Help is needed right away.",
        ),
        (
            2,
            "Het gaat slecht",
            "It is going badly",
            "Het lukt niet zonder hulp. Het kan snel erger worden.",
            "It does not work without help. It could quickly get worse.",
        ),
        (
            3,
            "Het gaat net",
            "It is just about working",
            "Het lukt soms, met moeite of met hulp.",
            "It works sometimes, with effort or with help.",
        ),
        (
            4,
            "Het gaat goed",
            "It is going well",
            "Het lukt meestal zelf, soms met een beetje hulp.",
            "Mostly on my own, sometimes with a little help.",
        ),
        (
            5,
            "Het gaat helemaal goed",
            "It is going very well",
            "Ik red me helemaal zelf.",
            "I manage completely on my own.",
        ),
    ],
    # item code = domain code; question, question_en, help, help_en
    "items": [
        (
            "financien",
            "Hoe gaat het met je geldzaken?",
            "How are your money matters going?",
            "Denk aan: genoeg geld om van te leven, rekeningen op tijd betalen, schulden.",
            "Think of: enough money to live on, paying bills on time, debts.",
        ),
        (
            "werk-opleiding",
            "Hoe gaat het met werk of school?",
            "How are work or school going?",
            "Denk aan: een baan, vrijwilligerswerk, een opleiding, werk zoeken.",
            "Think of: a job, volunteering, a course, looking for work.",
        ),
        (
            "tijdsbesteding",
            "Hoe vul je je dagen?",
            "How do you fill your days?",
            "Denk aan: dingen doen die je leuk vindt, een vast ritme.",
            "Think of: doing things you enjoy, a regular rhythm.",
        ),
        (
            "huisvesting",
            "Hoe gaat het met je woning?",
            "How is your home?",
            "Denk aan: een vaste plek, veilig wonen, de huur kunnen betalen.",
            "Think of: a fixed place, living safely, being able to pay the rent.",
        ),
        (
            "huiselijke-relaties",
            "Hoe gaat het thuis, met de mensen met wie je woont?",
            "How are things at home, with the people you live with?",
            "Denk aan: ruzie, zorgen om elkaar, je veilig voelen thuis.",
            "Think of: arguments, worrying about each other, feeling safe at home.",
        ),
        (
            "geestelijke-gezondheid",
            "Hoe voel je je?",
            "How do you feel?",
            "Denk aan: stress, somber of angstig zijn, goed kunnen slapen.",
            "Think of: stress, feeling low or anxious, sleeping well.",
        ),
        (
            "lichamelijke-gezondheid",
            "Hoe gaat het met je lichaam?",
            "How is your body?",
            "Denk aan: ziek zijn, pijn, fit voelen, bewegen.",
            "Think of: being ill, pain, feeling fit, exercise.",
        ),
        (
            "middelengebruik",
            "Geven alcohol, drugs, medicijnen of gokken je last?",
            "Do alcohol, drugs, medicines or gambling cause you trouble?",
            "Denk aan: ruzie, geldzorgen of je slecht voelen door alcohol, drugs, medicijnen of gokken.",
            "Think of: arguments, money worries or feeling bad because of alcohol, drugs, medicines or gambling.",
        ),
        (
            "basale-adl",
            "Hoe gaat het met voor jezelf zorgen?",
            "How is taking care of yourself going?",
            "Denk aan: wassen, aankleden, eten en drinken.",
            "Think of: washing, dressing, eating and drinking.",
        ),
        (
            "instrumentele-adl",
            "Hoe gaat het met je huishouden?",
            "How is your household going?",
            "Denk aan: boodschappen, koken, schoonmaken, post openen, afspraken.",
            "Think of: shopping, cooking, cleaning, opening post, appointments.",
        ),
        (
            "sociaal-netwerk",
            "Heb je mensen om je heen op wie je kunt rekenen?",
            "Do you have people around you who you can count on?",
            "Denk aan: familie, vrienden, buren.",
            "Think of: family, friends, neighbours.",
        ),
        (
            "maatschappelijke-participatie",
            "Hoe gaat het met meedoen in de buurt of de samenleving?",
            "How is taking part in your neighbourhood or in society going?",
            "Denk aan: een club, een buurthuis, vrijwilligerswerk, kerk of moskee.",
            "Think of: a club, a community centre, volunteering, church or mosque.",
        ),
        (
            "justitie",
            "Heb je te maken met politie, boetes of de rechter?",
            "Do you deal with the police, fines or the courts?",
            "Denk aan: een boete die je nog moet betalen, een rechtszaak, een reclasseringswerker.",
            "Think of: a fine you still have to pay, a court case, a probation officer.",
        ),
    ],
}

# Questions residents answer with yes or no (item code: score for yes, score for no). The
# others ask "how" and are answered on the scale. A professional still scores these on the
# scale: how serious it is, the resident does not have to judge.
YES_NO = {
    "middelengebruik": (2, 5),
    "sociaal-netwerk": (4, 2),
    "justitie": (3, 5),
}

HEALTH_WHEEL = {
    "code": "gezondheidsweb",
    "name": "Gezondheidsweb",
    "name_en": "Health wheel",
    "intro": "Hoe gaat het met je, op zes delen van je gezondheid? Geef elk deel een cijfer van 0 (heel slecht) "
    "tot 10 (heel goed). Het gaat om hoe jij het zelf ziet.",
    "intro_en": "How are you, on six parts of your health? Give each part a mark from 0 (very bad) "
    "to 10 (very good). It is about how you see it yourself.",
    "min_value": 0,
    "max_value": 10,
    "order": 2,
    "scale": [
        (0, "heel slecht", "very bad", "", ""),
        (5, "gaat wel", "so-so", "", ""),
        (10, "heel goed", "very good", "", ""),
    ],
    # code, domain code or None, name, name_en, resident_name, resident_name_en, question, question_en,
    # help, help_en
    "items": [
        (
            "lichaamsfuncties",
            "lichamelijke-gezondheid",
            "Lichaamsfuncties",
            "Bodily functions",
            "Mijn lichaam",
            "My body",
            "Hoe gaat het met je lichaam?",
            "How is your body?",
            "Denk aan: fit zijn, slapen, eten, pijn.",
            "Think of: being fit, sleeping, eating, pain.",
        ),
        (
            "mentaal-welbevinden",
            "geestelijke-gezondheid",
            "Mentaal welbevinden",
            "Mental well-being",
            "Hoe ik me voel",
            "How I feel",
            "Hoe voel je je vanbinnen?",
            "How do you feel inside?",
            "Denk aan: vrolijk of somber zijn, dingen onthouden, je grenzen kennen.",
            "Think of: being cheerful or low, remembering things, knowing your limits.",
        ),
        (
            "zingeving",
            None,
            "Zingeving",
            "Meaning",
            "Zin in mijn leven",
            "Meaning in my life",
            "Hoeveel zin heb je in het leven?",
            "How much do you look forward to life?",
            "Denk aan: doelen hebben, je nuttig voelen, vertrouwen in de toekomst.",
            "Think of: having goals, feeling useful, trust in the future.",
        ),
        (
            "kwaliteit-van-leven",
            None,
            "Kwaliteit van leven",
            "Quality of life",
            "Genieten",
            "Enjoying life",
            "Hoeveel geniet je van je leven?",
            "How much do you enjoy your life?",
            "Denk aan: gelukkig zijn, je prettig voelen, rondkomen.",
            "Think of: being happy, feeling good, making ends meet.",
        ),
        (
            "meedoen",
            "maatschappelijke-participatie",
            "Meedoen",
            "Participation",
            "Meedoen",
            "Taking part",
            "Hoeveel doe je mee met anderen?",
            "How much do you take part with others?",
            "Denk aan: contact met mensen, erbij horen, dingen samen doen.",
            "Think of: contact with people, belonging, doing things together.",
        ),
        (
            "dagelijks-functioneren",
            "instrumentele-adl",
            "Dagelijks functioneren",
            "Daily functioning",
            "Mijn dagelijks leven",
            "My daily life",
            "Hoe goed lukt je dagelijks leven?",
            "How well does daily life go?",
            "Denk aan: voor jezelf zorgen, werken, geld regelen, hulp vragen.",
            "Think of: looking after yourself, working, managing money, asking for help.",
        ),
    ],
}


def load(apps) -> None:
    """Create or update the shipped reference data (safe to run again)."""
    LifeDomain = apps.get_model("measuring", "LifeDomain")
    Instrument = apps.get_model("measuring", "Instrument")
    InstrumentItem = apps.get_model("measuring", "InstrumentItem")
    ScaleLabel = apps.get_model("measuring", "ScaleLabel")

    domains = {}
    for order, (code, name, name_en, rname, rname_en, desc, desc_en, theme) in enumerate(DOMAINS, start=1):
        domains[code], _ = LifeDomain.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "resident_name": rname,
                "resident_name_en": rname_en,
                "description": desc,
                "description_en": desc_en,
                "theme": theme,
                "order": order,
            },
        )

    def instrument(spec):
        obj, _ = Instrument.objects.update_or_create(
            code=spec["code"],
            defaults={
                key: spec[key] for key in ("name", "name_en", "intro", "intro_en", "min_value", "max_value", "order")
            },
        )
        for value, label, label_en, desc, desc_en in spec["scale"]:
            ScaleLabel.objects.update_or_create(
                instrument=obj,
                value=value,
                defaults={"label": label, "label_en": label_en, "description": desc, "description_en": desc_en},
            )
        return obj

    # The data migration that first loads this runs before the answer kind existed.
    knows_kinds = any(field.name == "answer_kind" for field in InstrumentItem._meta.get_fields())
    self_sufficiency = instrument(SELF_SUFFICIENCY)
    for order, (code, question, question_en, help_, help_en) in enumerate(SELF_SUFFICIENCY["items"], start=1):
        domain = domains[code]
        kind = {}
        if knows_kinds and code in YES_NO:
            kind = {"answer_kind": "yes_no", "yes_value": YES_NO[code][0], "no_value": YES_NO[code][1]}
        InstrumentItem.objects.update_or_create(
            instrument=self_sufficiency,
            code=code,
            defaults={
                "domain": domain,
                "name": domain.name,
                "name_en": domain.name_en,
                "resident_name": domain.resident_name,
                "resident_name_en": domain.resident_name_en,
                "question": question,
                "question_en": question_en,
                "help": help_,
                "help_en": help_en,
                "order": order,
            }
            | kind,
        )

    wheel = instrument(HEALTH_WHEEL)
    for order, row in enumerate(HEALTH_WHEEL["items"], start=1):
        code, domain_code, name, name_en, rname, rname_en, question, question_en, help_, help_en = row
        InstrumentItem.objects.update_or_create(
            instrument=wheel,
            code=code,
            defaults={
                "domain": domains[domain_code] if domain_code else None,
                "name": name,
                "name_en": name_en,
                "resident_name": rname,
                "resident_name_en": rname_en,
                "question": question,
                "question_en": question_en,
                "help": help_,
                "help_en": help_en,
                "order": order,
            },
        )
