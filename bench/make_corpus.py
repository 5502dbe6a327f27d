#!/usr/bin/env python3
"""Deterministic benchmark corpus: N Latvian news-like documents of 2-6 KB.

    python bench/make_corpus.py OUT_DIR [-n 2000] [--seed 7]

Documents are assembled from templates written for this benchmark, with varied
names, places, dates, project codes and contacts, so every extractor has work.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = [("Anna", "Kalniņa"), ("Jānis", "Bērziņš"), ("Ilze", "Ozoliņa"), ("Pēteris", "Liepiņš"), ("Dace", "Krūmiņa"),
         ("Andris", "Vītols"), ("Laura", "Zariņa"), ("Mārtiņš", "Jansons"), ("Inese", "Kļaviņa"), ("Edgars", "Siliņš"),
         ("Kristīne", "Eglīte"), ("Raimonds", "Balodis"), ("Olga", "Ivanova"), ("Sergejs", "Petrovs"), ("Zane", "Lapiņa")]
TOWNS = [("Liepāja", "Liepājas", "Liepājā"), ("Ventspils", "Ventspils", "Ventspilī"), ("Cēsis", "Cēsu", "Cēsīs"),
         ("Jelgava", "Jelgavas", "Jelgavā"), ("Valmiera", "Valmieras", "Valmierā"), ("Rēzekne", "Rēzeknes", "Rēzeknē"),
         ("Daugavpils", "Daugavpils", "Daugavpilī"), ("Ogre", "Ogres", "Ogrē"), ("Tukums", "Tukuma", "Tukumā"),
         ("Kuldīga", "Kuldīgas", "Kuldīgā"), ("Sigulda", "Siguldas", "Siguldā"), ("Talsi", "Talsu", "Talsos")]
ABROAD = [("Drēzdenē", "Vācija"), ("Helsinkos", "Somija"), ("Tartu", "Igaunija"), ("Viļņā", "Lietuva"), ("Krakovā", "Polija"),
          ("Lisabonā", "Portugāle"), ("Malmē", "Zviedrija"), ("Valensijā", "Spānija"), ("Bergenā", "Norvēģija"), ("Brno", "Čehija")]
SCHOOLS = ["Valsts tehnikums", "vidusskola", "pamatskola", "Valsts ģimnāzija", "mūzikas vidusskola", "mākslas skola"]
MONTHS = ["janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī", "oktobrī",
          "novembrī", "decembrī"]
MONTHS_DAT = ["janvārim", "februārim", "martam", "aprīlim", "maijam", "jūnijam", "jūlijam", "augustam", "septembrim",
              "oktobrim", "novembrim", "decembrim"]
ACTIONS = ["KA121-VET", "KA122-SCH", "KA220-SCH", "KA210-ADU", "KA121-SCH", "KA220-VET"]

PARAGRAPHS = [
    "{town_gen} {school} {n} audzēkņi {year}. gada {d}. {month} devās uz {abroad}, lai iepazītos ar {country_gen} "
    "izglītības sistēmu. Brauciens notika Erasmus+ projektā Nr. {code}, ko koordinē {role} {first} {last}.",
    "No {year}. gada {d}. līdz {d2}. {month_dat} {town_loc} notika starptautisks seminārs, kurā piedalījās "
    "{n} skolotāji no {country_gen}, Latvijas un Lietuvas. Seminārs bija daļa no projekta “{title}”.",
    "Projektu finansē Eiropas Savienības programma Erasmus+, un tā kopējais budžets ir {money} eiro. Projekts "
    "ilgs līdz {year2}. gada {month_dat}, un tajā iesaistīti {n} partneri no {n2} valstīm.",
    "“Šī pieredze parādīja, cik svarīga ir sadarbība,” stāsta {role} {first} {last}. {pron} uzsver, ka "
    "skolēni apguva jaunas prasmes un iepazina citu valstu kultūru.",
    "Eiropas Sociālā fonda projektā Nr. 8.3.{a}.{b}/16/I/0{n2:02d} {town_gen} novada skolas saņēma atbalstu "
    "mācību vides uzlabošanai. Šā gada {d}.{month} skolās notika atklātās stundas.",
    "Valsts izglītības attīstības aģentūra (VIAA) atgādina, ka {year2}. gada konkursa pieteikumi jāiesniedz "
    "līdz {d}. {month_dat}. Vairāk informācijas VIAA mājaslapā www.viaa.gov.lv.",
    "Sadarbības partneri no {country_gen} viesojās {town_loc} {year}. gada {month}. Viņi apmeklēja {town_gen} "
    "{school} un tikās ar pašvaldības pārstāvjiem, lai pārrunātu nākamos soļus.",
    "Skolēni prezentēja savus darbus, bet skolotāji dalījās pieredzē par digitālo rīku izmantošanu mācību "
    "procesā. Dalībnieki vienojās turpināt sadarbību arī pēc projekta noslēguma {year2}. gadā.",
]
CONTACT = "Informāciju sagatavoja:\n\n{first} {last}\n\n{role_cap}\n\nTālr. {phone}\n\ne-pasts: {email}\n"
TITLES = ["Mācāmies kopā", "Zaļā skola", "Digitālā pratība", "Laužot stereotipus", "Kultūru tilts", "STEM bez robežām"]


def document(rng: random.Random, i: int) -> str:
    target = rng.randint(1900, 5300)
    town = rng.choice(TOWNS)
    abroad, country = rng.choice(ABROAD)
    first, last = rng.choice(FIRST)
    female = first.endswith("a") or first.endswith("e")
    year = rng.randint(2016, 2024)
    title = f"{town[1]} skolēni mācās {abroad}" if rng.random() < 0.5 else f"Projekts “{rng.choice(TITLES)}” {town[2]}"
    parts = [title, ""]
    size = len(title)
    while size < target:
        m = rng.randrange(12)
        fields = dict(
            town_gen=town[1], town_loc=town[2], school=rng.choice(SCHOOLS), n=rng.randint(5, 60), n2=rng.randint(2, 9),
            year=year, year2=year + rng.randint(1, 3), d=rng.randint(1, 14), d2=rng.randint(15, 28),
            month=MONTHS[m], month_dat=MONTHS_DAT[m],
            abroad=abroad, country_gen=country + "s",
            code=f"{year}-1-LV01-{rng.choice(ACTIONS)}-{rng.randint(0, 999999999):09d}",
            role="koordinatore" if female else "koordinators", first=first, last=last,
            pron="Viņa" if female else "Viņš", money=f"{rng.randint(10, 400)} {rng.randint(100, 999)}",
            title=rng.choice(TITLES), a=rng.randint(1, 5), b=rng.randint(0, 3),
        )
        p = rng.choice(PARAGRAPHS).format(**fields)
        parts += [p, ""]
        size += len(p) + 2
    email = f"{first.lower()}.{last.lower()}@skola{i % 50}.lv".translate(str.maketrans("āčēģīķļņšūž", "acegiklnsuz"))
    parts.append(CONTACT.format(first=first, last=last, role_cap="Projekta koordinatore" if female else "Projekta koordinators",
                                phone=f"6{rng.randint(3000000, 9999999)}", email=email))
    return "\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    make_corpus(args.out, args.n, args.seed)


def make_corpus(out: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = out / f"doc{i:05d}.txt"
        p.write_text(document(rng, i), encoding="utf-8")
        paths.append(p)
    return paths


if __name__ == "__main__":
    main()
