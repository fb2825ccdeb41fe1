"""Places: regions, localities, parts of the country, and which part a place is put in.

Every sentence here is copied from a real report (the Mali 2020 excerpt and Mali 2019
reports, and the 2019 reports of Nigeria, Burkina Faso, Afghanistan, Cameroon and Mexico),
so the tests run without /work/shared.
"""
from __future__ import annotations

from itertools import pairwise

import pytest

from reportcheck.extract.gazetteer import country_names, regions
from reportcheck.extract.places import compatible_parts, find_places, normalize_part, place_key


def places(text: str, cc: str | None = "ML") -> list:
    found = find_places(text, cc)
    for m in found:
        assert text[m.start : m.end] == m.name
    starts = [m.start for m in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in pairwise(found)), "mentions overlap"
    return found


def by_name(found: list) -> dict:
    out: dict = {}
    for m in found:
        out.setdefault(m.name, m)
    return out


def summary(found: list) -> list[tuple]:
    return [(m.name, m.level, m.region, m.part) for m in found]


def part_phrase(text: str, m) -> str:
    return text[m.part_start : m.part_end]


# ---------------------------------------------------------------------------------------
# Gazetteer and keys


def test_place_key_folds_accents_and_drops_generic_words():
    assert place_key("Ségou") == "segou"
    assert place_key("Ségou Region") == "segou"
    assert place_key("N’Doukala") == "ndoukala"
    assert place_key("Centre-Nord") == "centre nord"
    assert place_key("Dnipropetrovska oblast") == "dnipropetrovska"
    assert place_key("Region") == "region"  # nothing left: kept


def test_regions_of_mali_are_the_iso_first_level_with_exonyms():
    ml = regions("ML")
    assert {"segou", "mopti", "gao", "kidal", "kayes", "tombouctou", "bamako", "menaka", "taoudenit"} <= set(ml)
    assert ml["tombouctou"].code == "ML-6"
    forms = {f for f, _ in ml["tombouctou"].forms}
    assert {"Tombouctou", "Timbuktu"} <= forms  # alias from rules/places.yml
    assert regions("ml") is regions("ML") or regions("ml") == regions("ML")
    assert regions("XX") == {} and regions("") == {}


def test_regions_keep_only_the_top_level():
    bf = regions("BF")  # 13 regions; the 45 provinces have a parent
    assert len(bf) == 13
    assert "sahel" in bf and "soum" not in bf


def test_compass_and_country_names_need_a_suffix():
    cm = dict(regions("CM")["north"].forms)
    assert cm["North"] is True
    ng = dict(regions("NG")["niger"].forms)
    assert ng["Niger"] is True
    assert dict(regions("NG")["borno"].forms)["Borno"] is False


def test_country_names():
    assert "Mali" in country_names("ML")
    assert "Burma" in country_names("MM")


def test_compatible_parts():
    assert compatible_parts("north", "northeast")
    assert compatible_parts("northeast", "north")
    assert compatible_parts("north", "north")
    assert not compatible_parts("north", "center")
    assert not compatible_parts("west", "center")
    assert not compatible_parts("north", "south")
    assert not compatible_parts("northeast", "northwest")
    assert compatible_parts("center", "central")
    assert compatible_parts("centre", "Central")
    assert compatible_parts("southwest", "south-western")
    assert normalize_part("North-East") == "northeast"
    assert normalize_part("mopti") is None


# ---------------------------------------------------------------------------------------
# Regions


def test_regions_as_written():
    text = (
        "Intercommunal violence related to disputes regarding transhumance (seasonal migration) cattle grazing "
        "occurred among Dogon, Bambara, and Fulani communities in the Mopti Region, between Bambara and Fulani in "
        "the Segou Region, and between various Tuareg and Arab groups in the regions of Gao, Timbuktu, and Kidal "
        "(see section 6)."
    )
    found = places(text)
    assert summary(found) == [
        ("Mopti", "region", "mopti", None),
        ("Segou", "region", "segou", None),
        ("Gao", "region", "gao", None),
        ("Timbuktu", "region", "tombouctou", None),
        ("Kidal", "region", "kidal", None),
    ]
    assert by_name(found)["Timbuktu"].key == "tombouctou"


def test_accents_are_optional():
    # the sentence as the report has it, and with the ISO spelling of the region
    text = "Ethnic Fulani in the central Mopti and Segou Regions reported abuses by government security forces."
    for variant in (text, text.replace("Segou", "Ségou")):
        found = by_name(places(variant))
        name = "Ségou" if "Ségou" in variant else "Segou"
        assert found[name].key == "segou" and found[name].level == "region"


def test_bamako_commune_is_the_region_bamako():
    text = (
        "Following the intervention of the CNDH, Dembele was eventually presented to the Bamako Commune I "
        "prosecutor who charged him with using the press to incite the disobedience of the security forces."
    )
    assert summary(places(text)) == [("Bamako", "region", "bamako", None)]


def test_no_place_in_names_of_movements_or_people():
    text = (
        "Amnesty International reported that those who buried him stated, “On his corpse you could see traces of "
        "ill treatment.” Leaders of the opposition movement the June 5 Movement-Rally of Patriotic Forces "
        "(M5-RFP), arrested in the wake of the violent July 10-12 protests, claimed they were tortured or "
        "mistreated by the gendarmerie at the Gendarmerie Camp I detention facility in Bamako."
    )
    assert summary(places(text)) == [("Bamako", "region", "bamako", None)]
    text = ("On March 25, Cisse was captured while campaigning for legislative elections in the Timbuktu Region, "
            "reportedly by the MLF, a JNIM affiliate.")
    assert summary(places(text)) == [("Timbuktu", "region", "tombouctou", None)]
    # Mexico 2019: a person's name after "in"
    text = (
        "The video contradicted findings from two separate investigations by the CNDH and the Attorney "
        "General’s Office that determined no evidence of torture existed in Canto’s case."
    )
    assert places(text, "MX") == []


def test_foreign_countries_are_not_returned():
    # Decision: a foreign country is neither a region nor a locality of the report's country
    # and is not returned at all (no "country" level).
    text = (
        "Edith Blais of Canada and Luca Tacchetto of Italy, abducted in Burkina Faso in 2018, escaped terrorist "
        "custody, according to a UN spokesperson on March 13."
    )
    assert places(text) == []


# ---------------------------------------------------------------------------------------
# Localities and the region the text attaches them to


def test_locality_with_region_after_a_comma():
    text = ("On March 19, in a non-IED-related attack, armed individuals attacked a military camp in Tarkint, Gao "
            "Region, killing at least 29 soldiers and wounding five others.")
    assert summary(places(text)) == [("Tarkint", "locality", "gao", None), ("Gao", "region", "gao", None)]
    text = ("On May 10, a Chadian MINUSMA peacekeeping convoy struck an IED in Aguelhoc, Kidal Region, killing at "
            "least three peacekeepers and wounding four others.")
    assert summary(places(text)) == [("Aguelhoc", "locality", "kidal", None), ("Kidal", "region", "kidal", None)]


def test_route_to_a_locality_in_a_region():
    text = ("For example, on June 7, a civilian transport truck traveling from Jamweli to Douentza, Mopti Region, "
            "struck an IED, killing seven persons and injuring at least 24.")
    assert summary(places(text)) == [
        ("Jamweli", "locality", None, None),
        ("Douentza", "locality", "mopti", None),
        ("Mopti", "region", "mopti", None),
    ]


def test_cue_words():
    text = ("He was allegedly arrested and detained at the military camp in Diabaly where he was reportedly treated "
            "poorly.")
    assert summary(places(text)) == [("Diabaly", "locality", None, None)]
    text = (
        "According to the HRPD first quarterly report, on February 16, a total of 19 individuals suspected of "
        "terrorist activities were allegedly arrested by FAMa soldiers in the Circle of Niono, Segou Region."
    )
    assert summary(places(text)) == [("Niono", "locality", "segou", None), ("Segou", "region", "segou", None)]
    text = (
        "According to MINUSMA, on June 5, a military convoy of approximately 30 vehicles entered the village of "
        "Binedama in Mopti, allegedly accompanied by a group of traditional Dozo hunters, and indiscriminately "
        "opened fire on the villagers, killing 37 (including three women and children)."
    )
    assert summary(places(text)) == [("Binedama", "locality", "mopti", None), ("Mopti", "region", "mopti", None)]
    text = ("In addition despite government negotiations that allowed for the return of 213 families to Kerouane in "
            "Kayes Region, villagers prevented the families from accessing basic needs.")
    assert summary(places(text)) == [("Kerouane", "locality", "kayes", None), ("Kayes", "region", "kayes", None)]


def test_lists_of_localities_take_the_region_through_a_chain():
    text = (
        "Amnesty International reported that on July 1, unidentified armed individuals in a convoy of at least 60 "
        "motorbikes and armed vehicles killed community, civil society, and religious leaders as they attacked the "
        "villages of Panga Dougou, Djimdo, Gouari, and Dialakanda in the communes of Tori and Diallassagou in the "
        "Bankass Circle of Mopti Region."
    )
    assert summary(places(text)) == [
        ("Panga Dougou", "locality", "mopti", None),
        ("Djimdo", "locality", "mopti", None),
        ("Gouari", "locality", "mopti", None),
        ("Dialakanda", "locality", "mopti", None),
        ("Tori", "locality", "mopti", None),
        ("Diallassagou", "locality", "mopti", None),
        ("Bankass", "locality", "mopti", None),
        ("Mopti", "region", "mopti", None),
    ]
    text = (
        "In another example, over the course of several hours on July 1, unidentified gunmen attacked the Dogon "
        "villages of Panga Dougou, Djimdo, Gouari, and Dialakanda, in the circle of Bankass, Mopti region, "
        "killing at least 32 civilians and wounding several others, and burning and looting several houses."
    )
    found = places(text)
    assert [m.name for m in found] == ["Panga Dougou", "Djimdo", "Gouari", "Dialakanda", "Bankass", "Mopti"]
    assert {m.region for m in found} == {"mopti"}
    assert found[0].level == "locality" and found[-1].level == "region"


def test_locality_attached_to_a_circle_without_region():
    text = (
        "In September human rights organizations reported that four persons in Diandioume, circle of Nioro du "
        "Sahel, were bound, beaten, and drowned for refusing the practice of hereditary slavery."
    )
    assert summary(places(text)) == [("Diandioume", "locality", None, None), ("Nioro du Sahel", "locality", None, None)]
    text = (
        "Regarding the attack in Massabougou, the report stated, “On June 6, around 11 a.m., FAMa elements in "
        "several military vehicles raided the village of Massabougou (Dogofry Commune, Niono Circle) during which "
        "they searched houses and arrested nine villagers whom they summarily executed near the village cemetery."
    )
    # "the attack in Massabougou, the report ...": no cue, no attachment: not taken
    assert summary(places(text)) == [
        ("Massabougou", "locality", None, None),
        ("Dogofry", "locality", None, None),
        ("Niono", "locality", None, None),
    ]


def test_relative_position_is_not_a_part_of_the_country():
    text = (
        "According to credible sources, the raid was carried out by FAMa elements sent on patrol following an "
        "armed attack on a military post in the village of Sarakala (located 20 miles northeast of the city of "
        "Segou) by unidentified armed elements at approximately 3 a.m."
    )
    found = places(text)
    assert [(m.name, m.level) for m in found] == [("Sarakala", "locality"), ("Segou", "locality")]
    assert all(m.part is None for m in found)
    text = (
        "A nine-billion-CFA ($16.5 million) construction project for a new prison in Kenieroba, 30 miles south "
        "of Bamako, was ongoing."
    )
    assert summary(places(text)) == [("Bamako", "region", "bamako", None)]


def test_people_after_in_are_not_places():
    text = (
        "According to two reports of the UN secretary-general to the Security Council covering the first five "
        "months of the year, the United Nations documented 164 cases of recruitment and use of child soldiers, "
        "which included 127 by signatory armed groups in the North, 21 by the MDSF, 14 by Katiba Macina in Segou "
        "and Mopti, and two by Dan Na Ambassagou in Mopti."
    )
    assert summary(places(text)) == [
        ("North", "part", None, "north"),
        ("Segou", "region", "segou", None),
        ("Mopti", "region", "mopti", None),
        ("Mopti", "region", "mopti", None),
    ]


# ---------------------------------------------------------------------------------------
# Parts of the country and placements


def test_city_in_the_central_part_of_the_country():
    text = (
        "On May 11, in the city of Kayes in the central part of the country, an off-duty police officer allegedly "
        "shot and killed a teenager for a traffic infraction, prompting protests during the ensuing days that left "
        "at least two more persons dead."
    )
    found = places(text)
    assert summary(found) == [("Kayes", "locality", None, "center"),
                              ("central part of the country", "part", None, "center")]
    assert found[0].key == "kayes"  # the same key as the region: a check can compare them
    assert part_phrase(text, found[0]) == "central part of the country"


def test_beyond_the_northern_regions_is_not_a_placement():
    text = (
        "Attacks by extremist groups and criminal elements continued to reach beyond the northern regions to the "
        "Mopti and Segou Regions in the central part of the country, and to the Kayes Region in the West."
    )
    found = places(text)
    assert summary(found) == [
        ("northern regions", "part", None, "north"),
        ("Mopti", "region", "mopti", "center"),
        ("Segou", "region", "segou", "center"),
        ("central part of the country", "part", None, "center"),
        ("Kayes", "region", "kayes", "west"),
        ("West", "part", None, "west"),
    ]
    f = by_name(found)
    assert part_phrase(text, f["Mopti"]) == "central part of the country"
    assert part_phrase(text, f["Kayes"]) == "West"
    # Mali 2019, the same statement
    text = (
        "Attacks by bandits and Islamist extremist groups continued to reach beyond the traditional conflict zone "
        "in the North to the Mopti and Segou regions in the central part of the country."
    )
    f = by_name(places(text))
    assert f["North"].level == "part" and f["Mopti"].part == "center" and f["Segou"].part == "center"


def test_placements_in_the_north():
    text = ("On May 10, three Chadian peacekeepers were killed and four others wounded in an IED blast in Aguelhoc, "
            "in the North.")
    found = places(text)
    assert summary(found) == [("Aguelhoc", "locality", None, "north"), ("North", "part", None, "north")]
    assert part_phrase(text, found[0]) == "North"
    text = (
        "In September, two French soldiers associated with France’s Operation Barkhane were killed and one was "
        "wounded in the northern region of Tessalit when their armored vehicle struck an IED."
    )
    assert summary(places(text)) == [("northern region", "part", None, "north"),
                                     ("Tessalit", "locality", None, "north")]
    text = (
        "The salt mines of Taoudeni in the North subjected men and boys, primarily of Songhai ethnicity, to a "
        "longstanding practice of debt bondage."
    )
    assert summary(places(text)) == [("Taoudeni", "region", "taoudenit", "north"), ("North", "part", None, "north")]
    text = (
        "In August the Malian Red Cross in collaboration with MINUSMA facilitated the registration and issuance "
        "of birth certificates of 500 children, aged zero to 14 years, in the Kidal and Tin Essako circles "
        "in the north."
    )
    assert summary(places(text)) == [
        ("Kidal", "region", "kidal", "north"),
        ("Tin Essako", "locality", None, "north"),
        ("north", "part", None, "north"),
    ]


def test_placement_through_the_central_region():
    text = (
        "For example, on October 13, JNIM attacked a FAMa outpost in Soukoura town in the central Mopti Region that "
        "left nine soldiers dead; shortly thereafter, JNIM killed at least two more soldiers who had been sent as "
        "reinforcements to the base."
    )
    found = places(text)
    assert summary(found) == [
        ("Soukoura", "locality", "mopti", "center"),
        ("central", "part", None, "center"),
        ("Mopti", "region", "mopti", "center"),
    ]
    text = "Ethnic Fulani in the central Mopti and Segou Regions reported abuses by government security forces."
    assert summary(places(text)) == [
        ("central", "part", None, "center"),
        ("Mopti", "region", "mopti", "center"),
        ("Segou", "region", "segou", "center"),
    ]


def test_placement_in_the_southern_part_and_in_southern_mali():
    text = (
        "A Colombian national Roman Catholic missionary Cecilia Narvaez Argoti, captured in 2017 in Koutiala, in "
        "the southern part of the country, remained in captivity with terrorist groups."
    )
    assert summary(places(text)) == [("Koutiala", "locality", None, "south"),
                                     ("southern part of the country", "part", None, "south")]
    text = (
        "Abductions: Colombian Roman Catholic missionary Cecilia Narvaez Argoti, captured in February 2017 in "
        "Koutiala, southern Mali, and French humanitarian Sophie Petronin, abducted in Gao in 2016, remained in "
        "captivity with extremist groups."
    )
    assert summary(places(text)) == [
        ("Koutiala", "locality", None, "south"),
        ("southern Mali", "part", None, "south"),
        ("Gao", "region", "gao", None),
    ]


def test_village_in_the_central_part_and_lists_in_central_mali():
    text = (
        "Among other cases of extrajudicial killings documented by Amnesty International during the year, on "
        "February 16, the Malian Armed Forces (FAMa) reportedly committed five killings of unarmed individuals in "
        "the village of Belidanedji in the central part of the country."
    )
    assert summary(places(text))[0] == ("Belidanedji", "locality", None, "center")
    text = (
        "A June report stated that during the first six months of the year, nearly 50,000 IDPs fleeing "
        "intercommunal violence had been registered in Mopti, Sevare, and Fotama in central Mali, 2,000 of them "
        "resulting from the Ogossagou massacre."
    )
    assert summary(places(text)) == [
        ("Mopti", "region", "mopti", "center"),
        ("Sevare", "locality", None, "center"),
        ("Fotama", "locality", None, "center"),
        ("central Mali", "part", None, "center"),
    ]


def test_several_parts_place_nothing():
    text = (
        "The National Assembly had at least eight members from historically marginalized pastoralist and nomadic "
        "ethnic minorities representing the eastern and northern regions of Gao, Timbuktu, and Kidal."
    )
    assert summary(places(text)) == [
        ("eastern", "part", None, "east"),
        ("northern regions", "part", None, "north"),
        ("Gao", "region", "gao", None),
        ("Timbuktu", "region", "tombouctou", None),
        ("Kidal", "region", "kidal", None),
    ]


def test_part_nouns_and_coordinations():
    text = (
        "Killings: The military, former rebel groups, northern militias whose interests aligned with the "
        "government, and terrorist organizations killed persons throughout the country, but especially in the "
        "central and (to a lesser extent) northern regions."
    )
    assert summary(places(text)) == [("central", "part", None, "center"), ("northern regions", "part", None, "north")]
    assert (summary(places("In the center, violence across community lines escalated."))
            == [("center", "part", None, "center")])
    text = "Impunity for serious crimes committed in the country’s North and Center continued with few exceptions."
    assert summary(places(text)) == [("North", "part", None, "north"), ("Center", "part", None, "center")]
    text = (
        "The UN Office for the Coordination of Humanitarian Affairs (OCHA) reported in July that intercommunal "
        "conflict in the North, Center, and South had resulted in a level of displacement not seen since 2014."
    )
    assert [m.part for m in places(text)] == ["north", "center", "south"]
    text = (
        "The government, in collaboration with French military forces, conducted counterterrorism operations in "
        "northern and central Mali leading to the detention of extremists and armed group elements accused of "
        "committing crimes."
    )
    assert summary(places(text)) == [("northern", "part", None, "north"), ("central Mali", "part", None, "center")]


# ---------------------------------------------------------------------------------------
# Other countries: nothing is Mali-specific


def test_nigeria():
    text = (
        "In 2017 the air force mistakenly bombed an informal internally displaced persons (IDP) settlement in "
        "Rann, Borno State, which resulted in the killing and injuring of more than 100 civilians, humanitarian "
        "workers, and Nigerian Army personnel."
    )
    assert summary(places(text, "NG")) == [("Rann", "locality", "borno", None), ("Borno", "region", "borno", None)]
    # "Niger" (a country) and "Delta" (a word) are states only as "Niger State", "Delta State"
    text = "Criminal groups abducted civilians in the Niger Delta and the Southeast, often to collect ransom payments."
    assert summary(places(text, "NG")) == [("Southeast", "part", None, "southeast")]
    text = (
        "During the past year, the conflict between herdsmen and farmers in north-central states steadily slowed "
        "due to government policies and civil society conflict-resolution mechanisms."
    )
    assert places(text, "NG") == []
    text = "Sharia courts functioned in 12 northern states and the FCT."
    assert summary(places(text, "NG")) == [("northern states", "part", None, "north"), ("FCT", "region", "abuja", None)]


def test_burkina_faso():
    text = (
        "For example, on October 11, terrorists killed 16 worshippers in a mosque in the town of Salmossi in the "
        "northern Oudalon Province."
    )
    assert summary(places(text, "BF")) == [
        ("Salmossi", "locality", None, "north"),
        ("northern", "part", None, "north"),
        ("Oudalon", "locality", None, "north"),
    ]
    text = (
        "On June 9, dozens of armed unidentified gunmen, presumed to be terrorists by the government, killed at "
        "least 19 and injured 13 others in Arbinda in the north."
    )
    assert summary(places(text, "BF")) == [("Arbinda", "locality", None, "north"), ("north", "part", None, "north")]
    # "North" and "East" are regions of Burkina Faso when the text says "Regions"
    text = (
        "Local authorities in the Sahel, North, and East Regions reported terrorists displaced thousands of "
        "civilians and limited movement in rural areas."
    )
    assert summary(places(text, "BF")) == [
        ("Sahel", "region", "sahel", None),
        ("North", "region", "nord", None),
        ("East", "region", "est", None),
    ]
    text = ("The attack resulted in mass internal displacement of an estimated 25,000 civilians in the Center-North "
            "Region.")
    assert summary(places(text, "BF")) == [("Center-North", "region", "centre nord", None)]
    text = (
        "On August 19, terrorist groups attacked the Koutougou military base located in the northwest, killing "
        "24 soldiers and wounding dozens more."
    )
    assert summary(places(text, "BF")) == [("northwest", "part", None, "northwest")]


def test_afghanistan():
    text = (
        "In August the Taliban captured Dasht-e-Archi District, Kunduz Province and Pul-i-Khumri District, "
        "Baghlan Province, blocking roads leading to the Kabul highway for more than two weeks."
    )
    assert summary(places(text, "AF")) == [
        ("Dasht-e-Archi", "locality", "kunduz", None),
        ("Kunduz", "region", "kunduz", None),
        ("Pul-i-Khumri", "locality", "baghlan", None),
        ("Baghlan", "region", "baghlan", None),
        ("Kabul", "region", "kabul", None),
    ]
    text = (
        "Women’s shelter operators in the western province of Herat reported the number of women seeking legal "
        "aid and protection in that province increased during the year."
    )
    assert summary(places(text, "AF")) == [("western province", "part", None, "west"),
                                           ("Herat", "region", "herat", "west")]
    text = (
        "In the first six months of the year, UNAMA documented 25 incidents affecting education, mostly in "
        "western, eastern, northeastern, and central regions."
    )
    assert [m.part for m in places(text, "AF")] == ["west", "east", "northeast", "center"]


def test_cameroon():
    text = (
        "In its 2018 country report on Cameroon, Amnesty International indicated that the Central Prison in "
        "Maroua, Far North Region, held 1,500 detainees, more than four times the planned capacity."
    )
    assert summary(places(text, "CM")) == [("Maroua", "locality", "far north", None),
                                           ("Far North", "region", "far north", None)]
    text = ("Anglophone separatists in the Northwest and Southwest Regions as well as in the diaspora shunned the "
            "meeting.")
    assert summary(places(text, "CM")) == [
        ("Northwest", "region", "north west", None),
        ("Southwest", "region", "south west", None),
    ]
    text = (
        "The Court of Appeals of the Center Region avoided the question, stating that the Military Tribunal was "
        "handling the matter and could not be declared incompetent."
    )
    assert summary(places(text, "CM")) == [("Center", "region", "centre", None)]


def test_unknown_country_still_finds_localities_and_parts():
    text = ("On May 10, three Chadian peacekeepers were killed and four others wounded in an IED blast in Aguelhoc, "
            "in the North.")
    assert summary(places(text, None)) == [("Aguelhoc", "locality", None, "north"), ("North", "part", None, "north")]


# ---------------------------------------------------------------------------------------
# Offsets, windows, speed


def test_window_offsets_are_absolute():
    a = ("On March 19, in a non-IED-related attack, armed individuals attacked a military camp in Tarkint, Gao "
         "Region, killing at least 29 soldiers and wounding five others.")
    b = ("On May 10, three Chadian peacekeepers were killed and four others wounded in an IED blast in Aguelhoc, in "
         "the North.")
    text = a + "\n" + b
    found = find_places(text, "ML", start=len(a) + 1)
    assert [(m.name, m.start) for m in found] == [("Aguelhoc", text.index("Aguelhoc")), ("North", text.index("North"))]
    assert found[0].part_start == text.index("North")
    found = find_places(text, "ML", 0, len(a))
    assert [m.name for m in found] == ["Tarkint", "Gao"]
    assert find_places(text, "ML", 10, 10) == []


def test_a_long_report_is_read_whole():
    # its speed is measured by benchmarks/corpus.py, never asserted here
    paragraph = (
        "Attacks by extremist groups and criminal elements continued to reach beyond the northern regions to the "
        "Mopti and Segou Regions in the central part of the country, and to the Kayes Region in the West. "
        "On March 19, in a non-IED-related attack, armed individuals attacked a military camp in Tarkint, Gao "
        "Region, killing at least 29 soldiers and wounding five others. Several nongovernmental organizations "
        "reportedly suspended operations in various regions of the country periodically due to insecurity. "
        "The government failed to pursue and investigate human rights abuses in the North, which was widely "
        "controlled by CMA.\n"
    )
    text = paragraph * (180_000 // len(paragraph))
    found = find_places(text, "ML")
    per_paragraph = len(find_places(paragraph, "ML"))
    assert per_paragraph >= 4 and len(found) == per_paragraph * (180_000 // len(paragraph))


@pytest.mark.parametrize("cc", ["ML", "NG", "BF", "AF", "CM", "US", "CN", "RU", "SY", "GB", "FR", None])
def test_country_patterns_build(cc):
    assert isinstance(find_places("in the North. The village of Binedama.", cc), list)
